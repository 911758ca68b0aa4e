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

import { classify, classOf } from './classify.ts';
import { emptyFigures, type AggregationResult, type TerritoryFigures } from './types.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import { formatDec1, formatInt } from '../text/format.ts';
import { INDICATOR_REGISTRY, SUPPORT_INDICATOR_IDS, indicatorById, type SupportIndicatorId } from './indicators.ts';
import { DERIVED_FROM, isSecretFigure } from '../domain/privacy.ts';

export type GapLevel = 'commune' | 'epci' | 'ze' | 'qpv';
export const GAP_LEVELS: readonly GapLevel[] = ['commune', 'epci', 'ze', 'qpv'];
export const GAP_LEVEL_LABELS: Readonly<Record<GapLevel, string>> = {
  commune: 'Communes',
  epci: 'Intercommunalités (EPCI)',
  ze: 'Zones d’emploi',
  qpv: 'Quartiers prioritaires (QPV)',
};

// ---------------------------------------------------------------------------------------------
// Indicators

export type NeedId = 'jobsCut' | 'unemployment' | 'socialMinima' | 'lowIncome' | 'qpvCount' | 'rural';

export interface NeedIndicator {
  id: NeedId;
  /** French label for selects and table headers. */
  label: string;
  unit: string;
  /** 'higher': a higher value means more need; 'lower': a LOWER value means more need (income). */
  direction: 'higher' | 'lower';
  /** True when 0 means "no need at all" and always goes to the lowest need class. */
  zeroIsLowest: boolean;
  /** Levels where the indicator exists (others give null). */
  levels: readonly GapLevel[];
  /** French explanation of the method, for a tooltip or the "Méthode" section. */
  description: string;
  format: (v: number) => string;
}

const ALL_LEVELS = GAP_LEVELS;

export const NEED_INDICATORS: readonly NeedIndicator[] = [
  {
    id: 'jobsCut',
    label: 'Emplois supprimés (licenciements collectifs)',
    unit: 'emplois',
    direction: 'higher',
    zeroIsLowest: true,
    levels: ALL_LEVELS,
    description:
      'Emplois supprimés par les licenciements collectifs de la période. Pour un quartier prioritaire : ceux de sa commune (les licenciements ne sont pas localisés par quartier).',
    format: formatInt,
  },
  {
    id: 'unemployment',
    label: 'Taux de chômage de la zone d’emploi',
    unit: '%',
    direction: 'higher',
    zeroIsLowest: false,
    levels: ALL_LEVELS,
    description:
      'Taux de chômage localisé (INSEE, dernier trimestre) de la zone d’emploi. Commune et quartier : celui de leur zone d’emploi ; intercommunalité : moyenne des taux des zones d’emploi de ses communes, pondérée par leur population.',
    format: (v) => `${formatDec1(v)} %`,
  },
  {
    id: 'socialMinima',
    label: 'Part des minima sociaux dans le revenu',
    unit: '%',
    direction: 'higher',
    zeroIsLowest: false,
    levels: ALL_LEVELS,
    description:
      'Part des minima sociaux dans le revenu disponible (Filosofi). Intercommunalité et zone d’emploi : moyenne des communes pondérée par leur population ; quartier prioritaire : valeur de sa commune.',
    format: (v) => `${formatDec1(v)} %`,
  },
  {
    id: 'lowIncome',
    label: 'Revenu médian (plus il est bas, plus le besoin est élevé)',
    unit: '€ / UC',
    direction: 'lower',
    zeroIsLowest: false,
    levels: ALL_LEVELS,
    description:
      'Revenu disponible médian par unité de consommation (Filosofi). Un revenu plus BAS signifie un besoin plus élevé. Intercommunalité et zone d’emploi : moyenne des médianes des communes pondérée par leur population (approximation) ; quartier prioritaire : valeur de sa commune.',
    format: (v) => `${formatInt(v)} €`,
  },
  {
    id: 'qpvCount',
    label: 'Nombre de quartiers prioritaires',
    unit: 'QPV',
    direction: 'higher',
    zeroIsLowest: true,
    levels: ['commune', 'epci', 'ze'],
    description:
      'Nombre de quartiers prioritaires de la politique de la ville (QPV 2024) du territoire. La population des quartiers n’étant pas disponible, ce nombre sert d’indicateur approché ; il croît avec la taille du territoire.',
    format: formatInt,
  },
  {
    id: 'rural',
    label: 'Ruralité',
    unit: '',
    direction: 'higher',
    zeroIsLowest: true,
    levels: ['commune', 'epci', 'ze'],
    description:
      'Commune : 1 si elle est rurale (grille communale de densité INSEE, niveaux 5 à 7), 0 sinon. Intercommunalité et zone d’emploi : part de la population vivant dans une commune rurale.',
    format: (v) => `${formatInt(v * 100)} %`,
  },
];

export const needById = (id: NeedId): NeedIndicator => NEED_INDICATORS.find((i) => i.id === id) ?? NEED_INDICATORS[0];

/** Need indicators available at a level (for the select). */
export const needIndicatorsFor = (level: GapLevel): NeedIndicator[] => NEED_INDICATORS.filter((i) => i.levels.includes(level));

// ---------------------------------------------------------------------------------------------
// Rows

export interface GapRow {
  level: GapLevel;
  /** INSEE code, EPCI SIREN, zone d'emploi code, QPV code; 132xx for a Marseille arrondissement. */
  code: string;
  name: string;
  /** From the figures (null for a QPV). */
  population: number | null;
  /** French context line: commune(s) of a QPV, EPCI of a commune, "Marseille" for an arrondissement. */
  context: string | null;
  /** INSEE codes of the communes the territory lies in (itself for a commune). */
  communes: string[];
  figures: TerritoryFigures;
  need: Record<NeedId, number | null>;
  /** Null when unknown or « secret statistique » (see `secretSupport`). */
  support: Record<SupportIndicatorId, number | null>;
  /** Support indicators built on a figure suppressed by statistical secrecy (public figures). */
  secretSupport: SupportIndicatorId[];
}

export interface GapRowsOptions {
  /**
   * Commune level only: replace Marseille (13055) by its 16 arrondissements (figures from
   * `byArrondissement`: supports and layoffs of Marseille without an arrondissement are then
   * not counted anywhere). Default false.
   */
  splitMarseille?: boolean;
}

type IndexCommune = TerritoriesIndex['communes'][number];

const EMPTY_FIGURES: TerritoryFigures = emptyFigures();

/** Population-weighted mean of the non-null values (null when none). */
function weightedMean(items: readonly { value: number | null; weight: number }[]): number | null {
  let sw = 0;
  let s = 0;
  for (const { value, weight } of items) {
    if (value === null || !Number.isFinite(value) || !(weight > 0)) continue;
    sw += weight;
    s += value * weight;
  }
  return sw > 0 ? s / sw : null;
}

/** Support indicators of a territory; a secret one has no value (it is never classed). */
function supportValues(f: TerritoryFigures): Record<SupportIndicatorId, number | null> {
  const out = {} as Record<SupportIndicatorId, number | null>;
  for (const id of SUPPORT_INDICATOR_IDS) out[id] = isSecretFigure(f, DERIVED_FROM[id]) ? null : INDICATOR_REGISTRY[id].value(f);
  return out;
}

const secretSupportOf = (f: TerritoryFigures): SupportIndicatorId[] => SUPPORT_INDICATOR_IDS.filter((id) => isSecretFigure(f, DERIVED_FROM[id]));

/** True when the row's support indicator is « secret statistique ». */
export const isSupportSecret = (r: Pick<GapRow, 'secretSupport'>, id: SupportIndicatorId): boolean => r.secretSupport.includes(id);

/** One row per territory of `level`, in the index order. */
export function buildGapRows(level: GapLevel, agg: AggregationResult, index: TerritoriesIndex, opts: GapRowsOptions = {}): GapRow[] {
  const zeRate = new Map(index.zonesEmploi.map((z) => [z.code, z.tauxChomage]));
  const communeByCode = new Map(index.communes.map((c) => [c.code, c]));
  const qpvOfCommune = new Map<string, Set<string>>();
  for (const q of index.qpv) {
    for (const c of q.communes) {
      if (!qpvOfCommune.has(c)) qpvOfCommune.set(c, new Set());
      qpvOfCommune.get(c)!.add(q.code);
    }
  }
  const fig = (rec: Record<string, TerritoryFigures>, code: string): TerritoryFigures => rec[code] ?? EMPTY_FIGURES;
  const rateOf = (c: IndexCommune) => zeRate.get(c.ze) ?? null;

  /** Need values of a group of communes (EPCI, ZE). */
  const groupNeeds = (members: IndexCommune[], jobsCut: number, ownRate: number | null | undefined) => {
    const qpvs = new Set<string>();
    for (const c of members) for (const q of qpvOfCommune.get(c.code) ?? []) qpvs.add(q);
    const pop = members.reduce((s, c) => s + c.population, 0);
    const ruralPop = members.reduce((s, c) => s + (c.rural ? c.population : 0), 0);
    return {
      jobsCut,
      unemployment: ownRate !== undefined ? ownRate : weightedMean(members.map((c) => ({ value: rateOf(c), weight: c.population }))),
      socialMinima: weightedMean(members.map((c) => ({ value: c.partMinimaSociaux, weight: c.population }))),
      lowIncome: weightedMean(members.map((c) => ({ value: c.revenuMedian, weight: c.population }))),
      qpvCount: qpvs.size,
      rural: pop > 0 ? ruralPop / pop : null,
    } satisfies Record<NeedId, number | null>;
  };

  const rows: GapRow[] = [];
  switch (level) {
    case 'commune': {
      for (const c of index.communes) {
        if (opts.splitMarseille && c.code === '13055' && index.arrondissements.length > 0) {
          for (const a of index.arrondissements) {
            const f = fig(agg.byArrondissement, a.code);
            rows.push({
              level,
              code: a.code,
              name: a.nom,
              population: f.population ?? a.population,
              context: 'Marseille',
              communes: [c.code],
              figures: f,
              need: {
                jobsCut: f.jobsCut,
                unemployment: rateOf(c),
                socialMinima: a.partMinimaSociaux,
                lowIncome: a.revenuMedian,
                // QPVs carry no arrondissement: unknown at that level.
                qpvCount: null,
                rural: 0,
              },
              support: supportValues(f),
              secretSupport: secretSupportOf(f),
            });
          }
          continue;
        }
        const f = fig(agg.byCommune, c.code);
        rows.push({
          level,
          code: c.code,
          name: c.nom,
          population: f.population ?? c.population,
          context: c.epciNom,
          communes: [c.code],
          figures: f,
          need: {
            jobsCut: f.jobsCut,
            unemployment: rateOf(c),
            socialMinima: c.partMinimaSociaux,
            lowIncome: c.revenuMedian,
            qpvCount: c.qpvCount,
            rural: c.rural ? 1 : 0,
          },
          support: supportValues(f),
          secretSupport: secretSupportOf(f),
        });
      }
      break;
    }
    case 'epci':
    case 'ze': {
      // A group of communes: EPCI by membership, zone d'emploi by the communes' zone (dept-13 part only).
      const groups =
        level === 'epci'
          ? index.epci.map((e) => ({ code: e.code, name: e.nom, population: e.population, rate: undefined, byCode: agg.byEpci, of: (c: IndexCommune) => c.epci === e.code, where: '' }))
          : index.zonesEmploi.map((z) => ({ code: z.code, name: z.nom, population: null, rate: z.tauxChomage, byCode: agg.byZoneEmploi, of: (c: IndexCommune) => c.ze === z.code, where: ' des Bouches-du-Rhône' }));
      for (const g of groups) {
        const members = index.communes.filter(g.of);
        const f = fig(g.byCode, g.code);
        rows.push({
          level,
          code: g.code,
          name: g.name,
          population: f.population ?? g.population,
          context: `${members.length} commune${members.length > 1 ? 's' : ''}${g.where}`,
          communes: members.map((c) => c.code),
          figures: f,
          need: groupNeeds(members, f.jobsCut, g.rate),
          support: supportValues(f),
          secretSupport: secretSupportOf(f),
        });
      }
      break;
    }
    case 'qpv': {
      for (const q of index.qpv) {
        const members = q.communes.map((code) => communeByCode.get(code)).filter((c): c is IndexCommune => c !== undefined);
        const f = fig(agg.byQpv, q.code);
        const weighted = (get: (c: IndexCommune) => number | null) => weightedMean(members.map((c) => ({ value: get(c), weight: c.population })));
        rows.push({
          level,
          code: q.code,
          name: q.nom,
          population: null,
          context: members.map((c) => c.nom).join(', ') || null,
          communes: [...q.communes],
          figures: f,
          need: {
            jobsCut: members.reduce((s, c) => s + fig(agg.byCommune, c.code).jobsCut, 0),
            unemployment: weighted(rateOf),
            socialMinima: weighted((c) => c.partMinimaSociaux),
            lowIncome: weighted((c) => c.revenuMedian),
            qpvCount: null,
            rural: null,
          },
          support: supportValues(f),
          secretSupport: secretSupportOf(f),
        });
      }
      break;
    }
  }
  return rows;
}

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
