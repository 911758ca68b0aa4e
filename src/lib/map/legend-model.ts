// The single description of what each thematic layer draws: the map style paints from it
// and the legend lists it, so the legend always matches the map. Pure data, no MapLibre.

export interface LegendSwatch {
  label: string;
  /** Fill colour, or null for an outline-only entry. */
  fill: string | null;
  /** Outline colour, when the entry is drawn as an outline. */
  stroke?: string;
  /** Non-colour cue shown in the legend and on the map. */
  pattern?: 'hatch' | 'dash';
  /** Drawn as a circle (proportional symbols) of this diameter in px instead of a box. */
  shape?: 'circle';
  size?: number;
}

/** INSEE density grid: the three rural classes (levels 5, 6, 7). Sequential greens (ColorBrewer Greens, colour-blind safe). */
export const RURAL_DENSITY_CLASSES: { level: number; label: string; color: string }[] = [
  { level: 5, label: 'Bourgs ruraux', color: '#c7e9c0' },
  { level: 6, label: 'Rural à habitat dispersé', color: '#74c476' },
  { level: 7, label: 'Rural à habitat très dispersé', color: '#238b45' },
];

/** France Ruralités Revitalisation codes (legend not official, see the sources panel) and the former ZRR. */
export const FRR_CLASSES: { code: number; label: string; color: string }[] = [
  { code: 5, label: 'FRR+', color: '#1b7837' },
  { code: 4, label: 'FRR', color: '#7fbf7b' },
  { code: 1, label: 'Effets du FRR (ancienne ZRR, transitoire)', color: '#d9f0d3' },
];
export const FORMER_ZRR_STROKE = '#5a3d00';

export const QPV_STYLE = { fill: '#8e3b8e', stroke: '#6a1b6a' } as const;
export const COMMUNE_STROKE = '#6a6a6a';
export const DEPARTEMENT_STROKE = '#161616';
export const EPCI_STROKE = '#000091';
export const ZONE_EMPLOI_STROKE = '#b34000';
export const ARRONDISSEMENT_STROKE = '#3a3a3a';
export const LAND_COLOR = '#fbfbf8';
export const CONTEXT_LAND_COLOR = '#e6e6e3';
export const SEA_COLOR = '#cfe3f1';

import { layersToVisibility, ROUTE_DEFAULTS, type RuralMode } from '../routing/route.ts';

export interface LayerVisibility {
  communes: boolean;
  qpv: boolean;
  rural: boolean;
  ruralMode: RuralMode;
  arrondissements: boolean;
  epci: boolean;
  zonesEmploi: boolean;
}

/** The visibility the default route gives (the route table declares the default layers). */
export const DEFAULT_VISIBILITY: LayerVisibility = layersToVisibility(ROUTE_DEFAULTS.layers, ROUTE_DEFAULTS.ruralMode).visibility;

export interface LegendSection {
  id: string;
  title: string;
  items: LegendSwatch[];
}

/** Legend sections for the base layers that are currently visible, in drawing order (top first). */
export function baseLegend(v: LayerVisibility): LegendSection[] {
  const sections: LegendSection[] = [];
  if (v.qpv) {
    sections.push({
      id: 'qpv',
      title: 'Quartiers prioritaires (QPV 2024)',
      items: [{ label: 'Quartier prioritaire de la politique de la ville', fill: QPV_STYLE.fill, stroke: QPV_STYLE.stroke, pattern: 'hatch' }],
    });
  }
  if (v.rural && v.ruralMode === 'densite') {
    sections.push({
      id: 'rural',
      title: 'Communes rurales (grille de densité INSEE)',
      items: RURAL_DENSITY_CLASSES.map((c) => ({ label: c.label, fill: c.color, stroke: COMMUNE_STROKE })),
    });
  }
  if (v.rural && v.ruralMode === 'frr') {
    sections.push({
      id: 'rural',
      title: 'France Ruralités Revitalisation',
      items: [
        ...FRR_CLASSES.map((c) => ({ label: c.label, fill: c.color, stroke: COMMUNE_STROKE })),
        { label: 'Ancienne ZRR (jusqu’au 30 juin 2024)', fill: null, stroke: FORMER_ZRR_STROKE, pattern: 'dash' as const },
      ],
    });
  }
  const outlines: LegendSwatch[] = [];
  if (v.communes) outlines.push({ label: 'Limite de commune', fill: null, stroke: COMMUNE_STROKE });
  if (v.arrondissements) outlines.push({ label: 'Arrondissement de Marseille', fill: null, stroke: ARRONDISSEMENT_STROKE, pattern: 'dash' });
  if (v.epci) outlines.push({ label: 'Intercommunalité (EPCI)', fill: null, stroke: EPCI_STROKE });
  if (v.zonesEmploi) outlines.push({ label: 'Zone d’emploi 2020', fill: null, stroke: ZONE_EMPLOI_STROKE, pattern: 'dash' });
  outlines.push({ label: 'Département des Bouches-du-Rhône', fill: null, stroke: DEPARTEMENT_STROKE });
  sections.push({ id: 'limits', title: 'Limites', items: outlines });
  return sections;
}
