// Figures of a territory: what aggregation produces and privacy masks. Pure types.

/** The three published measures (publication/types.ts re-exports it). Each is checked for secrecy on its own. */
export type Measure = 'companies' | 'jobs' | 'amountEur';

/**
 * Public figures only: the measures suppressed by statistical secrecy. Their number is 0 and
 * must not be read: domain/privacy.ts turns them into « secret statistique ».
 */
export type SecretFlags = Partial<Record<Measure, true>>;

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
  /** Public figures: suppressed measures (absent = nothing suppressed). */
  secret?: SecretFlags;
}

/** Result of aggregating a dataset over every territory level (analysis/aggregate.ts, or publication/figures.ts for public figures). */
export interface AggregationResult {
  totals: Totals & { jobsCut: number; layoffs: number; secret?: SecretFlags };
  byCommune: Record<string, TerritoryFigures>;
  byArrondissement: Record<string, TerritoryFigures>;
  byQpv: Record<string, TerritoryFigures>;
  byEpci: Record<string, TerritoryFigures>;
  byZoneEmploi: Record<string, TerritoryFigures>;
  rural: TerritoryFigures;
  urban: TerritoryFigures;
  /**
   * Shares (0–1) of companies / jobs / euros inside QPV and in rural communes, beside their share
   * of population. Public figures: null when the share cannot be derived from published cells.
   */
  shares: {
    qpv: { companies: number | null; jobs: number | null; amountEur: number | null; population: number | null };
    rural: { companies: number | null; jobs: number | null; amountEur: number | null; population: number };
  };
}

/** Figures of a territory that got nothing (optionally with some fields set). */
export function emptyFigures(over: Partial<TerritoryFigures> = {}): TerritoryFigures {
  return { companies: 0, jobs: 0, amountEur: 0, population: null, jobsPer1000: null, eurPerJob: null, jobsCut: 0, layoffs: 0, ...over };
}
