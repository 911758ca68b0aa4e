// Contracts of the analysis layer (pure TypeScript; used by the app, the worker and the CLI).

import type { LonLat } from '../domain/types.ts';
import type { AggregationResult, SecretFlags, Totals, TerritoryFigures } from '../domain/figures.ts';

// The figures' shapes are domain types (privacy masks them, publication rebuilds them); re-exported for the analysis users.
export type { AggregationResult, SecretFlags, Totals, TerritoryFigures };
export { emptyFigures } from '../domain/figures.ts';

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
