// The map's year slider (pure): which years the map shows for a slider position, and which
// position a year filter corresponds to.
// - 'cumul': from the first year of the data to the slider's year (what had been done by then);
// - 'annee': the slider's year alone.

export type SliderMode = 'cumul' | 'annee';

export interface YearRange {
  yearFrom: number;
  yearTo: number;
}

/** The year filter of a slider position. */
export function sliderRange(years: readonly number[], mode: SliderMode, year: number): YearRange {
  const first = years[0] ?? year;
  return mode === 'cumul' ? { yearFrom: first, yearTo: year } : { yearFrom: year, yearTo: year };
}

/**
 * The slider position of a year filter: cumulative when it starts at the first year, a single
 * year when it covers one year, else null (a custom range set with the « De / à » selects).
 * `prefer` settles the one ambiguous case (the first year alone is both).
 */
export function sliderPosition(years: readonly number[], yearFrom: number | null, yearTo: number | null, prefer: SliderMode = 'cumul'): { mode: SliderMode; year: number } | null {
  if (years.length === 0 || yearFrom === null || yearTo === null) return null;
  const first = years[0];
  if (yearFrom === yearTo && (prefer === 'annee' || yearFrom !== first)) return { mode: 'annee', year: yearTo };
  if (yearFrom === first) return { mode: 'cumul', year: yearTo };
  return null;
}

/** The next year of the play loop, or null at the end (playing stops there). */
export function nextYear(years: readonly number[], year: number): number | null {
  const i = years.indexOf(year);
  if (i < 0) return years[0] ?? null;
  return i + 1 < years.length ? years[i + 1] : null;
}
