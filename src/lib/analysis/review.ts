// The steering committee's annual review (bilan du Copil, `#/bilan/<année>`): every figure of the
// review of year N and of the cumulative total since the first year. Pure: no DOM, no Svelte.
//
// Definitions (also written on the method page, src/lib/views/MethodPage.svelte):
// - companies: distinct companies, as in aggregate() (rows sharing a SIRET count once; rows
//   without a SIRET count once each);
// - jobs « créés »: jobsOf() (achieved when known, else planned), the figure used everywhere;
//   jobs « prévus »: Σ planned where known; jobs « réalisés »: Σ achieved where known;
//   rate of achievement: Σ achieved / Σ planned over the rows where BOTH are known (null if none);
// - aid per job created: amount / jobs created (null when no job);
// - affected territories: communes (Marseille as a whole) hit by at least one collective layoff
//   dated up to the end of year N. Coverage ratio: jobs created there / jobs cut there, both over
//   the scope's period (the year, or since the first year);
// - QPV: rows with a QPV code; rural: rows whose commune is rural in the INSEE density grid;
// - industry (reindustrialisation indicator): NAF sections B to E (extractive industries,
//   manufacturing, energy, water and waste), over the rows whose sector is known;
// - company age: years between the creation date and the support date, where the date is known;
// - leverage: Σ co-financing / Σ fund amount over the rows where co-financing is known;
// - change vs N−1: year N against year N−1 (null when N−1 had nothing);
// - series: every year from the dataset's first year to N.

import { jobsOf, type FundId, type Layoff, type SizeBand, type Support } from '../domain/types.ts';
import { FUND_IDS, SIZE_BANDS } from '../domain/funds.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';

/** NAF sections counted as industry (reindustrialisation indicator). */
export const INDUSTRY_SECTIONS: readonly string[] = ['B', 'C', 'D', 'E'];

export const MARSEILLE_CODE = '13055';

/** Sums over a group of supports. */
export interface GroupFigures {
  companies: number;
  /** jobsOf(): achieved, else planned. */
  jobs: number;
  /** Σ planned where known. */
  jobsPlanned: number;
  /** Σ achieved where known. */
  jobsAchieved: number;
  /** Σ achieved / Σ planned over rows where both are known; null when there is none. */
  achievementRate: number | null;
  amountEur: number;
  /** amountEur / jobs; null when no job. */
  eurPerJob: number | null;
}

export interface ShareFigures {
  group: GroupFigures;
  /** Shares (0–1) of the scope's companies, jobs and amount; null when the scope has none. */
  shareCompanies: number | null;
  shareJobs: number | null;
  shareAmount: number | null;
}

export interface AffectedFigures extends ShareFigures {
  /** Affected communes (INSEE codes, Marseille = 13055). */
  communes: string[];
  /** Jobs cut in the affected communes over the scope's period. */
  jobsCut: number;
  /** Jobs created in the affected communes / jobs cut there; null when no job was cut. */
  coverage: number | null;
}

export interface SectorRow {
  /** NAF section letter, '' when unknown. */
  section: string;
  group: GroupFigures;
}

export interface SizeRow {
  band: SizeBand;
  group: GroupFigures;
}

export type AgeBand = 'moins1' | '1a3' | '3a10' | '10plus';
export const AGE_BANDS: readonly AgeBand[] = ['moins1', '1a3', '3a10', '10plus'];
export const AGE_BAND_LABELS: Readonly<Record<AgeBand, string>> = {
  moins1: 'Moins d’un an',
  '1a3': '1 à 3 ans',
  '3a10': '3 à 10 ans',
  '10plus': '10 ans et plus',
};

export interface AgeFigures {
  rows: { band: AgeBand; group: GroupFigures }[];
  /** Supports whose creation date is known / unknown. */
  known: number;
  unknown: number;
  /** Median age in years (one decimal) over the known rows; null when none. */
  medianYears: number | null;
}

export interface LeverageFigures {
  /** Σ co-financing over the rows where it is known. */
  cofinancingEur: number;
  /** Σ fund amount over the same rows. */
  fundEur: number;
  /** Euros of co-financing per euro of fund; null when no row is known or fundEur = 0. */
  perEuro: number | null;
  known: number;
  unknown: number;
}

/** All figures of one scope (year N, or since the first year up to N). */
export interface ScopeFigures {
  yearFrom: number;
  yearTo: number;
  total: GroupFigures;
  byFund: { fund: FundId; group: GroupFigures }[];
  affected: AffectedFigures;
  qpv: ShareFigures;
  rural: ShareFigures;
  sectors: SectorRow[];
  /** Industry (sections B–E) over rows with a known sector. */
  industry: ShareFigures;
  sizes: SizeRow[];
  age: AgeFigures;
  leverage: LeverageFigures;
}

export interface SeriesPoint {
  year: number;
  group: GroupFigures;
}

export interface Change {
  /** Year N minus year N−1. */
  delta: number;
  /** delta / N−1; null when N−1 is 0. */
  relative: number | null;
}

export interface Review {
  year: number;
  firstYear: number;
  /** Years with a review (every year of the data), ascending. */
  years: number[];
  yearScope: ScopeFigures;
  cumulative: ScopeFigures;
  /** Year N against N−1; null when N is the first year. */
  change: { companies: Change; jobs: Change; amountEur: Change } | null;
  series: SeriesPoint[];
  /** The same series for each fund. */
  fundSeries: Record<FundId, SeriesPoint[]>;
}

// ---------------------------------------------------------------------------------------------

const yearOf = (date: string) => Number(date.slice(0, 4));
const companyKey = (s: Support) => (s.siret ? `siret:${s.siret}` : `id:${s.id}`);

/** Figures of a group of supports. */
export function groupFigures(rows: readonly Support[]): GroupFigures {
  const keys = new Set<string>();
  let jobs = 0;
  let jobsPlanned = 0;
  let jobsAchieved = 0;
  let bothPlanned = 0;
  let bothAchieved = 0;
  let bothKnown = 0;
  let amountEur = 0;
  for (const s of rows) {
    keys.add(companyKey(s));
    jobs += jobsOf(s);
    if (s.jobsPlanned !== null) jobsPlanned += s.jobsPlanned;
    if (s.jobsAchieved !== null) jobsAchieved += s.jobsAchieved;
    if (s.jobsPlanned !== null && s.jobsAchieved !== null) {
      bothPlanned += s.jobsPlanned;
      bothAchieved += s.jobsAchieved;
      bothKnown++;
    }
    amountEur += s.amountEur;
  }
  return {
    companies: keys.size,
    jobs,
    jobsPlanned,
    jobsAchieved,
    achievementRate: bothKnown > 0 && bothPlanned > 0 ? bothAchieved / bothPlanned : null,
    amountEur,
    eurPerJob: jobs > 0 ? amountEur / jobs : null,
  };
}

function share(part: GroupFigures, whole: GroupFigures): ShareFigures {
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    group: part,
    shareCompanies: ratio(part.companies, whole.companies),
    shareJobs: ratio(part.jobs, whole.jobs),
    shareAmount: ratio(part.amountEur, whole.amountEur),
  };
}

/** Commune of a row, Marseille's arrondissements folded into 13055. */
export function communeOf(code: string): string {
  return /^132(0[1-9]|1[0-6])$/.test(code) ? MARSEILLE_CODE : code;
}

/** Communes hit by a collective layoff dated up to the end of `year`, sorted. */
export function affectedCommunes(layoffs: readonly Layoff[], year: number): string[] {
  return [...new Set(layoffs.filter((l) => yearOf(l.date) <= year).map((l) => communeOf(l.communeCode)))].sort();
}

/** Age in whole years between two ISO dates (0 when created after the support). */
export function ageInYears(created: string, at: string): number {
  const [cy, cm, cd] = created.split('-').map(Number);
  const [ay, am, ad] = at.split('-').map(Number);
  let age = ay - cy;
  if (am < cm || (am === cm && ad < cd)) age--;
  return Math.max(0, age);
}

export function ageBand(years: number): AgeBand {
  if (years < 1) return 'moins1';
  if (years < 3) return '1a3';
  if (years < 10) return '3a10';
  return '10plus';
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Fractional age in years (365.25-day years), for the median. */
function ageExact(created: string, at: string): number {
  const ms = Date.parse(`${at}T00:00:00Z`) - Date.parse(`${created}T00:00:00Z`);
  return Math.max(0, ms / (365.25 * 86_400_000));
}

function ageFigures(rows: readonly Support[]): AgeFigures {
  const known = rows.filter((s) => !!s.companyCreated);
  const byBand = new Map<AgeBand, Support[]>(AGE_BANDS.map((b) => [b, []]));
  for (const s of known) byBand.get(ageBand(ageInYears(s.companyCreated!, s.date)))!.push(s);
  const med = median(known.map((s) => ageExact(s.companyCreated!, s.date)));
  return {
    rows: AGE_BANDS.map((band) => ({ band, group: groupFigures(byBand.get(band)!) })),
    known: known.length,
    unknown: rows.length - known.length,
    medianYears: med === null ? null : Math.round(med * 10) / 10,
  };
}

function leverageFigures(rows: readonly Support[]): LeverageFigures {
  let cofinancingEur = 0;
  let fundEur = 0;
  let known = 0;
  for (const s of rows) {
    if (s.cofinancingEur === undefined || s.cofinancingEur === null) continue;
    cofinancingEur += s.cofinancingEur;
    fundEur += s.amountEur;
    known++;
  }
  return { cofinancingEur, fundEur, perEuro: known > 0 && fundEur > 0 ? cofinancingEur / fundEur : null, known, unknown: rows.length - known };
}

/** Every figure of the supports and layoffs of [yearFrom, yearTo]; affected communes as of yearTo. */
export function scopeFigures(
  supports: readonly Support[],
  layoffs: readonly Layoff[],
  index: Pick<TerritoriesIndex, 'communes'>,
  yearFrom: number,
  yearTo: number,
): ScopeFigures {
  const rows = supports.filter((s) => yearOf(s.date) >= yearFrom && yearOf(s.date) <= yearTo);
  const total = groupFigures(rows);
  const rural = new Set(index.communes.filter((c) => c.rural).map((c) => c.code));

  const affectedList = affectedCommunes(layoffs, yearTo);
  const affectedSet = new Set(affectedList);
  const jobsCut = layoffs
    .filter((l) => affectedSet.has(communeOf(l.communeCode)) && yearOf(l.date) >= yearFrom && yearOf(l.date) <= yearTo)
    .reduce((a, l) => a + l.jobsCut, 0);
  const affectedGroup = groupFigures(rows.filter((s) => affectedSet.has(communeOf(s.communeCode))));

  const sectionOrder = (a: string, b: string) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b));
  const sections = [...new Set(rows.map((s) => s.sector ?? ''))].sort(sectionOrder);
  const withSector = rows.filter((s) => !!s.sector);

  return {
    yearFrom,
    yearTo,
    total,
    byFund: FUND_IDS.map((fund) => ({ fund, group: groupFigures(rows.filter((s) => s.fund === fund)) })),
    affected: { ...share(affectedGroup, total), communes: affectedList, jobsCut, coverage: jobsCut > 0 ? affectedGroup.jobs / jobsCut : null },
    qpv: share(groupFigures(rows.filter((s) => !!s.qpvCode)), total),
    rural: share(groupFigures(rows.filter((s) => rural.has(communeOf(s.communeCode)))), total),
    sectors: sections.map((section) => ({ section, group: groupFigures(rows.filter((s) => (s.sector ?? '') === section)) })),
    industry: share(groupFigures(withSector.filter((s) => INDUSTRY_SECTIONS.includes(s.sector!))), groupFigures(withSector)),
    sizes: SIZE_BANDS.map((band) => ({ band, group: groupFigures(rows.filter((s) => s.sizeBand === band)) })).filter(
      (r) => r.band !== 'inconnue' || r.group.companies > 0,
    ),
    age: ageFigures(rows),
    leverage: leverageFigures(rows),
  };
}

function change(now: number, before: number): Change {
  return { delta: now - before, relative: before !== 0 ? (now - before) / before : null };
}

/** Years of the supports, ascending. */
export function reviewYears(supports: readonly Pick<Support, 'date'>[]): number[] {
  return [...new Set(supports.map((s) => yearOf(s.date)))].filter(Number.isFinite).sort((a, b) => a - b);
}

/** The review of `year`, or null when the data has no support that year or before. */
export function buildReview(supports: readonly Support[], layoffs: readonly Layoff[], index: Pick<TerritoriesIndex, 'communes'>, year: number): Review | null {
  const years = reviewYears(supports);
  if (years.length === 0 || year < years[0]) return null;
  const firstYear = years[0];
  const seriesOf = (rows: readonly Support[]) => {
    const out: SeriesPoint[] = [];
    for (let y = firstYear; y <= year; y++) out.push({ year: y, group: groupFigures(rows.filter((s) => yearOf(s.date) === y)) });
    return out;
  };
  const series = seriesOf(supports);
  const fundSeries = Object.fromEntries(FUND_IDS.map((f) => [f, seriesOf(supports.filter((s) => s.fund === f))])) as Record<FundId, SeriesPoint[]>;
  const now = series[series.length - 1].group;
  const before = series.length > 1 ? series[series.length - 2].group : null;
  return {
    year,
    firstYear,
    years,
    yearScope: scopeFigures(supports, layoffs, index, year, year),
    cumulative: scopeFigures(supports, layoffs, index, firstYear, year),
    change: before
      ? { companies: change(now.companies, before.companies), jobs: change(now.jobs, before.jobs), amountEur: change(now.amountEur, before.amountEur) }
      : null,
    series,
    fundSeries,
  };
}
