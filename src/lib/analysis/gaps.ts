// Gap analysis for planners: where is the need, where did the support go, and which territories
// hit by collective layoffs got nothing ("zones blanches")? Pure: no DOM, no Svelte, no MapLibre.
//
// 1. `buildGapRows(level, aggregation, index)` gives one row per territory of a level with its
//    figures (from the AggregationResult), its NEED values and its SUPPORT values.
// 2. `bivariate(rows, needId, supportId)` puts every row in a 3 × 3 grid (need tercile ×
//    support tercile) with a colour-blind-safe bivariate palette.
// 3. `whiteZones(rows, needId, supportId)` lists the affected / high-need territories that got
//    no or little support, with the coverage ratio and a French reason.
// 4. `sortRows(rows, key, dir)` sorts the table.
//
// Method notes (also shown to users through NeedIndicator.description):
// - Means over several communes (EPCI, zone d'emploi, a QPV on two communes) are weighted by the
//   communes' population, communes without a value left out. For median income this is a mean
//   of medians, an approximation of the territory's median.
// - A QPV has no population, no income and no layoffs of its own in our data: its unemployment,
//   social-minima and income values are those of its commune(s), and its "jobs cut" are the
//   jobs cut in its commune(s) (a QPV is "affected" when its commune is). For Marseille this is
//   the whole commune (QPVs carry no arrondissement).
// - The QPV population is not in our data, so `qpvCount` (number of QPVs) stands in for the
//   weight of priority neighbourhoods. It is a count, not a share: it grows with the size of
//   the territory.
//
// Files: gap-needs.ts (levels, need indicators), gap-rows.ts (rows), this file (classes, zones
// blanches, sorting).

import { classify, classOf } from './classify.ts';
import type { TerritoryFigures } from './types.ts';
import { indicatorById, type SupportIndicatorId } from './indicators.ts';
import { needById, type NeedId } from './gap-needs.ts';
import { isSupportSecret, type GapRow } from './gap-rows.ts';
import { isSecretFigure } from '../domain/privacy.ts';

// The levels, need indicators and rows live beside this file (split by concern); the gap
// analysis is used through here.
export { GAP_LEVELS, GAP_LEVEL_LABELS, NEED_INDICATORS, needById, needIndicatorsFor, type GapLevel, type NeedId, type NeedIndicator } from './gap-needs.ts';
export { buildGapRows, isSupportSecret, type GapRow, type GapRowsOptions } from './gap-rows.ts';

// ---------------------------------------------------------------------------------------------
// Bivariate classes

export type Tercile = 0 | 1 | 2;

/** French names of the three classes, low → high. */
export const TERCILE_LABELS: readonly [string, string, string] = ['faible', 'moyen', 'élevé'];

/**
 * 3 × 3 bivariate palette, BIVARIATE_PALETTE[needClass][supportClass].
 *
 * Source: Cynthia A. Brewer's orange–blue sequential–sequential scheme (Brewer, "Color Use
 * Guidelines for Data Representation", 1999; colours as published in the R package `pals`,
 * `brewer.orangeblue`). Need runs along the orange hue (light grey → amber), support along the
 * blue hue (light grey → blue), both high → black. Blue/orange is the pair of hues kept apart by
 * protanopia, deuteranopia and tritanopia. Checked in test/unit/gaps.test.ts: simulating the three
 * dichromacies (Machado et al. 2009, severity 1), every pair of the 9 colours stays at least
 * ΔE2000 10 apart; among Joshua Stevens' published 3 × 3 schemes (blue–red, pink–blue,
 * green–blue, purple–gold) none kept that margin under all three (blue–red: 7.8 under protanopia).
 *
 * Reading: amber (#f3b300) = high need, low support — the "zones blanches"; blue = supported
 * without particular need; black = high need AND high support.
 */
export const BIVARIATE_PALETTE: readonly (readonly [string, string, string])[] = [
  // need faible:   support faible, moyen, élevé
  ['#f3f3f3', '#b4d3e1', '#509dc2'],
  // need moyen
  ['#f3e6b3', '#b3b3b3', '#376387'],
  // need élevé
  ['#f3b300', '#b36600', '#000000'],
];


export interface BivariateCell {
  needClass: Tercile;
  supportClass: Tercile;
  color: string;
}

export interface BivariateResult {
  needId: NeedId;
  supportId: SupportIndicatorId;
  /** Territory code → its cell. Rows whose need or support value is null are absent (see `missing`). */
  classes: Map<string, BivariateCell>;
  /** Codes of rows without a class (null need or support value), secret ones excepted. */
  missing: string[];
  /** Codes of rows whose support is « secret statistique »: never classed, never counted in the terciles. */
  secret: string[];
  /** counts[needClass][supportClass]: number of rows per cell. */
  counts: number[][];
  /** Raw value range [min, max] of each need class (index = class), null when empty. For income, class 2 holds the LOWEST incomes. */
  needRanges: ([number, number] | null)[];
  /** Raw value range of each support class. */
  supportRanges: ([number, number] | null)[];
  palette: readonly (readonly [string, string, string])[];
}

/**
 * Terciles of oriented values (higher = more). Method:
 * - null values get no class;
 * - `zeroIsLowest`: a value ≤ 0 is always class 0. When the zeros fill at least a third of the
 *   values, class 0 is exactly the zeros and the positive values are split at their median
 *   (classify 'quantile', k = 2) into classes 1 and 2 (all positive values equal → class 2);
 * - otherwise classify(values, 'quantile', 3). Ties never split (classify keeps equal values in
 *   one class): when ties leave only 2 classes they become 0 and 2, a single class (all values
 *   equal, no contrast) becomes 1 — except zeros under `zeroIsLowest`, which stay 0.
 */
export function terciles(values: readonly (number | null)[], zeroIsLowest: boolean): (Tercile | null)[] {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const out: (Tercile | null)[] = values.map(() => null);
  if (finite.length === 0) return out;
  const isZero = (v: number) => zeroIsLowest && v <= 0;
  const zeros = finite.filter(isZero).length;
  const n = finite.length;

  if (zeros > 0 && zeros * 3 >= n) {
    const positives = finite.filter((v) => !isZero(v));
    const breaks = classify(positives, 'quantile', 2);
    const nc = breaks.length - 1;
    values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) return;
      if (isZero(v)) out[i] = 0;
      else out[i] = nc >= 2 ? ((1 + classOf(v, breaks)) as Tercile) : 2;
    });
    return out;
  }

  const breaks = classify(finite, 'quantile', 3);
  const nc = breaks.length - 1;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    if (isZero(v)) {
      out[i] = 0;
      return;
    }
    const c = classOf(v, breaks);
    out[i] = nc >= 3 ? (c as Tercile) : nc === 2 ? (c === 0 ? 0 : 2) : 1;
  });
  return out;
}

/** Need value oriented so that higher = more need (income negated). */
export function needScore(row: Pick<GapRow, 'need'>, needId: NeedId): number | null {
  const v = row.need[needId];
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  return needById(needId).direction === 'lower' ? -v : v;
}

function ranges(values: readonly (number | null)[], classes: readonly (Tercile | null)[]): ([number, number] | null)[] {
  const out: ([number, number] | null)[] = [null, null, null];
  values.forEach((v, i) => {
    const c = classes[i];
    if (v === null || c === null) return;
    const r = out[c];
    out[c] = r ? [Math.min(r[0], v), Math.max(r[1], v)] : [v, v];
  });
  return out;
}

/** 3 × 3 bivariate classes of the rows (terciles computed over the rows given). */
export function bivariate(rows: readonly GapRow[], needId: NeedId, supportId: SupportIndicatorId): BivariateResult {
  const need = needById(needId);
  const scores = rows.map((r) => needScore(r, needId));
  // Zero-as-lowest applies to the raw value; income (direction 'lower') has no such zero.
  const needClasses = terciles(scores, need.zeroIsLowest && need.direction === 'higher');
  const supportVals = rows.map((r) => r.support[supportId] ?? null);
  const supportClasses = terciles(supportVals, true);

  const classes = new Map<string, BivariateCell>();
  const missing: string[] = [];
  const secret: string[] = [];
  const counts = [0, 1, 2].map(() => [0, 0, 0]);
  rows.forEach((r, i) => {
    const nc = needClasses[i];
    const sc = supportClasses[i];
    if (isSupportSecret(r, supportId)) {
      secret.push(r.code);
      return;
    }
    if (nc === null || sc === null) {
      missing.push(r.code);
      return;
    }
    classes.set(r.code, { needClass: nc, supportClass: sc, color: BIVARIATE_PALETTE[nc][sc] });
    counts[nc][sc]++;
  });
  return {
    needId,
    supportId,
    classes,
    missing,
    secret,
    counts,
    needRanges: ranges(
      rows.map((r) => r.need[needId] ?? null),
      needClasses,
    ),
    supportRanges: ranges(supportVals, supportClasses),
    palette: BIVARIATE_PALETTE,
  };
}

export interface BivariateLegendCell extends BivariateCell {
  count: number;
  /** e.g. "Besoin élevé, soutien faible (4 territoires)" — for screen readers and tooltips. */
  label: string;
}

export interface BivariateLegend {
  title: string;
  /** Vertical axis, drawn bottom → top. */
  yLabel: 'Besoin →';
  /** Horizontal axis, drawn left → right. */
  xLabel: 'Soutien →';
  needLabel: string;
  supportLabel: string;
  /** Three rows of three cells, TOP row first (need élevé), each row left → right (support faible → élevé). */
  grid: BivariateLegendCell[][];
}

/** The 3 × 3 legend square: need grows upwards, support grows to the right. */
export function bivariateLegend(result: BivariateResult): BivariateLegend {
  const need = needById(result.needId);
  const support = indicatorById(result.supportId);
  const grid: BivariateLegendCell[][] = [];
  for (let nc = 2; nc >= 0; nc--) {
    const row: BivariateLegendCell[] = [];
    for (let sc = 0; sc <= 2; sc++) {
      const count = result.counts[nc][sc];
      row.push({
        needClass: nc as Tercile,
        supportClass: sc as Tercile,
        color: result.palette[nc][sc],
        count,
        label: `Besoin ${TERCILE_LABELS[nc]}, soutien ${TERCILE_LABELS[sc]} (${count} territoire${count > 1 ? 's' : ''})`,
      });
    }
    grid.push(row);
  }
  return { title: `${need.label} × ${support.label}`, yLabel: 'Besoin →', xLabel: 'Soutien →', needLabel: need.label, supportLabel: support.label, grid };
}

// ---------------------------------------------------------------------------------------------
// Zones blanches

export type WhiteZoneReason =
  | 'Touchée par des licenciements, aucun soutien'
  | 'Touchée par des licenciements, soutien faible'
  | 'Besoin élevé, aucun soutien'
  | 'Besoin élevé, soutien faible';

export interface WhiteZone {
  code: string;
  name: string;
  row: GapRow;
  /** Raw need value (for income: euros, the lower the needier). */
  needValue: number | null;
  needClass: Tercile | null;
  supportClass: Tercile;
  /** jobsCut > 0 (for a QPV: in its commune). */
  affected: boolean;
  /**
   * Jobs created / jobs cut; null when no job was cut. For a QPV: jobs created in the QPV over
   * jobs cut in its commune(s), a lower bound of the commune's coverage.
   */
  coverage: number | null;
  reason: WhiteZoneReason;
}

/**
 * Territories that are affected by layoffs (jobsCut > 0) or in the top need tercile, and got no
 * or little support (support class 0; no supported company at all always counts as class 0).
 * A territory whose support is « secret statistique » is never listed (its class is unknown).
 * Sorted by need, neediest first (then jobs cut, then name).
 */
export function whiteZones(rows: readonly GapRow[], needId: NeedId, supportId: SupportIndicatorId = 'jobs'): WhiteZone[] {
  const supportClasses = terciles(
    rows.map((r) => r.support[supportId] ?? null),
    true,
  );
  const needClasses = terciles(
    rows.map((r) => needScore(r, needId)),
    needById(needId).zeroIsLowest && needById(needId).direction === 'higher',
  );
  const out: WhiteZone[] = [];
  rows.forEach((r, i) => {
    if (isSupportSecret(r, supportId)) return;
    const none = r.figures.companies === 0 && !isSecretFigure(r.figures, ['companies']);
    const sc: Tercile | null = none ? 0 : supportClasses[i];
    if (sc !== 0) return;
    const jobsCut = r.need.jobsCut ?? 0;
    const affected = jobsCut > 0;
    const nc = needClasses[i];
    if (!affected && nc !== 2) return;
    const reason: WhiteZoneReason = affected
      ? none
        ? 'Touchée par des licenciements, aucun soutien'
        : 'Touchée par des licenciements, soutien faible'
      : none
        ? 'Besoin élevé, aucun soutien'
        : 'Besoin élevé, soutien faible';
    out.push({
      code: r.code,
      name: r.name,
      row: r,
      needValue: r.need[needId] ?? null,
      needClass: nc,
      supportClass: 0,
      affected,
      coverage: jobsCut > 0 && !isSecretFigure(r.figures, ['jobs']) ? r.figures.jobs / jobsCut : null,
      reason,
    });
  });
  const score = (z: WhiteZone) => needScore(z.row, needId);
  return out.sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    if (sa !== sb) {
      if (sa === null) return 1;
      if (sb === null) return -1;
      return sb - sa;
    }
    const cut = (b.row.need.jobsCut ?? 0) - (a.row.need.jobsCut ?? 0);
    if (cut !== 0) return cut;
    return a.name.localeCompare(b.name, 'fr');
  });
}

// ---------------------------------------------------------------------------------------------
// Sorting

export type GapSortKey =
  | 'name'
  | 'code'
  | 'population'
  | `need.${NeedId}`
  | `support.${SupportIndicatorId}`
  | `figures.${Exclude<keyof TerritoryFigures, 'population'>}`;

export type SortDir = 'asc' | 'desc';

function sortValue(r: GapRow, key: GapSortKey): string | number | null {
  if (key === 'name') return r.name;
  if (key === 'code') return r.code;
  if (key === 'population') return r.population;
  const [group, field] = key.split('.') as [string, string];
  if (group === 'need') return r.need[field as NeedId] ?? null;
  if (group === 'support') return r.support[field as SupportIndicatorId] ?? null;
  if (group === 'figures') return (r.figures[field as keyof TerritoryFigures] as number | null) ?? null;
  return null;
}

/**
 * Sorted copy of the rows. Null values always go last (whatever the direction); ties are
 * broken by name (French collation, ascending) so the order is stable and predictable.
 */
export function sortRows<R extends GapRow>(rows: readonly R[], key: GapSortKey, dir: SortDir = 'asc'): R[] {
  const sign = dir === 'desc' ? -1 : 1;
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (va !== vb) {
      const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
      if (c !== 0) return sign * c;
    }
    return collator.compare(a.name, b.name);
  });
}
