// Statistical secrecy: the ONE place that decides what an output may show. Every view, export,
// print and the kiosk go through it. Pure.
//
// Modes:
// - 'interne': everything, as computed (DDETS staff on their own files; never published).
// - 'public' (published sites, kiosk, the header switch): territory figures are those of the
//   statistical-secrecy engine (publication/secrecy.ts `protectTables`: primary rules — at least
//   3 companies, no company above 85 % — and secondary suppression over every hierarchy). The
//   figures a view receives in public mode are built from its tables (publication/figures.ts):
//   a suppressed measure is flagged in `TerritoryFigures.secret` (its number is 0 and must not
//   be read). Here it becomes « secret statistique »: shown so, exported so, never classed on a
//   map, never counted in class breaks. Ratios built on a suppressed measure are secret too.
//   Individual companies: only those that agreed to publication (`publishable`) and are not
//   micro-entrepreneurs (natural persons), never with an amount or a SIRET.
//
// Layoffs (decision): the jobs cut by collective layoffs are public. A collective layoff (PSE) is
// announced by the employer, reported by the press and known to elected officials, and it is the
// reference the map answers to ("did territories hit by layoffs benefit?").

import type { Measure, TerritoryFigures } from './figures.ts';
import type { Support } from './types.ts';
import { messagesFor } from '../i18n/catalogue.ts';

export type PrivacyMode = 'public' | 'interne';

export const PRIVACY_MODES: readonly PrivacyMode[] = ['public', 'interne'];
export const PRIVACY_MODE_LABELS: Readonly<Record<PrivacyMode, string>> = {
  public: 'Public (secret statistique appliqué)',
  interne: 'Interne (données complètes)',
};

/** Minimum number of companies behind a published figure (INSEE's frequency rule; applied by publication/secrecy.ts). */
export const SECRECY_THRESHOLD = 3;

export const SECRET_LABEL = messagesFor('fr').common.secretLabel;

/** One sentence for every « secret statistique » note. */
export const SECRET_NOTE = messagesFor('fr').common.secretNote;

/**
 * Dominance rule of business statistics (INSEE, Cocoes 1960): no figure is published when one
 * company accounts for more than this share of it.
 */
export const DOMINANCE_SHARE = 0.85;

/** Why a figure fails the primary rules, or null when it may be published. */
export type PrimaryVerdict = 'frequence' | 'dominance' | null;

/**
 * The primary rules of statistical secrecy for one figure built on `count` companies, whose
 * total is `total` and whose largest single company contributes `largest` (pass total = largest
 * = 0 for a count of companies, which only the frequency rule concerns). 0 companies is never
 * secret: « aucune entreprise soutenue » discloses nobody.
 */
export function primaryVerdict(count: number, total = 0, largest = 0, threshold = SECRECY_THRESHOLD): PrimaryVerdict {
  if (count > 0 && count < threshold) return 'frequence';
  if (total > 0 && largest > DOMINANCE_SHARE * total) return 'dominance';
  return null;
}

/**
 * Completes `hide` in place for one breakdown whose parts add up to a total that is shown: a
 * hidden part is never the only hidden one, and the hidden parts together pass the frequency
 * rule, so that the total minus the shown parts reveals no company. The smallest non-empty parts
 * are added first (least loss). Returns true when it hid something more.
 */
function completeBreakdown(counts: readonly number[], hide: boolean[]): boolean {
  let changed = false;
  const hiddenCount = () => counts.reduce((a, n, i) => a + (hide[i] ? n : 0), 0);
  while (hide.some(Boolean) && (hide.filter(Boolean).length < 2 || primaryVerdict(hiddenCount()) !== null)) {
    let best = -1;
    counts.forEach((n, i) => {
      if (!hide[i] && n > 0 && (best < 0 || n < counts[best])) best = i;
    });
    if (best < 0) break; // every non-empty part is hidden already
    hide[best] = true;
    changed = true;
  }
  return changed;
}

/**
 * Complementary suppression inside one breakdown (sectors, sizes of the annual review): the
 * frequency rule, then completeBreakdown. `counts`: companies of each part. Returns which to hide.
 */
export function protectBreakdown(counts: readonly number[]): boolean[] {
  const hide = counts.map((n) => primaryVerdict(n) !== null);
  completeBreakdown(counts, hide);
  return hide;
}

/**
 * Complementary suppression in a two-way table shown with its margins (the annual review's
 * funds × years, with each fund's total and each year's total): the frequency rule on every
 * cell and margin, then every row, every column and both margins completed until nothing
 * changes, so that no hidden cell is alone in any sum the pages show. Counts of companies.
 */
export function protectGrid(
  cells: readonly (readonly number[])[],
  rowTotals: readonly number[],
  colTotals: readonly number[],
): { cells: boolean[][]; rowTotals: boolean[]; colTotals: boolean[] } {
  const secret = (n: number) => primaryVerdict(n) !== null;
  const hc = cells.map((r) => r.map(secret));
  const hr = rowTotals.map(secret);
  const hk = colTotals.map(secret);
  for (let changed = true; changed; ) {
    changed = false;
    // A hidden total leaves two unknowns in its sum; its own margin sum protects it.
    cells.forEach((r, i) => {
      if (!hr[i]) changed = completeBreakdown(r, hc[i]) || changed;
    });
    colTotals.forEach((_, j) => {
      if (hk[j]) return;
      const col = hc.map((r) => r[j]);
      if (completeBreakdown(cells.map((r) => r[j]), col)) {
        col.forEach((h, i) => (hc[i][j] = h));
        changed = true;
      }
    });
    changed = completeBreakdown(rowTotals, hr) || changed;
    changed = completeBreakdown(colTotals, hk) || changed;
  }
  return { cells: hc, rowTotals: hr, colTotals: hk };
}


/** A figure that may not be shown. `display` is what to write instead (also in exports). */
export interface SecretValue {
  secret: true;
  display: string;
}

export type MaybeSecret<T extends number | null = number> = T | SecretValue;

export interface MaskedFigures {
  companies: MaybeSecret;
  jobs: MaybeSecret;
  amountEur: MaybeSecret;
  /** Population is public (INSEE). */
  population: number | null;
  jobsPer1000: MaybeSecret<number | null>;
  eurPerJob: MaybeSecret<number | null>;
  jobsCut: MaybeSecret;
  layoffs: MaybeSecret;
  /** True when at least one field is masked (to show a "secret statistique" note). */
  masked: boolean;
}

export function isSecret(v: unknown): v is SecretValue {
  return typeof v === 'object' && v !== null && (v as SecretValue).secret === true;
}

/** Value to show or export: the number (formatted by `format`), the secret's display, or `empty` for null. */
export function displayValue(v: MaybeSecret<number | null>, format: (n: number) => string = String, empty = '–'): string {
  if (isSecret(v)) return v.display;
  if (v === null || v === undefined) return empty;
  return format(v);
}

export const SECRET: SecretValue = Object.freeze({ secret: true, display: SECRET_LABEL }) as SecretValue;

/** Measures each derived figure is built on (a ratio is secret when one of them is). */
export const DERIVED_FROM: Readonly<Record<'companies' | 'jobs' | 'amountEur' | 'jobsPer1000' | 'eurPerJob' | 'amountPerInhabitant' | 'jobsCut', readonly Measure[]>> = {
  companies: ['companies'],
  jobs: ['jobs'],
  amountEur: ['amountEur'],
  jobsPer1000: ['jobs'],
  eurPerJob: ['amountEur', 'jobs'],
  amountPerInhabitant: ['amountEur'],
  jobsCut: [],
};

/** True when a figure built on `measures` may not be shown (public figures only carry flags). */
export function isSecretFigure(f: Pick<TerritoryFigures, 'secret'>, measures: readonly Measure[]): boolean {
  return !!f.secret && measures.some((m) => f.secret![m]);
}

/** True when any published measure of the territory is suppressed. */
export const hasSecret = (f: Pick<TerritoryFigures, 'secret'>): boolean => isSecretFigure(f, ['companies', 'jobs', 'amountEur']);

/** Figures as they may be shown: suppressed measures (public figures) and the ratios built on them become SecretValue. */
export function maskFigures(f: TerritoryFigures): MaskedFigures {
  const s = (measures: readonly Measure[]) => isSecretFigure(f, measures);
  return {
    companies: s(DERIVED_FROM.companies) ? SECRET : f.companies,
    jobs: s(DERIVED_FROM.jobs) ? SECRET : f.jobs,
    amountEur: s(DERIVED_FROM.amountEur) ? SECRET : f.amountEur,
    population: f.population,
    jobsPer1000: s(DERIVED_FROM.jobsPer1000) ? SECRET : f.jobsPer1000,
    eurPerJob: s(DERIVED_FROM.eurPerJob) ? SECRET : f.eurPerJob,
    jobsCut: f.jobsCut,
    layoffs: f.layoffs,
    masked: hasSecret(f),
  };
}

/**
 * A company may appear individually (name, point, fund, year, jobs) in public outputs: it agreed
 * to publication and is not a micro-entrepreneur. The same rule as the published package's
 * (publication/cells.ts uses this function), so the app in public mode and a published site name
 * the same companies.
 */
export function mayShowIndividually(s: Pick<Support, 'isMicroEntrepreneur' | 'publishable'>): boolean {
  return s.publishable === true && !s.isMicroEntrepreneur;
}

/** Supports that may be listed or drawn individually in `mode`. */
export function visibleSupports<S extends Pick<Support, 'isMicroEntrepreneur' | 'publishable'>>(supports: readonly S[], mode: PrivacyMode): S[] {
  return mode === 'public' ? supports.filter(mayShowIndividually) : [...supports];
}

/** One support as it may be shown: public mode hides the amount and the SIRET. */
export type SupportView = Omit<Support, 'amountEur'> & { amountEur: MaybeSecret };

/** A support as it may be shown individually, or null when it may not be shown at all in `mode`. */
export function supportPublicView(s: Support, mode: PrivacyMode): SupportView | null {
  if (mode !== 'public') return { ...s };
  if (!mayShowIndividually(s)) return null;
  return { ...s, siret: null, address: null, amountEur: SECRET };
}
