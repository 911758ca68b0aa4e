// Source and output file lists, shared by build.ts and ensure.ts.
// Keep this module free of heavy imports: ensure.ts must start fast.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Raw files read from the source folder (GEODATA_SOURCE). */
export const SOURCE_FILES = {
  communes: 'communes-13.geojson',
  communesOsm: 'communes-13-osm.geojson',
  communesCsv: 'communes-france-2024-13.csv',
  communes84: 'communes-84-vaucluse.geojson',
  communes83: 'communes-83-var.geojson',
  communes04: 'communes-04-alpes-de-haute-provence.geojson',
  communes30: 'communes-30-gard.geojson',
  qpv: 'qpv-2024-13-5dec.geojson',
  qpvCheck: 'qpv-2024-13.geojson',
  arrondissements: 'arrondissements-marseille.geojson',
  departement: 'departement-13.geojson',
  departements: 'departements-13-et-voisins.geojson',
  frr: 'frr-communes-13.csv',
  zrr: 'zrr-communes-13.csv',
  zeCommunes: 'zones-emploi-2020-communes-13.csv',
  zeChomage: 'zones-emploi-2020-chomage-13.csv',
  filosofi: 'filosofi-2021-communes-13.csv',
} as const;

export type SourceKey = keyof typeof SOURCE_FILES;

/** Files of @etalab/decoupage-administratif used by the build. */
export const DECOUPAGE_DIR = path.join(PROJECT_ROOT, 'node_modules', '@etalab', 'decoupage-administratif');
export const DECOUPAGE_FILES = {
  packageJson: path.join(DECOUPAGE_DIR, 'package.json'),
  communes: path.join(DECOUPAGE_DIR, 'data', 'communes.json'),
  epci: path.join(DECOUPAGE_DIR, 'data', 'epci.json'),
  departements: path.join(DECOUPAGE_DIR, 'data', 'departements.json'),
} as const;

/** Layers written under public/data/ (manifest.json is written last). */
export const OUTPUT_FILES = [
  'communes.geojson',
  'qpv.geojson',
  'arrondissements.geojson',
  'epci.geojson',
  'zones-emploi.geojson',
  'departement.geojson',
  'context.geojson',
  'commune-labels.geojson',
  'communes-voisines.geojson',
  'territoires.json',
  'hors-departement.json',
  'manifest.json',
] as const;

export const DEFAULT_OUT_DIR = path.join(PROJECT_ROOT, 'public', 'data');

/** Source folder: env GEODATA_SOURCE, or ../shared/geodata relative to the project root. */
export function resolveSourceDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.GEODATA_SOURCE;
  return path.resolve(PROJECT_ROOT, fromEnv && fromEnv.trim() !== '' ? fromEnv : '../shared/geodata');
}

export class GeodataSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeodataSourceError';
  }
}

export function missingSourceMessage(filePath: string, env: NodeJS.ProcessEnv = process.env): string {
  const envValue = env.GEODATA_SOURCE ?? '(non défini, dossier par défaut ../shared/geodata)';
  return `Fichier source manquant : ${filePath} (GEODATA_SOURCE=${envValue})`;
}
