// Filtering of supports (and layoffs) by fund, year and NAF section. Pure.

import type { FundId, Layoff, SizeBand, Support } from '../domain/types.ts';

export interface SupportFilter {
  /** Funds to keep. Undefined or empty array = every fund. */
  funds?: FundId[];
  /** First year kept (inclusive), from the row's date. */
  yearFrom?: number;
  /** Last year kept (inclusive). */
  yearTo?: number;
  /**
   * NAF section letters (A–U) to keep. Undefined or empty array = every sector. Rows without
   * a sector are kept only when the list contains the empty string "" (meaning "unknown").
   */
  sectors?: string[];
  /** Company size bands to keep. Undefined or empty array = every size. */
  sizes?: SizeBand[];
  /** Rows without a date (« année non renseignée »): kept unless false. */
  undated?: boolean;
}

/** Year of an ISO date; NaN for a row without a date (''). */
function yearOf(date: string): number {
  return date === '' ? NaN : Number(date.slice(0, 4));
}

function inYears(date: string, from?: number, to?: number, undated = true): boolean {
  const y = yearOf(date);
  if (y !== y) return undated;
  if (from !== undefined && y < from) return false;
  if (to !== undefined && y > to) return false;
  return true;
}

/** Supports matching every given criterion (returns a new array, the input is untouched). */
export function filterSupports(supports: readonly Support[], f: SupportFilter = {}): Support[] {
  const funds = f.funds && f.funds.length > 0 ? new Set(f.funds) : null;
  const sectors = f.sectors && f.sectors.length > 0 ? new Set(f.sectors) : null;
  const sizes = f.sizes && f.sizes.length > 0 ? new Set(f.sizes) : null;
  return supports.filter((s) => {
    if (sizes && !sizes.has(s.sizeBand)) return false;
    if (funds && !funds.has(s.fund)) return false;
    if (!inYears(s.date, f.yearFrom, f.yearTo, f.undated)) return false;
    if (sectors && !sectors.has(s.sector ?? '')) return false;
    return true;
  });
}

/** Layoffs within the year range (fund and sector filters do not apply to layoffs). */
export function filterLayoffs(layoffs: readonly Layoff[], f: Pick<SupportFilter, 'yearFrom' | 'yearTo'> = {}): Layoff[] {
  return layoffs.filter((l) => inYears(l.date, f.yearFrom, f.yearTo));
}

/** Number of rows without a date (« année non renseignée »). */
export function undatedCount(supports: readonly Pick<Support, 'date'>[]): number {
  let n = 0;
  for (const s of supports) if (s.date === '') n++;
  return n;
}

/** Years (ascending, distinct) present in the supports' dates (rows without a date left out). */
export function yearsOf(supports: readonly Pick<Support, 'date'>[]): number[] {
  return [...new Set(supports.map((s) => yearOf(s.date)))].filter(Number.isFinite).sort((a, b) => a - b);
}
