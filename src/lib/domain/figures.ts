// Figures of a territory: what aggregation produces and privacy masks. Pure types.

/** The three figures every territory gets. */
export interface Totals {
  companies: number;
  jobs: number;
  amountEur: number;
}

/** Figures of one territory (commune, arrondissement, QPV, EPCI, zone d'emploi, rural/urban). */
export interface TerritoryFigures extends Totals {
  /** Population used for per-inhabitant figures (null when unknown, e.g. QPV). */
  population: number | null;
  /** Jobs created per 1,000 inhabitants (null when population unknown or 0). */
  jobsPer1000: number | null;
  /** Euros per job created (null when no job). */
  eurPerJob: number | null;
  /** Jobs cut by collective layoffs in the territory. */
  jobsCut: number;
  /** Number of layoff events. */
  layoffs: number;
}

/** Figures of a territory that got nothing (optionally with some fields set). */
export function emptyFigures(over: Partial<TerritoryFigures> = {}): TerritoryFigures {
  return { companies: 0, jobs: 0, amountEur: 0, population: null, jobsPer1000: null, eurPerJob: null, jobsCut: 0, layoffs: 0, ...over };
}
