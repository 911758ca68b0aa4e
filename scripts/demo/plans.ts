// Where the demo rows go: communes and arrondissements of each fund, addresses.

import { type FundId, type Layoff } from '../../src/lib/domain/types.ts';

/** Weighted target communes per fund (INSEE codes). */
export const AMPA_COMMUNES: [string, number][] = [
  ['13001', 5], // Aix-en-Provence
  ['13055', 4], // Marseille
  ['13087', 2], // Rousset
  ['13028', 1.5], // La Ciotat
  ['13059', 1], // Meyreuil
  ['13042', 0.5], // Gémenos
];
export const AIRBUS_COMMUNES: [string, number][] = [
  ['13054', 6], // Marignane
  ['13117', 4], // Vitrolles
  ['13047', 3], // Istres
  ['13102', 2], // Saint-Victoret
  ['13103', 2], // Salon-de-Provence
  ['13014', 1], // Berre-l'Étang
  ['13056', 1], // Martigues
  ['13039', 1], // Fos-sur-Mer
  ['13071', 1], // Les Pennes-Mirabeau
  ['13001', 1], // Aix-en-Provence (Les Milles)
];
/** Communes hit by layoffs that the demo supports deliberately avoid (gap analysis). */
export const DEMO_GAP_COMMUNES = ['13077', '13108', '13078', '13041'];
/** Marseille arrondissements (downtown, innovation districts) for AMPA rows in Marseille. */
export const AMPA_MARSEILLE_ARR = ['13202', '13203', '13206', '13208', '13209', '13213'];
/** ADIE rows outside QPV, in urban communes. */
export const ADIE_URBAN_COMMUNES = ['13004', '13005', '13103', '13047', '13028', '13117', '13056', '13001'];

export const NAF: Record<FundId, string[]> = {
  ampa: ['62.01Z', '62.02A', '63.11Z', '72.11Z', '72.19Z', '21.20Z', '26.11Z', '26.51B', '71.12B'],
  airbus: ['25.62B', '25.61Z', '25.73B', '28.99B', '30.30Z', '33.16Z', '33.20C', '71.12B', '71.20B'],
  adie: ['56.10C', '96.02A', '43.34Z', '43.21A', '49.32Z', '47.81Z', '45.20A', '85.59B', '74.10Z', '10.71C', '81.21Z', '53.20Z', '47.91B', '96.09Z'],
};
export const ADIE_RURAL_NAF = ['01.13Z', '01.21Z', '56.10A', '43.32A', '47.81Z', '10.71C', '55.20Z'];

export const STREETS = ['rue des Amandiers', 'avenue des Platanes', 'chemin des Oliviers', 'boulevard des Cigales', 'rue du Mistral', 'allée des Lavandes', 'impasse des Micocouliers', 'route des Pins', 'rue de la Garrigue', 'avenue des Tilleuls', 'rue des Glycines', 'chemin de la Source'];

/** Layoff plan: [commune or Marseille arrondissement code, events]. */
export const LAYOFF_PLAN: [string, number][] = [
  ['13039', 2], // Fos-sur-Mer
  ['13056', 2], // Martigues
  ['13054', 1], // Marignane
  ['13117', 1], // Vitrolles
  ['13041', 2], // Gardanne (no support)
  ['13087', 1], // Rousset
  ['13028', 1], // La Ciotat
  ['13108', 1], // Tarascon (no support)
  ['13004', 1], // Arles
  ['13214', 1], // Marseille 14e
  ['13215', 1], // Marseille 15e
  ['13216', 1], // Marseille 16e
  ['13014', 1], // Berre-l'Étang
  ['13077', 2], // Port-de-Bouc (no support)
  ['13047', 1], // Istres
  ['13078', 1], // Port-Saint-Louis-du-Rhône (no support)
];
