// The annual review as tables: one model per table drives the page, the printed report and the
// CSV / XLSX downloads, so that what is downloaded is exactly what is shown. Pure.
//
// Public mode: every group goes through the privacy module (maskFigures, domain/privacy.ts): a
// group built on fewer than 3 companies shows « < 3 » and « secret statistique », and every
// figure derived from it (planned, achieved, rates, shares, coverage) takes the same mask.

import { maskFigures, primaryVerdict, protectBreakdown, protectGrid, type MaybeSecret, type PrivacyMode, type SecretValue } from '../domain/privacy.ts';
import type { TerritoryFigures } from '../domain/figures.ts';
import type { FundId } from '../domain/types.ts';
import { fundById, nafSectionLabel, SIZE_BAND_LABELS } from '../domain/funds.ts';
import { emptyFigures } from './types.ts';
import type { WhiteZone } from './gaps.ts';
import { AGE_BAND_LABELS, INDUSTRY_SECTIONS, type GroupFigures, type Review, type ScopeFigures, type ShareFigures } from './review.ts';

export type ColumnKind = 'text' | 'int' | 'eur' | 'pct' | 'ratio' | 'dec1';
export type Cell = string | number | null | SecretValue;

export interface ReviewColumn {
  key: string;
  header: string;
  kind: ColumnKind;
}

export interface ReviewTable {
  /** Stable id (DOM id, file name). */
  id: string;
  title: string;
  columns: ReviewColumn[];
  rows: Record<string, Cell>[];
  /** Rows to show in bold (totals). */
  totalRows?: number[];
}

/** A group as it may be shown: every field masked together in public mode. */
export interface MaskedGroup {
  companies: MaybeSecret;
  jobs: MaybeSecret;
  jobsPlanned: MaybeSecret;
  jobsAchieved: MaybeSecret;
  achievementRate: MaybeSecret<number | null>;
  amountEur: MaybeSecret;
  eurPerJob: MaybeSecret<number | null>;
  masked: boolean;
}

/**
 * Public mode: the privacy module's primary rule (primaryVerdict: fewer than 3 companies) flags
 * the whole group, and so does `hidden` (complementary suppression inside a breakdown,
 * protectBreakdown); maskFigures turns the flags into « secret statistique ». Known limit: these
 * review groups (fund × year, sector, size, age) are not cells of the secrecy engine's tables:
 * complementary suppression holds inside each table, not across linked tables.
 */
export function flagged(f: TerritoryFigures, mode: PrivacyMode, hidden = false): TerritoryFigures {
  if (mode !== 'public' || (!hidden && !primaryVerdict(f.companies))) return f;
  return { ...f, secret: { companies: true, jobs: true, amountEur: true } };
}

export function maskGroup(g: GroupFigures, mode: PrivacyMode, hidden = false): MaskedGroup {
  const m = maskFigures(flagged(emptyFigures({ companies: g.companies, jobs: g.jobs, amountEur: g.amountEur, eurPerJob: g.eurPerJob }), mode, hidden));
  const hide = <T extends number | null>(v: T): MaybeSecret<T> => (m.masked ? (m.jobs as SecretValue) : v);
  return {
    companies: m.companies,
    jobs: m.jobs,
    jobsPlanned: hide(g.jobsPlanned),
    jobsAchieved: hide(g.jobsAchieved),
    achievementRate: hide(g.achievementRate),
    amountEur: m.amountEur,
    eurPerJob: m.eurPerJob,
    masked: m.masked,
  };
}

const col = (key: string, header: string, kind: ColumnKind): ReviewColumn => ({ key, header, kind });

const GROUP_COLUMNS: ReviewColumn[] = [
  col('companies', 'Entreprises', 'int'),
  col('jobsPlanned', 'Emplois prévus', 'int'),
  col('jobsAchieved', 'Emplois réalisés', 'int'),
  col('achievementRate', 'Taux de réalisation', 'pct'),
  col('jobs', 'Emplois créés', 'int'),
  col('amountEur', 'Montant (€)', 'eur'),
  col('eurPerJob', 'Aide par emploi créé (€)', 'eur'),
];

/** Which parts of a breakdown to hide on top of the primary rule (public mode only). */
const hiddenParts = (groups: readonly GroupFigures[], mode: PrivacyMode): boolean[] =>
  mode === 'public' ? protectBreakdown(groups.map((g) => g.companies)) : groups.map(() => false);

/**
 * Public mode: the funds × years table and its margins (each fund's total, each year's total)
 * appear in several tables and charts of the review (per fund, per year, key figures): one
 * complementary suppression over the whole grid (protectGrid) decides for all of them.
 */
export interface ReviewFlags {
  fundYear(fund: FundId, i: number): boolean;
  fundTotal(fund: FundId): boolean;
  yearTotal(i: number): boolean;
}
const NO_FLAGS: ReviewFlags = { fundYear: () => false, fundTotal: () => false, yearTotal: () => false };
const flagsMemo = new WeakMap<Review, ReviewFlags>();

export function reviewFlags(review: Review, mode: PrivacyMode): ReviewFlags {
  if (mode !== 'public') return NO_FLAGS;
  let f = flagsMemo.get(review);
  if (!f) {
    const funds = review.cumulative.byFund.map((r) => r.fund);
    const g = protectGrid(
      funds.map((fund) => review.fundSeries[fund].map((p) => p.group.companies)),
      review.cumulative.byFund.map((r) => r.group.companies),
      review.series.map((p) => p.group.companies),
    );
    f = { fundYear: (fund, i) => g.cells[funds.indexOf(fund)][i], fundTotal: (fund) => g.rowTotals[funds.indexOf(fund)], yearTotal: (i) => g.colTotals[i] };
    flagsMemo.set(review, f);
  }
  return f;
}

function groupRow(label: string, g: GroupFigures, mode: PrivacyMode, hidden = false): Record<string, Cell> {
  const m = maskGroup(g, mode, hidden);
  return { label, companies: m.companies, jobsPlanned: m.jobsPlanned, jobsAchieved: m.jobsAchieved, achievementRate: m.achievementRate, jobs: m.jobs, amountEur: m.amountEur, eurPerJob: m.eurPerJob };
}

const period = (s: ScopeFigures) => (s.yearFrom === s.yearTo ? `${s.yearTo}` : `${s.yearFrom}–${s.yearTo}`);

/** Per fund, with the total (one scope). */
export function fundsTable(s: ScopeFigures, mode: PrivacyMode, id: string, flags?: { parts: boolean[]; total: boolean }): ReviewTable {
  const hide = flags?.parts ?? hiddenParts(s.byFund.map((r) => r.group), mode);
  return {
    id,
    title: `Résultats par fonds, ${period(s)}`,
    columns: [col('label', 'Fonds', 'text'), ...GROUP_COLUMNS],
    rows: [
      ...s.byFund.map((r, i) => groupRow(fundById(r.fund).shortLabel, r.group, mode, hide[i])),
      groupRow('Total des trois fonds', s.total, mode, flags?.total ?? false),
    ],
    totalRows: [s.byFund.length],
  };
}

/** One fund, year by year since the first year, and its cumulative total. */
export function fundSeriesTable(review: Review, fund: ReturnType<typeof fundById>['id'], mode: PrivacyMode): ReviewTable {
  const series = review.fundSeries[fund];
  const flags = reviewFlags(review, mode);
  return {
    id: `bilan-fonds-${fund}`,
    title: `${fundById(fund).name} : année par année depuis ${review.firstYear}`,
    columns: [col('label', 'Année', 'text'), ...GROUP_COLUMNS],
    rows: [
      ...series.map((p, i) => groupRow(String(p.year), p.group, mode, flags.fundYear(fund, i))),
      groupRow(`Total ${review.firstYear}–${review.year}`, review.cumulative.byFund.find((r) => r.fund === fund)!.group, mode, flags.fundTotal(fund)),
    ],
    totalRows: [series.length],
  };
}

/** Key figures: year N, year N−1, change, cumulative. */
export function keyFiguresTable(review: Review, mode: PrivacyMode): ReviewTable {
  const now = review.yearScope.total;
  const before = review.series.length > 1 ? review.series[review.series.length - 2].group : null;
  const flags = reviewFlags(review, mode);
  const last = review.series.length - 1;
  const mNow = maskGroup(now, mode, flags.yearTotal(last));
  const mBefore = before ? maskGroup(before, mode, flags.yearTotal(last - 1)) : null;
  const mCum = maskGroup(review.cumulative.total, mode);
  const keys: [keyof MaskedGroup, string, ColumnKind][] = [
    ['companies', 'Entreprises soutenues', 'int'],
    ['jobsPlanned', 'Emplois prévus', 'int'],
    ['jobsAchieved', 'Emplois réalisés', 'int'],
    ['achievementRate', 'Taux de réalisation', 'pct'],
    ['jobs', 'Emplois créés', 'int'],
    ['amountEur', 'Montant des aides (€)', 'eur'],
    ['eurPerJob', 'Aide moyenne par emploi créé (€)', 'eur'],
  ];
  const change = (a: Cell, b: Cell): Cell => {
    if (typeof a !== 'number' || typeof b !== 'number') return typeof a === 'object' && a ? a : typeof b === 'object' && b ? b : null;
    return b !== 0 ? (a - b) / b : null;
  };
  return {
    id: 'bilan-chiffres-cles',
    title: `Chiffres clés ${review.year}, comparés à ${review.year - 1} et au cumul depuis ${review.firstYear}`,
    columns: [
      col('label', 'Indicateur', 'text'),
      col('now', String(review.year), 'text'),
      col('before', String(review.year - 1), 'text'),
      col('change', 'Évolution', 'pct'),
      col('cumul', `Cumul ${review.firstYear}–${review.year}`, 'text'),
    ],
    rows: keys.map(([k, label, kind]) => ({
      label,
      kind,
      now: mNow[k] as Cell,
      before: mBefore ? (mBefore[k] as Cell) : null,
      change: mBefore && k !== 'achievementRate' && k !== 'eurPerJob' ? change(mNow[k] as Cell, mBefore[k] as Cell) : null,
      cumul: mCum[k] as Cell,
    })),
  };
}

function shareCells(s: ShareFigures, mode: PrivacyMode): Record<string, Cell> {
  const m = maskGroup(s.group, mode);
  const hide = (v: number | null): Cell => (m.masked ? (m.jobs as SecretValue) : v);
  return {
    companies: m.companies,
    shareCompanies: hide(s.shareCompanies),
    jobs: m.jobs,
    shareJobs: hide(s.shareJobs),
    amountEur: m.amountEur,
    shareAmount: hide(s.shareAmount),
  };
}

const SHARE_COLUMNS: ReviewColumn[] = [
  col('companies', 'Entreprises', 'int'),
  col('shareCompanies', 'Part des entreprises', 'pct'),
  col('jobs', 'Emplois créés', 'int'),
  col('shareJobs', 'Part des emplois', 'pct'),
  col('amountEur', 'Montant (€)', 'eur'),
  col('shareAmount', 'Part du montant', 'pct'),
];

/** The priorities: affected territories (with coverage), QPV, rural communes. */
export function territoriesTable(s: ScopeFigures, mode: PrivacyMode, id: string): ReviewTable {
  const affectedMasked = maskGroup(s.affected.group, mode).masked;
  return {
    id,
    title: `Territoires prioritaires, ${period(s)}`,
    columns: [col('label', 'Territoires', 'text'), ...SHARE_COLUMNS, col('jobsCut', 'Emplois supprimés', 'int'), col('coverage', 'Taux de couverture', 'pct')],
    rows: [
      {
        label: `Communes touchées par des licenciements (${s.affected.communes.length})`,
        ...shareCells(s.affected, mode),
        jobsCut: s.affected.jobsCut,
        coverage: affectedMasked ? (maskGroup(s.affected.group, mode).jobs as SecretValue) : s.affected.coverage,
      },
      { label: 'Quartiers prioritaires (QPV)', ...shareCells(s.qpv, mode), jobsCut: null, coverage: null },
      { label: 'Communes rurales (grille de densité)', ...shareCells(s.rural, mode), jobsCut: null, coverage: null },
    ],
  };
}

function twoScopeRows<T>(
  year: ScopeFigures,
  cumul: ScopeFigures,
  keysOf: (s: ScopeFigures) => { key: string; label: string; group: GroupFigures }[],
  mode: PrivacyMode,
): Record<string, Cell>[] {
  const yearRows = keysOf(year);
  const cumulRows = keysOf(cumul);
  const y = new Map(yearRows.map((r) => [r.key, r]));
  // Each scope's parts add up to that scope's total: complementary suppression per scope.
  const hiddenY = hiddenParts(yearRows.map((x) => x.group), mode);
  const hideY = new Map(yearRows.map((r, i) => [r.key, hiddenY[i]]));
  const hideC = hiddenParts(cumulRows.map((x) => x.group), mode);
  return cumulRows.map((r, i) => {
    const a = maskGroup(y.get(r.key)?.group ?? EMPTY_GROUP, mode, hideY.get(r.key) ?? false);
    const b = maskGroup(r.group, mode, hideC[i]);
    return { label: r.label, companiesN: a.companies, jobsN: a.jobs, amountN: a.amountEur, companiesC: b.companies, jobsC: b.jobs, amountC: b.amountEur };
  });
}

const EMPTY_GROUP: GroupFigures = { companies: 0, jobs: 0, jobsPlanned: 0, jobsAchieved: 0, achievementRate: null, amountEur: 0, eurPerJob: null };

function twoScopeColumns(first: string, review: Review): ReviewColumn[] {
  return [
    col('label', first, 'text'),
    col('companiesN', `Entreprises ${review.year}`, 'int'),
    col('jobsN', `Emplois créés ${review.year}`, 'int'),
    col('amountN', `Montant ${review.year} (€)`, 'eur'),
    col('companiesC', `Entreprises ${review.firstYear}–${review.year}`, 'int'),
    col('jobsC', `Emplois ${review.firstYear}–${review.year}`, 'int'),
    col('amountC', `Montant ${review.firstYear}–${review.year} (€)`, 'eur'),
  ];
}

export function sectorsTable(review: Review, mode: PrivacyMode): ReviewTable {
  const keys = (s: ScopeFigures) => [
    ...s.sectors.map((r) => ({ key: r.section, label: r.section ? `${r.section} – ${nafSectionLabel(r.section)}` : 'Secteur inconnu', group: r.group })),
  ];
  return {
    id: 'bilan-secteurs',
    title: `Secteurs d’activité (sections NAF), ${review.year} et cumul`,
    columns: twoScopeColumns('Section NAF', review),
    rows: [
      ...twoScopeRows(review.yearScope, review.cumulative, keys, mode),
      ...twoScopeRows(review.yearScope, review.cumulative, (s) => [{ key: 'industry', label: `Industrie (sections ${INDUSTRY_SECTIONS.join(', ')})`, group: s.industry.group }], mode),
    ],
    totalRows: [review.cumulative.sectors.length],
  };
}

export function sizesTable(review: Review, mode: PrivacyMode): ReviewTable {
  return {
    id: 'bilan-tailles',
    title: `Taille des entreprises, ${review.year} et cumul`,
    columns: twoScopeColumns('Taille', review),
    rows: twoScopeRows(review.yearScope, review.cumulative, (s) => s.sizes.map((r) => ({ key: r.band, label: SIZE_BAND_LABELS[r.band], group: r.group })), mode),
  };
}

export function agesTable(review: Review, mode: PrivacyMode): ReviewTable {
  return {
    id: 'bilan-age',
    title: `Âge des entreprises au moment de l’aide (quand la date de création est connue), ${review.year} et cumul`,
    columns: twoScopeColumns('Âge', review),
    rows: twoScopeRows(review.yearScope, review.cumulative, (s) => s.age.rows.map((r) => ({ key: r.band, label: AGE_BAND_LABELS[r.band], group: r.group })), mode),
  };
}

export function leverageTable(review: Review, mode: PrivacyMode): ReviewTable {
  const row = (label: string, s: ScopeFigures) => {
    const l = s.leverage;
    // The same threshold as every figure: fewer than 3 rows with a known co-financing is secret.
    const m = maskFigures(flagged(emptyFigures({ companies: l.known, jobs: 0, amountEur: l.cofinancingEur }), mode));
    const hide = (v: number | null): Cell => (m.masked ? (m.amountEur as SecretValue) : v);
    return { label, cofinancingEur: hide(l.cofinancingEur), fundEur: hide(l.fundEur), perEuro: hide(l.perEuro), known: l.known, unknown: l.unknown };
  };
  return {
    id: 'bilan-levier',
    title: 'Effet de levier : cofinancements mobilisés par euro de fonds',
    columns: [
      col('label', 'Période', 'text'),
      col('cofinancingEur', 'Cofinancements (€)', 'eur'),
      col('fundEur', 'Aides des fonds, mêmes entreprises (€)', 'eur'),
      col('perEuro', 'Cofinancement par euro de fonds', 'ratio'),
      col('known', 'Aides avec cofinancement connu', 'int'),
      col('unknown', 'Aides sans information', 'int'),
    ],
    rows: [row(String(review.year), review.yearScope), row(`${review.firstYear}–${review.year}`, review.cumulative)],
  };
}

export function seriesTable(review: Review, mode: PrivacyMode): ReviewTable {
  const flags = reviewFlags(review, mode);
  return {
    id: 'bilan-serie',
    title: `Série depuis ${review.firstYear} (trois fonds)`,
    columns: [col('label', 'Année', 'text'), ...GROUP_COLUMNS],
    rows: review.series.map((p, i) => groupRow(String(p.year), p.group, mode, flags.yearTotal(i))),
  };
}

/** A year series as chart points (the département's, or one fund's), masked exactly as its table. */
export function seriesPoints(review: Review, fund: FundId | null, mode: PrivacyMode): { year: number; companies: MaybeSecret; jobs: MaybeSecret }[] {
  const flags = reviewFlags(review, mode);
  const series = fund ? review.fundSeries[fund] : review.series;
  return series.map((p, i) => {
    const m = maskGroup(p.group, mode, fund ? flags.fundYear(fund, i) : flags.yearTotal(i));
    return { year: p.year, companies: m.companies, jobs: m.jobs };
  });
}

/** Flags of the funds table of year N (a column of the grid) and of the cumulative one (its margin). */
function yearFlags(review: Review, mode: PrivacyMode): { parts: boolean[]; total: boolean } {
  const f = reviewFlags(review, mode);
  const last = review.series.length - 1;
  return { parts: review.yearScope.byFund.map((r) => f.fundYear(r.fund, last)), total: f.yearTotal(last) };
}
function cumulFlags(review: Review, mode: PrivacyMode): { parts: boolean[]; total: boolean } {
  const f = reviewFlags(review, mode);
  return { parts: review.cumulative.byFund.map((r) => f.fundTotal(r.fund)), total: false };
}

export type Formatters = Record<Exclude<ColumnKind, 'text'>, (n: number) => string>;

/**
 * A cell as text (page and print). A number in a 'text' column takes the row's own `kind`
 * (key figures: each row has its unit).
 */
export function cellText(row: Record<string, Cell>, c: ReviewColumn, f: Formatters): string {
  const v = row[c.key];
  if (v === null || v === undefined) return '–';
  if (typeof v === 'object') return v.display;
  if (typeof v === 'string') return v;
  const kind = c.kind !== 'text' ? c.kind : (row.kind as ColumnKind | undefined);
  return kind && kind !== 'text' ? f[kind](v) : String(v);
}

/** Every table of the review, in page order. */
export function reviewTables(review: Review, mode: PrivacyMode): ReviewTable[] {
  return [
    keyFiguresTable(review, mode),
    fundsTable(review.yearScope, mode, 'bilan-fonds-annee', yearFlags(review, mode)),
    fundsTable(review.cumulative, mode, 'bilan-fonds-cumul', cumulFlags(review, mode)),
    seriesTable(review, mode),
    ...review.cumulative.byFund.map((r) => fundSeriesTable(review, r.fund, mode)),
    territoriesTable(review.yearScope, mode, 'bilan-territoires-annee'),
    territoriesTable(review.cumulative, mode, 'bilan-territoires-cumul'),
    sectorsTable(review, mode),
    sizesTable(review, mode),
    agesTable(review, mode),
    leverageTable(review, mode),
  ];
}

/** The review's zones blanches (cumulative): affected or needy communes with no or little support. */
export function whiteZonesTable(zones: readonly WhiteZone[], review: Review, mode: PrivacyMode): ReviewTable {
  return {
    id: 'bilan-zones-blanches',
    title: `Zones blanches ${review.firstYear}–${review.year} : communes touchées par des licenciements sans soutien ou avec un soutien faible`,
    columns: [
      col('label', 'Commune', 'text'),
      col('reason', 'Situation', 'text'),
      col('jobsCut', 'Emplois supprimés', 'int'),
      col('companies', 'Entreprises soutenues', 'int'),
      col('jobs', 'Emplois créés', 'int'),
      col('coverage', 'Taux de couverture', 'pct'),
    ],
    rows: zones.map((z) => {
      const m = maskFigures(flagged(z.row.figures, mode));
      return { label: z.name, reason: z.reason, jobsCut: z.row.figures.jobsCut, companies: m.companies, jobs: m.jobs, coverage: m.masked ? (m.jobs as SecretValue) : z.coverage };
    }),
  };
}
