// Contracts of the analysis layer (pure TypeScript; used by the app, the worker and the CLI).

import type { LonLat } from '../domain/types.ts';
import type { Measure } from '../publication/types.ts';

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

/** Where a point falls. Produced by a SpatialLocator, consumed by import and aggregation. */
export interface PointLocation {
  /** INSEE code of the commune (13055 for Marseille), or null when outside the département. */
  communeCode: string | null;
  /** 13201–13216 when in Marseille, else null. */
  arrondissementCode: string | null;
  /** QPV code when inside one, else null. */
  qpvCode: string | null;
  /** True when the point was outside every commune polygon and snapped to the nearest one (coast line). */
  snapped: boolean;
}

/** Point-in-polygon over the département's layers. Implementations: turf (reference) and the indexed engine. */
export interface SpatialLocator {
  locate(point: LonLat): PointLocation;
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

/** Result of aggregating a dataset over every territory level. */
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
