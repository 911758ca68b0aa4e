// Choropleth of communes by an indicator: classes, colours and the legend that describes them
// exactly. Pure: the map receives `classes` as feature-state, the legend receives `legend` (French)
// or `legendIn(c, locale)` (labels in the interface language, from the catalogue).

import type { TerritoryFigures } from './types.ts';
import { classify, classOf, type ClassifyMethod } from './classify.ts';
import { NO_DATA_COLOR, paletteFor } from './palettes.ts';
import { indicatorById, type Indicator, type IndicatorId } from './indicators.ts';
import { DERIVED_FROM, isSecretFigure } from '../domain/privacy.ts';
import { messagesFor } from '../i18n/catalogue.ts';
import { DEFAULT_LOCALE, type Locale } from '../text/locale.ts';
import { numberFormats } from '../text/format.ts';

const METHOD_IDS: readonly ClassifyMethod[] = ['quantile', 'equal', 'jenks'];

/** The classification methods and their names in a language (French by default). */
export const classifyMethods = (locale: Locale = DEFAULT_LOCALE): { id: ClassifyMethod; label: string }[] =>
  METHOD_IDS.map((id) => ({ id, label: messagesFor(locale).map.methods[id] }));

export const ZERO_COLOR = '#ffffff';
/** Territories whose figure is « secret statistique » (public figures): drawn, never classed. */
export const SECRET_COLOR = '#cecece';
export const SECRET_LEGEND_LABEL = messagesFor(DEFAULT_LOCALE).common.secret;

export interface ChoroplethLegendItem {
  label: string;
  color: string;
  /** Number of communes in the class. */
  count: number;
}

/** What a legend entry stands for, so that its label can be written in any language. */
export type ChoroplethLegendKey = { kind: 'range'; lo: number; hi: number; first: boolean } | { kind: 'zero' | 'none' | 'secret' };

export interface Choropleth {
  indicator: Indicator;
  breaks: number[];
  /** Colours indexed by class; the zero class and the no-value class come after the palette. */
  colors: string[];
  /** Commune code → index into `colors`. */
  classes: Map<string, number>;
  legend: ChoroplethLegendItem[];
  /** One key per legend entry, in the same order. */
  legendKeys: ChoroplethLegendKey[];
}

/** An indicator's name in a language (the registry's label is the French one). */
export const indicatorLabel = (indicator: Indicator, locale: Locale = DEFAULT_LOCALE): string => messagesFor(locale).common.indicators[indicator.id].label;

/** An indicator's value written in a language: French keeps the registry's own format. */
const formatIn = (indicator: Indicator, v: number, locale: Locale): string =>
  indicator.format(v, locale === DEFAULT_LOCALE ? undefined : numberFormats(locale));

/** The label of one legend entry in a language. */
export function legendLabel(key: ChoroplethLegendKey, indicator: Indicator, locale: Locale = DEFAULT_LOCALE): string {
  const m = messagesFor(locale);
  const t = m.map.classes;
  const f = (v: number) => formatIn(indicator, v, locale);
  switch (key.kind) {
    case 'range':
      return key.lo === key.hi ? f(key.hi) : key.first ? t.range(f(key.lo), f(key.hi)) : t.above(f(key.lo), f(key.hi));
    case 'zero':
      return indicator.kind === 'count' ? m.common.none : '0';
    case 'none':
      return m.common.notApplicable;
    case 'secret':
      return m.common.secret;
  }
}

/** The legend of a choropleth with its labels in a language (the classes and colours do not change). */
export function legendIn(c: Choropleth, locale: Locale): ChoroplethLegendItem[] {
  return c.legend.map((l, i) => ({ ...l, label: legendLabel(c.legendKeys[i], c.indicator, locale) }));
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

  const keyed: { key: ChoroplethLegendKey; color: string; count: number }[] = [];
  for (let i = n - 1; i >= 0; i--) {
    keyed.push({ key: { kind: 'range', lo: breaks[i], hi: breaks[i + 1], first: i === 0 }, color: palette[i], count: counts[i] });
  }
  if (counts[zeroIndex] > 0) keyed.push({ key: { kind: 'zero' }, color: ZERO_COLOR, count: counts[zeroIndex] });
  if (counts[noneIndex] > 0) keyed.push({ key: { kind: 'none' }, color: NO_DATA_COLOR, count: counts[noneIndex] });
  if (secret.length > 0) keyed.push({ key: { kind: 'secret' }, color: SECRET_COLOR, count: secret.length });
  const legend = keyed.map(({ key, color, count }) => ({ label: legendLabel(key, indicator), color, count }));
  const legendKeys = keyed.map((k) => k.key);
  return { indicator, breaks, colors, classes, legend, legendKeys };
}
