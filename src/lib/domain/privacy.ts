// Statistical secrecy: what may be shown in public mode (kiosk, published maps) and what only
// the State's internal users may see. Pure.
//
// Modes:
// - 'interne': everything, as computed.
// - 'public' (default; always in kiosk mode):
//   1. no individual micro-entrepreneur is ever shown (they are individuals: name, address and
//      location would identify a person). They still count in territory totals, under rule 3;
//   2. no company's amount is ever shown (business secrecy of the aid granted);
//   3. no figure computed from fewer than SECRECY_THRESHOLD (3) companies is shown: the
//      companies count displays "< 3", sums and ratios built on them (jobs, euros, jobs per
//      1,000 inhabitants, euros per job) display "secret statistique". Zero is not secret:
//      "aucune entreprise soutenue" discloses nobody and is the point of the gap analysis.
//
// Layoffs (decision): the jobs cut by collective layoffs are NOT masked by default. A collective
// layoff (PSE) is public information — announced by the employer, reported by the press, known to
// the commune's elected officials — and it is the reference the whole map answers to ("did
// territories hit by layoffs benefit?"); masking a commune hit by one or two PSE would hide
// exactly what the map is for. Set `maskLayoffs: true` to apply the same threshold on the number
// of layoff events (jobsCut → "secret statistique", layoffs → "< 3").
//
// Not handled here (known limit): secondary secrecy. A masked commune can sometimes be recovered
// by subtracting the other communes from a published EPCI total. Territory tables in public mode
// should therefore not show a total row that contains exactly one masked territory.

import type { TerritoryFigures } from './figures.ts';
import type { Support } from './types.ts';

export type PrivacyMode = 'public' | 'interne';

export const PRIVACY_MODES: readonly PrivacyMode[] = ['public', 'interne'];
export const PRIVACY_MODE_LABELS: Readonly<Record<PrivacyMode, string>> = {
  public: 'Public (secret statistique appliqué)',
  interne: 'Interne (données complètes)',
};

/** Minimum number of companies behind a published figure. */
export const SECRECY_THRESHOLD = 3;

export const SECRET_LABEL = 'secret statistique';

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


/** A figure that may not be shown. `display` is what to write instead (also in exports). */
export interface SecretValue {
  secret: true;
  /** "< 3" for counts of companies or layoffs, "secret statistique" for sums and ratios. */
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

export interface PrivacyOptions {
  /** Default SECRECY_THRESHOLD (3). */
  threshold?: number;
  /** Apply the threshold on layoff events too (default false, see the header). */
  maskLayoffs?: boolean;
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

const countSecret = (threshold: number): SecretValue => ({ secret: true, display: `< ${threshold}` });
const sumSecret = (): SecretValue => ({ secret: true, display: SECRET_LABEL });

/** True when a figure built on `n` items must be hidden (0 is never secret). */
export function belowThreshold(n: number, threshold = SECRECY_THRESHOLD): boolean {
  return n > 0 && n < threshold;
}

/** Figures as they may be shown in `mode`. Interne: unchanged values (masked = false). */
export function maskFigures(f: TerritoryFigures, mode: PrivacyMode, opts: PrivacyOptions = {}): MaskedFigures {
  const threshold = opts.threshold ?? SECRECY_THRESHOLD;
  const out: MaskedFigures = {
    companies: f.companies,
    jobs: f.jobs,
    amountEur: f.amountEur,
    population: f.population,
    jobsPer1000: f.jobsPer1000,
    eurPerJob: f.eurPerJob,
    jobsCut: f.jobsCut,
    layoffs: f.layoffs,
    masked: false,
  };
  if (mode !== 'public') return out;
  if (belowThreshold(f.companies, threshold)) {
    out.companies = countSecret(threshold);
    out.jobs = sumSecret();
    out.amountEur = sumSecret();
    out.jobsPer1000 = sumSecret();
    out.eurPerJob = sumSecret();
    out.masked = true;
  }
  if (opts.maskLayoffs && belowThreshold(f.layoffs, threshold)) {
    out.layoffs = countSecret(threshold);
    out.jobsCut = sumSecret();
    out.masked = true;
  }
  return out;
}

/** Supports that may be listed or drawn individually: public mode drops micro-entrepreneurs. */
export function visibleSupports<S extends Pick<Support, 'isMicroEntrepreneur'>>(supports: readonly S[], mode: PrivacyMode): S[] {
  return mode === 'public' ? supports.filter((s) => !s.isMicroEntrepreneur) : [...supports];
}

/** One support as it may be shown: public mode hides the amount. */
export type SupportView = Omit<Support, 'amountEur'> & { amountEur: MaybeSecret };

/**
 * A support as it may be shown individually, or null when it may not be shown at all (a
 * micro-entrepreneur in public mode). Public mode replaces the amount by "secret statistique".
 */
export function supportPublicView(s: Support, mode: PrivacyMode): SupportView | null {
  if (mode !== 'public') return { ...s };
  if (s.isMicroEntrepreneur) return null;
  return { ...s, amountEur: sumSecret() };
}
