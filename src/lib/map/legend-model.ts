// The single description of what each thematic layer draws: the map style paints from it
// and the legend lists it, so the legend always matches the map. Pure data, no MapLibre. The
// labels come from the catalogue (i18n/messages/map.ts), in the language asked (French by default).

import { messagesFor } from '../i18n/catalogue.ts';
import { DEFAULT_LOCALE, type Locale } from '../text/locale.ts';

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

/** INSEE density grid: the three rural classes (levels 5, 6, 7). Sequential greens (ColorBrewer Greens, colour-blind safe). Labels: the catalogue. */
export const RURAL_DENSITY_CLASSES: { level: 5 | 6 | 7; color: string }[] = [
  { level: 5, color: '#c7e9c0' },
  { level: 6, color: '#74c476' },
  { level: 7, color: '#238b45' },
];

/** France Ruralités Revitalisation codes (legend not official, see the sources panel) and the former ZRR. Labels: the catalogue. */
export const FRR_CLASSES: { code: 5 | 4 | 1; color: string }[] = [
  { code: 5, color: '#1b7837' },
  { code: 4, color: '#7fbf7b' },
  { code: 1, color: '#d9f0d3' },
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
export function baseLegend(v: LayerVisibility, locale: Locale = DEFAULT_LOCALE): LegendSection[] {
  const t = messagesFor(locale).map.legend;
  const sections: LegendSection[] = [];
  if (v.qpv) {
    sections.push({
      id: 'qpv',
      title: t.qpvTitle,
      items: [{ label: t.qpvItem, fill: QPV_STYLE.fill, stroke: QPV_STYLE.stroke, pattern: 'hatch' }],
    });
  }
  if (v.rural && v.ruralMode === 'densite') {
    sections.push({
      id: 'rural',
      title: t.ruralDensityTitle,
      items: RURAL_DENSITY_CLASSES.map((c) => ({ label: t.ruralDensity[c.level], fill: c.color, stroke: COMMUNE_STROKE })),
    });
  }
  if (v.rural && v.ruralMode === 'frr') {
    sections.push({
      id: 'rural',
      title: t.frrTitle,
      items: [
        ...FRR_CLASSES.map((c) => ({ label: t.frr[c.code], fill: c.color, stroke: COMMUNE_STROKE })),
        { label: t.formerZrr, fill: null, stroke: FORMER_ZRR_STROKE, pattern: 'dash' as const },
      ],
    });
  }
  const outlines: LegendSwatch[] = [];
  if (v.communes) outlines.push({ label: t.communeLimit, fill: null, stroke: COMMUNE_STROKE });
  if (v.arrondissements) outlines.push({ label: t.arrondissement, fill: null, stroke: ARRONDISSEMENT_STROKE, pattern: 'dash' });
  if (v.epci) outlines.push({ label: t.epci, fill: null, stroke: EPCI_STROKE });
  if (v.zonesEmploi) outlines.push({ label: t.zoneEmploi, fill: null, stroke: ZONE_EMPLOI_STROKE, pattern: 'dash' });
  outlines.push({ label: t.departement, fill: null, stroke: DEPARTEMENT_STROKE });
  sections.push({ id: 'limits', title: t.limitsTitle, items: outlines });
  return sections;
}
