// Indexed aggregation engine: the same assignment as the turf reference locator
// (locate-turf.ts), point for point, for millions of points held in typed arrays.
//
//   commune        = first commune (code order) containing the point, boundary inclusive;
//                    else the coast snap (nearest outline within snapDistanceKm) → snapped = 1
//   arrondissement = only in Marseille (13055): first arrondissement containing the point, else
//                    the nearest arrondissement outline
//   qpv            = first QPV containing the point
//
// Per point: one read of a packed per-cell table holding the whole answer (commune, arrondissement,
// QPV, snapped) for every cell where each layer and fallback is resolved (≈ 90 % of the points of
// the bench); the other points take the per-layer path: one grid lookup per layer, boundary cells
// test a few band edges with the exact hao predicate, snap and arrondissement fallbacks are
// classified per cell lazily (the packed entry is filled in once they resolve) and computed
// exactly only near ties / thresholds.
// Indices refer to the engine's code arrays (`communeCodes`, …: ascending code order); -1 = none.

import type { LonLat } from '../../domain/types.ts';
import type { ArrondissementsLayer, CommunesLayer, QpvLayer } from '../../geodata/types.ts';
import type { PointLocation, SpatialLocator } from '../types.ts';
import { LayerGrid, makeGridGeometry, type GridGeometry } from './grid.ts';
import { NearestGrid } from './nearest.ts';
import { PolygonLayer, type LayerFeatureInput } from './polygon-index.ts';

export const MARSEILLE_CODE = '13055';
export const DEFAULT_SNAP_DISTANCE_KM = 2;
/** Default cell size (degrees): ≈ 160 m × 220 m in the Bouches-du-Rhône. */
export const DEFAULT_CELL_DEG = 0.002;
/** Fast-table value of a cell that needs the per-layer path (packed answers are >= 0). */
const SLOW = -1;
/** NearestGrid state of a cell not classified yet (nearest.ts UNCOMPUTED). */
const UNCOMPUTED_STATE = -3;

export interface EngineOptions {
  /** Same meaning as the reference locator option (default 2 km; 0 disables the snap). */
  snapDistanceKm?: number;
  /** Grid cell size in degrees (default 0.002). Only speed and memory depend on it. */
  cellDeg?: number;
}

export interface LocateManyResult {
  commune: Int32Array;
  arrondissement: Int32Array;
  qpv: Int32Array;
  snapped: Uint8Array;
}

export interface TerritoryCounts {
  /** Points per territory. */
  count: Float64Array;
  /** Sum of the first weight (jobs) per territory (zeros without weights). */
  jobs: Float64Array;
  /** Sum of the second weight (amount in euros) per territory (zeros without weights). */
  amount: Float64Array;
}

export interface CountsByTerritory {
  commune: TerritoryCounts;
  arrondissement: TerritoryCounts;
  qpv: TerritoryCounts;
  /** Points in no commune (outside the département and beyond the snap distance, or invalid). */
  outside: TerritoryCounts;
  /** Points attached by the coast snap. */
  snapped: number;
}

type LayerInput = { features: readonly LayerFeatureInput[] };

function expandedExtent(layers: PolygonLayer[], snapKm: number): [number, number, number, number] {
  const e: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const l of layers) {
    e[0] = Math.min(e[0], l.extent[0]);
    e[1] = Math.min(e[1], l.extent[1]);
    e[2] = Math.max(e[2], l.extent[2]);
    e[3] = Math.max(e[3], l.extent[3]);
  }
  if (!Number.isFinite(e[0])) return [0, 0, 1, 1];
  // Beyond this margin no point can be snapped: the reference bbox pre-filter already rejects it.
  const my = (1.5 * snapKm) / 110 + 0.01;
  const maxAbsLat = Math.min(89, Math.max(Math.abs(e[1]), Math.abs(e[3])) + my);
  const mx = (1.5 * snapKm) / (111.32 * Math.cos((maxAbsLat * Math.PI) / 180)) + 0.01;
  return [e[0] - mx, e[1] - my, e[2] + mx, e[3] + my];
}

export class AggregationEngine {
  readonly communes: PolygonLayer;
  readonly arrondissements: PolygonLayer;
  readonly qpvLayer: PolygonLayer;
  readonly grid: GridGeometry;
  readonly snapKm: number;
  private readonly gC: LayerGrid;
  private readonly gA: LayerGrid;
  private readonly gQ: LayerGrid;
  private readonly snap: NearestGrid | null;
  private readonly nearArr: NearestGrid | null;
  private readonly marseille: number;
  /** Per cell: packed whole answer (see packCell) or SLOW; null when a layer has more than 254 features. */
  private readonly fast: Int32Array | null;
  private readonly oneIn = new Float64Array(2);
  private readonly oneOut: LocateManyResult = {
    commune: new Int32Array(1),
    arrondissement: new Int32Array(1),
    qpv: new Int32Array(1),
    snapped: new Uint8Array(1),
  };
  /** Milliseconds spent building (layers, indexes, grids). */
  readonly buildMs: number;

  constructor(communes: CommunesLayer | LayerInput, arrondissements: ArrondissementsLayer | LayerInput, qpv: QpvLayer | LayerInput, opts: EngineOptions = {}) {
    const t0 = performance.now();
    this.snapKm = opts.snapDistanceKm ?? DEFAULT_SNAP_DISTANCE_KM;
    this.communes = new PolygonLayer(communes.features as readonly LayerFeatureInput[]);
    this.arrondissements = new PolygonLayer(arrondissements.features as readonly LayerFeatureInput[]);
    this.qpvLayer = new PolygonLayer(qpv.features as readonly LayerFeatureInput[]);
    const extent = expandedExtent([this.communes, this.arrondissements, this.qpvLayer], Math.max(0, this.snapKm));
    this.grid = makeGridGeometry(extent, opts.cellDeg ?? DEFAULT_CELL_DEG);
    this.gC = new LayerGrid(this.communes, this.grid);
    this.gA = new LayerGrid(this.arrondissements, this.grid);
    this.gQ = new LayerGrid(this.qpvLayer, this.grid);
    this.snap = this.snapKm > 0 ? new NearestGrid(this.communes, this.grid, this.snapKm) : null;
    // Snap answers are needed wherever a point can be outside every commune.
    const cellC = this.gC.cell;
    this.snap?.precompute((idx) => cellC[idx] < 0);
    this.nearArr = this.arrondissements.size > 0 ? new NearestGrid(this.arrondissements, this.grid, Infinity) : null;
    this.marseille = this.communes.codes.indexOf(MARSEILLE_CODE);
    const packable = Math.max(this.communes.size, this.arrondissements.size, this.qpvLayer.size) <= 254;
    if (packable) {
      const fast = new Int32Array(this.grid.rows * this.grid.cols);
      for (let idx = 0; idx < fast.length; idx++) fast[idx] = this.packCell(idx);
      this.fast = fast;
    } else this.fast = null;
    this.buildMs = performance.now() - t0;
  }

  get communeCodes(): readonly string[] {
    return this.communes.codes;
  }
  get arrondissementCodes(): readonly string[] {
    return this.arrondissements.codes;
  }
  get qpvCodes(): readonly string[] {
    return this.qpvLayer.codes;
  }

  /** Locate points given as [lon0, lat0, lon1, lat1, …]. */
  locateMany(lonlat: Float64Array): LocateManyResult {
    const n = lonlat.length >> 1;
    const out: LocateManyResult = {
      commune: new Int32Array(n),
      arrondissement: new Int32Array(n),
      qpv: new Int32Array(n),
      snapped: new Uint8Array(n),
    };
    this.locateInto(lonlat, 0, n, out);
    return out;
  }

  /** Locate points [from, to) of `lonlat` into `out` (same indices). Reusing `out` across calls avoids allocating (and collecting) 13 bytes per point. */
  locateInto(lonlat: Float64Array, from: number, to: number, out: LocateManyResult): void {
    const { x0, y0, invW, invH, cols, rows } = this.grid;
    const fast = this.fast;
    const oC = out.commune, oA = out.arrondissement, oQ = out.qpv, oS = out.snapped;
    for (let i = from; i < to; i++) {
      const fx = (lonlat[2 * i] - x0) * invW;
      const fy = (lonlat[2 * i + 1] - y0) * invH;
      // NaN and infinities fail these comparisons too.
      if (!(fx >= 0 && fx < cols && fy >= 0 && fy < rows)) {
        oC[i] = -1;
        oA[i] = -1;
        oQ[i] = -1;
        oS[i] = 0;
        continue;
      }
      const r = fy | 0;
      const c = fx | 0;
      const idx = r * cols + c;
      const p = fast !== null ? fast[idx] : SLOW;
      if (p !== SLOW) {
        // Whole answer resolved for the cell: one read instead of one per layer.
        oC[i] = (p & 0xff) - 1;
        oA[i] = ((p >>> 8) & 0xff) - 1;
        oQ[i] = ((p >>> 16) & 0xff) - 1;
        oS[i] = p >>> 24;
      } else this.locateSlow(lonlat, i, idx, r, c, out);
    }
  }

  /**
   * Per-layer path for a cell whose answer is not resolved as a whole (a boundary, a snap or an
   * arrondissement fallback to compute). The point goes by index (no double boxing).
   */
  private locateSlow(lonlat: Float64Array, i: number, idx: number, r: number, c: number, out: LocateManyResult): void {
    let v = this.gC.cell[idx];
    let com = v >= -1 ? v : this.gC.locateInCell(idx, r, lonlat, i);
    let snapped = 0;
    let lazy = false;
    const snap = this.snap;
    if (com === -1 && snap !== null) {
      v = snap.state[idx];
      if (v === UNCOMPUTED_STATE) lazy = true;
      com = v >= -1 ? v : snap.nearest(r, c, lonlat, i);
      if (com >= 0) snapped = 1;
    }
    let arr = -1;
    const nearArr = this.nearArr;
    if (com === this.marseille && com >= 0 && nearArr !== null) {
      v = this.gA.cell[idx];
      arr = v >= -1 ? v : this.gA.locateInCell(idx, r, lonlat, i);
      if (arr === -1) {
        v = nearArr.state[idx];
        if (v === UNCOMPUTED_STATE) lazy = true;
        arr = v >= -1 ? v : nearArr.nearest(r, c, lonlat, i);
      }
    }
    v = this.gQ.cell[idx];
    out.commune[i] = com;
    out.arrondissement[i] = arr;
    out.qpv[i] = v >= -1 ? v : this.gQ.locateInCell(idx, r, lonlat, i);
    out.snapped[i] = snapped;
    // A fallback was just classified for this cell: it may now be resolved as a whole.
    if (lazy && this.fast !== null) this.fast[idx] = this.packCell(idx);
  }

  /**
   * The cell's whole answer packed in one int — (commune + 1) | (arrondissement + 1) << 8 |
   * (qpv + 1) << 16 | snapped << 24 — when every layer (and fallback) is resolved for the whole
   * cell; SLOW otherwise.
   */
  private packCell(idx: number): number {
    let com = this.gC.cell[idx];
    if (com < -1) return SLOW;
    let snapped = 0;
    if (com === -1 && this.snap !== null) {
      com = this.snap.state[idx];
      if (com < -1) return SLOW;
      if (com >= 0) snapped = 1;
    }
    let arr = -1;
    if (com === this.marseille && com >= 0 && this.nearArr !== null) {
      arr = this.gA.cell[idx];
      if (arr < -1) return SLOW;
      if (arr === -1) {
        arr = this.nearArr.state[idx];
        if (arr < -1) return SLOW;
      }
    }
    const q = this.gQ.cell[idx];
    if (q < -1) return SLOW;
    return (com + 1) | ((arr + 1) << 8) | ((q + 1) << 16) | (snapped << 24);
  }

  /** One point; indices into the code arrays. */
  locateIndices(x: number, y: number): { commune: number; arrondissement: number; qpv: number; snapped: boolean } {
    const buf = this.oneIn;
    buf[0] = x;
    buf[1] = y;
    const out = this.oneOut;
    this.locateInto(buf, 0, 1, out);
    return { commune: out.commune[0], arrondissement: out.arrondissement[0], qpv: out.qpv[0], snapped: out.snapped[0] === 1 };
  }

  /** Same answer as the reference SpatialLocator.locate(). */
  locate(p: LonLat): PointLocation {
    const r = this.locateIndices(p[0], p[1]);
    return {
      communeCode: r.commune >= 0 ? this.communes.codes[r.commune] : null,
      arrondissementCode: r.arrondissement >= 0 ? this.arrondissements.codes[r.arrondissement] : null,
      qpvCode: r.qpv >= 0 ? this.qpvLayer.codes[r.qpv] : null,
      snapped: r.snapped,
    };
  }

  /** Counts (and weight sums) per commune, arrondissement and QPV. See countByTerritory(). */
  countByTerritory(loc: LocateManyResult, weights?: Float64Array): CountsByTerritory {
    return countByTerritory(loc, { communes: this.communes.size, arrondissements: this.arrondissements.size, qpv: this.qpvLayer.size }, weights);
  }

  /** Build statistics (for the bench and the docs). */
  stats() {
    const cells = this.grid.rows * this.grid.cols;
    return {
      buildMs: this.buildMs,
      grid: { cols: this.grid.cols, rows: this.grid.rows, cells, cellDegX: this.grid.cw, cellDegY: this.grid.ch },
      communes: this.gC.stats,
      arrondissements: this.gA.stats,
      qpv: this.gQ.stats,
      snap: this.snap?.stats ?? null,
      arrondissementFallback: this.nearArr?.stats ?? null,
    };
  }
}

function emptyCounts(n: number): TerritoryCounts {
  return { count: new Float64Array(n), jobs: new Float64Array(n), amount: new Float64Array(n) };
}

/**
 * Counts per territory from typed arrays. `weights`, when given, holds two numbers per point:
 * [jobs0, amount0, jobs1, amount1, …] (NaN counts as 0). A Marseille point counts in its
 * commune (13055) and in its arrondissement; a point can be in a commune and a QPV.
 */
export function countByTerritory(
  loc: LocateManyResult,
  sizes: { communes: number; arrondissements: number; qpv: number },
  weights?: Float64Array,
): CountsByTerritory {
  const n = loc.commune.length;
  if (weights && weights.length < 2 * n) throw new RangeError('weights: 2 values per point expected (jobs, amount)');
  const res: CountsByTerritory = {
    commune: emptyCounts(sizes.communes),
    arrondissement: emptyCounts(sizes.arrondissements),
    qpv: emptyCounts(sizes.qpv),
    outside: emptyCounts(1),
    snapped: 0,
  };
  const cC = res.commune.count, jC = res.commune.jobs, aC = res.commune.amount;
  const cA = res.arrondissement.count, jA = res.arrondissement.jobs, aA = res.arrondissement.amount;
  const cQ = res.qpv.count, jQ = res.qpv.jobs, aQ = res.qpv.amount;
  const out = res.outside;
  let snapped = 0;
  for (let i = 0; i < n; i++) {
    let j = 0;
    let a = 0;
    if (weights) {
      j = weights[2 * i];
      a = weights[2 * i + 1];
      if (j !== j) j = 0;
      if (a !== a) a = 0;
    }
    const c = loc.commune[i];
    if (c >= 0) {
      cC[c]++;
      jC[c] += j;
      aC[c] += a;
    } else {
      out.count[0]++;
      out.jobs[0] += j;
      out.amount[0] += a;
    }
    const r = loc.arrondissement[i];
    if (r >= 0) {
      cA[r]++;
      jA[r] += j;
      aA[r] += a;
    }
    const q = loc.qpv[i];
    if (q >= 0) {
      cQ[q]++;
      jQ[q] += j;
      aQ[q] += a;
    }
    snapped += loc.snapped[i];
  }
  res.snapped = snapped;
  return res;
}

/** SpatialLocator backed by the engine (drop-in replacement of createTurfLocator). */
export function createEngineLocator(
  communes: CommunesLayer,
  arrondissements: ArrondissementsLayer,
  qpv: QpvLayer,
  opts: EngineOptions = {},
): SpatialLocator & { engine: AggregationEngine } {
  const engine = new AggregationEngine(communes, arrondissements, qpv, opts);
  return {
    engine,
    locate(p: LonLat): PointLocation {
      if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        return { communeCode: null, arrondissementCode: null, qpvCode: null, snapped: false };
      }
      return engine.locate(p);
    },
  };
}
