// Choropleth of communes by an indicator: classes, colours and the legend that describes them
// exactly. Pure: the map receives `classes` as feature-state, the legend receives `legend`.

import type { TerritoryFigures } from './types.ts';
import { classify, classOf, type ClassifyMethod } from './classify.ts';
import { NO_DATA_COLOR, paletteFor } from './palettes.ts';
import { indicatorById, type Indicator, type IndicatorId } from './indicators.ts';
import { DERIVED_FROM, isSecretFigure } from '../domain/privacy.ts';
import { messagesFor } from '../i18n/catalogue.ts';

export const CLASSIFY_METHODS: { id: ClassifyMethod; label: string }[] = [
  { id: 'quantile', label: 'Quantiles (effectifs égaux)' },
  { id: 'equal', label: 'Intervalles égaux' },
  { id: 'jenks', label: 'Seuils naturels (Jenks)' },
];

export const ZERO_COLOR = '#ffffff';
/** Territories whose figure is « secret statistique » (public figures): drawn, never classed. */
export const SECRET_COLOR = '#cecece';
export const SECRET_LEGEND_LABEL = messagesFor('fr').common.secret;

export interface ChoroplethLegendItem {
  label: string;
  color: string;
  /** Number of communes in the class. */
  count: number;
}

export interface Choropleth {
  indicator: Indicator;
  breaks: number[];
  /** Colours indexed by class; the zero class and the no-value class come after the palette. */
  colors: string[];
  /** Commune code → index into `colors`. */
  classes: Map<string, number>;
  legend: ChoroplethLegendItem[];
}

/**
 * Classes communes by an indicator. Zero values of count indicators get their own class ("Aucun")
 * so that territories that received nothing stand out; the breaks are computed on the positive values.
 * A territory whose indicator rests on a suppressed figure (public figures, domain/privacy.ts) gets
 * the « secret statistique » class, after the others: it never enters the breaks, so the class
 * bounds do not bracket it.
 */
export function buildChoropleth(
  byTerritory: Record<string, TerritoryFigures>,
  indicatorId: IndicatorId,
  method: ClassifyMethod,
  k: number,
): Choropleth {
  const indicator = indicatorById(indicatorId);
  const secret = Object.entries(byTerritory)
    .filter(([, f]) => isSecretFigure(f, DERIVED_FROM[indicatorId]))
    .map(([code]) => code);
  const secretSet = new Set(secret);
  const entries = Object.entries(byTerritory)
    .filter(([code]) => !secretSet.has(code))
    .map(([code, f]) => [code, indicator.value(f)] as const);
  const positives = entries.map(([, v]) => v).filter((v): v is number => v !== null && v > 0);
  const breaks = classify(positives, method, k);
  const n = Math.max(0, breaks.length - 1);
  const palette = paletteFor(indicator.palette, n);
  const zeroIndex = palette.length;
  const noneIndex = palette.length + 1;
  // The « secret statistique » colour comes last, only when some territory needs it.
  const secretIndex = palette.length + 2;
  const colors = [...palette, ZERO_COLOR, NO_DATA_COLOR, ...(secret.length ? [SECRET_COLOR] : [])];

  const classes = new Map<string, number>();
  const counts = new Array<number>(colors.length).fill(0);
  for (const [code, v] of entries) {
    const cls = v === null ? noneIndex : v <= 0 ? zeroIndex : classOf(v, breaks);
    classes.set(code, cls);
    counts[cls]++;
  }
  for (const code of secret) classes.set(code, secretIndex);
  if (secret.length) counts[secretIndex] = secret.length;

  const legend: ChoroplethLegendItem[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const lo = breaks[i];
    const hi = breaks[i + 1];
    const label = lo === hi ? indicator.format(hi) : i === 0 ? `${indicator.format(lo)} à ${indicator.format(hi)}` : `plus de ${indicator.format(lo)} à ${indicator.format(hi)}`;
    legend.push({ label, color: palette[i], count: counts[i] });
  }
  if (counts[zeroIndex] > 0) legend.push({ label: indicator.kind === 'count' ? 'Aucun' : '0', color: ZERO_COLOR, count: counts[zeroIndex] });
  if (counts[noneIndex] > 0) legend.push({ label: 'Sans objet', color: NO_DATA_COLOR, count: counts[noneIndex] });
  if (secret.length > 0) legend.push({ label: SECRET_LEGEND_LABEL, color: SECRET_COLOR, count: secret.length });
  return { indicator, breaks, colors, classes, legend };
}
