// Message shapes between the aggregation worker (src/workers/aggregate.worker.ts) and its client.

import type { CountsByTerritory, LocateManyResult } from './engine.ts';

export interface AggregateRequest {
  id: number;
  /** [lon0, lat0, lon1, lat1, …] (transferred to the worker). */
  lonlat: Float64Array;
  /** Optional [jobs0, amount0, jobs1, amount1, …]: counts are then returned. */
  weights?: Float64Array;
  /** Return counts even without weights. */
  count?: boolean;
}

export interface TerritoryCodes {
  commune: string[];
  arrondissement: string[];
  qpv: string[];
}

export type AggregateResult = LocateManyResult & {
  counts?: CountsByTerritory;
  /** Index → code for each output array (-1 = none). */
  codes: TerritoryCodes;
  /** Worker time, engine build included on the first request. */
  ms: number;
};

export type AggregateResponse =
  | { type: 'progress'; id: number; done: number; total: number }
  | ({ type: 'result'; id: number } & AggregateResult)
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string };
