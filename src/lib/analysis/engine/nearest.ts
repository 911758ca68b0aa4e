// Nearest-outline fallbacks of the reference locator, per grid cell, computed lazily (only for
// cells where a point actually needs them):
//   - coast snap: the nearest commune outline within maxKm (reference bbox pre-filter included);
//   - Marseille arrondissement: the nearest arrondissement outline, whatever the distance.
//
// A cell is classified with cheap planar bounds (local equirectangular km, relative error
// relErr(d) plus delta km, widened by the cell's half-diagonal since a distance function is
// 1-Lipschitz):
//   - NONE: every outline is farther than maxKm from every point of the cell;
//   - resolved: one feature is strictly nearer than all others for every point of the cell (and,
//     with a finite maxKm, within it and inside the reference's bbox pre-filter);
//   - ambiguous: the few segments that can matter are kept, and each point is computed exactly
//     with the turf replica (same doubles as the reference, so the same ties and thresholds).

import { EPS, type GridGeometry } from './grid.ts';
import { degreesToKm, lngLatToVector, segmentDistanceDeg } from './exact.ts';
import type { PolygonLayer } from './polygon-index.ts';

const KM_PER_DEG = 111.195; // spherical, R = 6371.0088 km
const EARTH_KM = 6371.0088;
const RHO = 0.02; // largest relative error allowance used (at MAX_PLANAR_KM), for search radii
const MAX_PLANAR_KM = 60; // beyond this, no bound is trusted: every found segment is kept
/**
 * Relative error of the local equirectangular distance at distance d (km): the east-west scale
 * drifts by |tan φ|·Δφ with Δφ ≤ d / R (|tan φ| ≤ 1.2 below 50°), plus a floor.
 */
function relErr(d: number): number {
  return 0.001 + (2 * d) / EARTH_KM;
}
const UNCOMPUTED = -3;
const UNDECIDED = -2;

interface AmbiguousCell {
  /** Features in reference order. */
  feats: Int32Array;
  /** Segments of feats[j]: segs[segStart[j] .. segStart[j + 1]) (edge numbers of the layer). */
  segStart: Int32Array;
  segs: Int32Array;
}

export class NearestGrid {
  readonly layer: PolygonLayer;
  readonly g: GridGeometry;
  readonly maxKm: number;
  /** Per cell: UNCOMPUTED (-3), -1 none, >= 0 feature, <= -4 ambiguous list -(v + 4). Read by the engine's loop. */
  readonly state: Int32Array;
  private readonly lists: AmbiguousCell[] = [];
  private readonly pvec = new Float64Array(3);
  /** Absolute error allowance (km): floor + great-circle arc vs lon/lat chord of the longest edge. */
  private readonly delta: number;
  readonly stats = { computedCells: 0, resolvedCells: 0, noneCells: 0, ambiguousCells: 0, planarPoints: 0, exactPoints: 0 };

  constructor(layer: PolygonLayer, g: GridGeometry, maxKm: number) {
    this.layer = layer;
    this.g = g;
    this.maxKm = maxKm;
    this.state = new Int32Array(g.rows * g.cols).fill(UNCOMPUTED);
    let maxEdgeKm = 0;
    const E = layer.edges;
    for (let e = 0; e < layer.edgeFeature.length; e++) {
      const o = e * 4;
      const dx = (E[o + 2] - E[o]) * KM_PER_DEG;
      const dy = (E[o + 3] - E[o + 1]) * KM_PER_DEG;
      maxEdgeKm = Math.max(maxEdgeKm, Math.sqrt(dx * dx + dy * dy));
    }
    this.delta = 0.002 + (maxEdgeKm * maxEdgeKm) / EARTH_KM;
  }

  private lb(d: number, rad: number): number {
    return d * (1 - relErr(d)) - this.delta - rad;
  }

  private ub(d: number, rad: number): number {
    return d * (1 + relErr(d)) + this.delta + rad;
  }

  // Not split: one sweep over the cells sharing its scratch buffers (speed).
  /**
   * Eager classification (finite maxKm only) of every cell where `needed(idx)` is true: each
   * outline segment is rasterised over the cells within reach, keeping per cell the smallest
   * planar distance (and its feature) and the smallest distance to any other feature. Cells
   * reached by no segment are NONE; clear-cut cells are resolved; the rest stay UNCOMPUTED and
   * are classified lazily (few cells, near the maxKm contour or equidistant outlines).
   */
  precompute(needed: (idx: number) => boolean): void {
    const maxKm = this.maxKm;
    if (!Number.isFinite(maxKm)) return;
    const L = this.layer;
    const { x0, y0, cw, ch, rows, cols } = this.g;
    const n = rows * cols;
    const best1 = new Float64Array(n).fill(Infinity);
    const best2 = new Float64Array(n).fill(Infinity);
    const f1 = new Int32Array(n).fill(-1);
    const need = new Uint8Array(n);
    for (let i = 0; i < n; i++) need[i] = needed(i) ? 1 : 0;
    // Row constants.
    const kxRow = new Float64Array(rows);
    const radRow = new Float64Array(rows);
    let kxMin = Infinity;
    for (let r = 0; r < rows; r++) {
      const cy = y0 + (r + 0.5) * ch;
      const kx = KM_PER_DEG * Math.cos((cy * Math.PI) / 180);
      kxRow[r] = kx;
      const hw = (cw / 2 + EPS) * kx;
      const hh = (ch / 2 + EPS) * KM_PER_DEG;
      const hd = Math.sqrt(hw * hw + hh * hh);
      radRow[r] = hd * (1 + relErr(hd)) + 1e-6;
      kxMin = Math.min(kxMin, kx);
    }
    let radMax = 0;
    for (let r = 0; r < rows; r++) radMax = Math.max(radMax, radRow[r]);
    const D = (maxKm + radMax + this.delta) / (1 - RHO) + this.delta;
    const E = L.edges;
    const nE = L.edgeFeature.length;
    for (let s = 0; s < nE; s++) {
      const o = s * 4;
      const ex1 = E[o], ey1 = E[o + 1], ex2 = E[o + 2], ey2 = E[o + 3];
      const f = L.edgeFeature[s];
      const ra = Math.max(0, Math.floor((Math.min(ey1, ey2) - D / KM_PER_DEG - y0) / ch));
      const rb = Math.min(rows - 1, Math.floor((Math.max(ey1, ey2) + D / KM_PER_DEG - y0) / ch));
      const ca = Math.max(0, Math.floor((Math.min(ex1, ex2) - D / kxMin - x0) / cw));
      const cb = Math.min(cols - 1, Math.floor((Math.max(ex1, ex2) + D / kxMin - x0) / cw));
      for (let r = ra; r <= rb; r++) {
        const kx = kxRow[r];
        const cy = y0 + (r + 0.5) * ch;
        const ay = (ey1 - cy) * KM_PER_DEG;
        const by = (ey2 - cy) * KM_PER_DEG;
        const vy = by - ay;
        const base = r * cols;
        for (let c = ca; c <= cb; c++) {
          const idx = base + c;
          if (need[idx] === 0) continue;
          const cx = x0 + (c + 0.5) * cw;
          const ax = (ex1 - cx) * kx;
          const vx = (ex2 - cx) * kx - ax;
          const vv = vx * vx + vy * vy;
          let t = vv > 0 ? -(ax * vx + ay * vy) / vv : 0;
          if (t < 0) t = 0;
          else if (t > 1) t = 1;
          const px = ax + t * vx;
          const py = ay + t * vy;
          const d = Math.sqrt(px * px + py * py);
          if (f === f1[idx]) {
            if (d < best1[idx]) best1[idx] = d;
          } else if (d < best1[idx]) {
            best2[idx] = best1[idx];
            best1[idx] = d;
            f1[idx] = f;
          } else if (d < best2[idx]) best2[idx] = d;
        }
      }
    }
    for (let r = 0; r < rows; r++) {
      const rad = radRow[r];
      for (let c = 0; c < cols; c++) {
        const idx = r * cols + c;
        if (need[idx] === 0) continue;
        this.stats.computedCells++;
        const b1 = best1[idx];
        if (b1 === Infinity || this.lb(b1, rad) > maxKm) {
          this.state[idx] = -1;
          this.stats.noneCells++;
          continue;
        }
        const ub = this.ub(b1, rad);
        const lb2 = this.lb(best2[idx], rad);
        if (b1 <= MAX_PLANAR_KM && ub < maxKm && ub < lb2 && this.insideFilter(f1[idx], r, c)) {
          this.state[idx] = f1[idx];
          this.stats.resolvedCells++;
        } else this.stats.computedCells--; // left for the lazy classification
      }
    }
  }

  /**
   * Nearest feature for the point i of `pts` ([lon, lat, …]) in cell (r, c) (same rules as
   * locate-turf nearest()); -1 when none. Point by index: see LayerGrid.testFeature.
   */
  nearest(r: number, c: number, pts: Float64Array, i: number): number {
    const idx = r * this.g.cols + c;
    let v = this.state[idx];
    if (v === UNCOMPUTED) {
      v = this.classify(r, c);
      this.state[idx] = v;
    }
    if (v >= -1) return v;
    this.stats.planarPoints++;
    return this.exact(this.lists[-(v + 4)], pts[2 * i], pts[2 * i + 1]);
  }

  /** Reference nearest() over a pruned candidate set; exact same doubles. */
  private exact(cell: AmbiguousCell, x: number, y: number): number {
    const L = this.layer;
    const maxKm = this.maxKm;
    const finite = Number.isFinite(maxKm);
    const dLat = maxKm / 110;
    const dLon = maxKm / (111.32 * Math.cos((Math.min(Math.abs(y) + dLat, 89) * Math.PI) / 180));
    const E = L.edges;
    const quick = this.planarDecision(cell, x, y, finite, dLat, dLon);
    if (quick !== UNDECIDED) return quick;
    this.stats.exactPoints++;
    const pv = this.pvec;
    lngLatToVector(x, y, pv, 0);
    const V = L.edgeVectors;
    let best = -1;
    let bestKm = Infinity;
    for (let j = 0; j < cell.feats.length; j++) {
      const f = cell.feats[j];
      if (finite) {
        const b = L.bboxes;
        const o = f * 4;
        if (x < b[o] - dLon || x > b[o + 2] + dLon || y < b[o + 1] - dLat || y > b[o + 3] + dLat) continue;
      }
      let dmin = Infinity;
      for (let k = cell.segStart[j]; k < cell.segStart[j + 1]; k++) {
        const s = cell.segs[k];
        const o = s * 4;
        const d = segmentDistanceDeg(x, y, E[o], E[o + 1], E[o + 2], E[o + 3], V, s * 6, s * 6 + 3, pv, 0);
        if (d < dmin) dmin = d;
      }
      const km = degreesToKm(dmin);
      if (km > maxKm) continue;
      if (best === -1 || km < bestKm) {
        best = f;
        bestKm = km;
      }
    }
    return best;
  }

  /**
   * Per-point planar bounds (projection at the point's latitude, no cell slack): decides unless
   * the point is within a few metres of the distance limit or of a tie. UNDECIDED otherwise.
   */
  private planarDecision(cell: AmbiguousCell, x: number, y: number, finite: boolean, dLat: number, dLon: number): number {
    const L = this.layer;
    const E = L.edges;
    const kx = KM_PER_DEG * Math.cos((y * Math.PI) / 180);
    const ky = KM_PER_DEG;
    const maxKm = this.maxKm;
    let star = -1;
    let starUb = Infinity;
    let starLb = Infinity;
    let minOtherLb = Infinity; // smallest lower bound among the other candidates
    const nF = cell.feats.length;
    for (let j = 0; j < nF; j++) {
      const f = cell.feats[j];
      if (finite) {
        const b = L.bboxes;
        const o = f * 4;
        if (x < b[o] - dLon || x > b[o + 2] + dLon || y < b[o + 1] - dLat || y > b[o + 3] + dLat) continue;
      }
      let dmin = Infinity;
      for (let k = cell.segStart[j]; k < cell.segStart[j + 1]; k++) {
        const o = cell.segs[k] * 4;
        const ax = (E[o] - x) * kx, ay = (E[o + 1] - y) * ky;
        const vx = (E[o + 2] - x) * kx - ax, vy = (E[o + 3] - y) * ky - ay;
        const vv = vx * vx + vy * vy;
        let t = vv > 0 ? -(ax * vx + ay * vy) / vv : 0;
        if (t < 0) t = 0;
        else if (t > 1) t = 1;
        const px = ax + t * vx, py = ay + t * vy;
        const d = Math.sqrt(px * px + py * py);
        if (d < dmin) dmin = d;
      }
      if (dmin > MAX_PLANAR_KM) return UNDECIDED;
      const lb = this.lb(dmin, 0);
      if (finite && lb > maxKm) continue; // certainly skipped by the reference (km > maxKm)
      const ub = this.ub(dmin, 0);
      if (ub < starUb) {
        if (star !== -1) minOtherLb = Math.min(minOtherLb, starLb);
        star = f;
        starUb = ub;
        starLb = lb;
      } else minOtherLb = Math.min(minOtherLb, lb);
    }
    if (star === -1) return finite ? -1 : UNDECIDED;
    if (finite && !(starUb <= maxKm)) return UNDECIDED;
    return starUb < minOtherLb ? star : UNDECIDED;
  }

  // Not split: the exact classification of one cell, a single sequence of pruning steps.
  private classify(r: number, c: number): number {
    this.stats.computedCells++;
    const L = this.layer;
    const { x0, y0, cw, ch } = this.g;
    const cx = x0 + (c + 0.5) * cw;
    const cy = y0 + (r + 0.5) * ch;
    const kx = KM_PER_DEG * Math.cos((cy * Math.PI) / 180);
    const ky = KM_PER_DEG;
    const hw = (cw / 2 + EPS) * kx;
    const hh = (ch / 2 + EPS) * ky;
    const hd = Math.sqrt(hw * hw + hh * hh);
    const rad = hd * (1 + relErr(hd)) + 1e-6;
    const delta = this.delta;
    const maxKm = this.maxKm;
    const finite = Number.isFinite(maxKm);
    if (!L.edgeIndex) return -1;

    const search = (D: number): number[] => {
      const dx = D / kx + EPS;
      const dy = D / ky + EPS;
      return L.edgeIndex!.search(cx - dx, cy - dy, cx + dx, cy + dy);
    };
    const planar = (s: number): number => {
      const o = s * 4;
      const E = L.edges;
      const ax = (E[o] - cx) * kx, ay = (E[o + 1] - cy) * ky;
      const bx = (E[o + 2] - cx) * kx, by = (E[o + 3] - cy) * ky;
      const vx = bx - ax, vy = by - ay;
      const vv = vx * vx + vy * vy;
      let t = vv > 0 ? -(ax * vx + ay * vy) / vv : 0;
      if (t < 0) t = 0;
      else if (t > 1) t = 1;
      const px = ax + t * vx, py = ay + t * vy;
      return Math.sqrt(px * px + py * py);
    };

    let segs: number[];
    let D: number;
    if (finite) {
      D = (maxKm + rad + delta) / (1 - RHO) + delta;
      segs = search(D);
      if (segs.length === 0) {
        this.stats.noneCells++;
        return -1;
      }
    } else {
      D = 2;
      segs = search(D);
      while (segs.length === 0 && D < 40000) {
        D *= 2;
        segs = search(D);
      }
      if (segs.length === 0) {
        this.stats.noneCells++;
        return -1;
      }
    }
    let dist = segs.map(planar);
    let U = Infinity;
    for (const d of dist) U = Math.min(U, this.ub(d, rad));
    if (!finite) {
      const need = (U + rad + delta) / (1 - RHO) + delta;
      if (need > D) {
        D = need;
        segs = search(D);
        dist = segs.map(planar);
      }
    }
    const trusted = U <= MAX_PLANAR_KM;
    if (!trusted) {
      // Far from everything (only possible without a distance limit): keep every outline segment.
      segs = Array.from({ length: L.edgeFeature.length }, (_, i) => i);
      dist = segs.map(planar);
    }
    const T = finite ? Math.min(U, maxKm) : U;

    // Per feature bounds over kept segments.
    const lbOf = (d: number) => (trusted ? this.lb(d, rad) : -Infinity);
    const byFeat = new Map<number, { lb: number; ub: number; segs: number[] }>();
    for (let i = 0; i < segs.length; i++) {
      const lb = lbOf(dist[i]);
      if (lb > T) continue;
      const f = L.edgeFeature[segs[i]];
      let e = byFeat.get(f);
      if (!e) {
        e = { lb: Infinity, ub: Infinity, segs: [] };
        byFeat.set(f, e);
      }
      e.lb = Math.min(e.lb, lb);
      e.ub = Math.min(e.ub, this.ub(dist[i], rad));
      e.segs.push(segs[i]);
    }
    if (byFeat.size === 0) {
      this.stats.noneCells++;
      return -1;
    }
    const feats = [...byFeat.keys()].sort((a, b) => a - b);

    if (trusted) {
      let star = -1;
      for (const f of feats) if (star === -1 || byFeat.get(f)!.ub < byFeat.get(star)!.ub) star = f;
      const ubStar = byFeat.get(star)!.ub;
      let unique = true;
      for (const f of feats) if (f !== star && !(ubStar < byFeat.get(f)!.lb)) unique = false;
      if (unique && (!finite || (ubStar < maxKm && this.insideFilter(star, r, c)))) {
        this.stats.resolvedCells++;
        return star;
      }
    }

    const segStart = new Int32Array(feats.length + 1);
    const flat: number[] = [];
    feats.forEach((f, j) => {
      segStart[j] = flat.length;
      const list = byFeat.get(f)!.segs.sort((a, b) => a - b);
      for (const s of list) flat.push(s);
    });
    segStart[feats.length] = flat.length;
    this.lists.push({ feats: Int32Array.from(feats), segStart, segs: Int32Array.from(flat) });
    this.stats.ambiguousCells++;
    return -(this.lists.length - 1) - 4;
  }

  /** True when every point of the cell passes the reference bbox pre-filter of feature f. */
  private insideFilter(f: number, r: number, c: number): boolean {
    const { x0, y0, cw, ch } = this.g;
    const xa = x0 + c * cw - EPS, xb = x0 + (c + 1) * cw + EPS;
    const ya = y0 + r * ch - EPS, yb = y0 + (r + 1) * ch + EPS;
    const maxKm = this.maxKm;
    const dLat = maxKm / 110;
    const minAbsLat = ya <= 0 && yb >= 0 ? 0 : Math.min(Math.abs(ya), Math.abs(yb));
    const dLonMin = (maxKm / (111.32 * Math.cos((Math.min(minAbsLat + dLat, 89) * Math.PI) / 180))) * (1 - 1e-9);
    const b = this.layer.bboxes;
    const o = f * 4;
    const m = 1e-9;
    return xa >= b[o] - dLonMin + m && xb <= b[o + 2] + dLonMin - m && ya >= b[o + 1] - dLat + m && yb <= b[o + 3] + dLat - m;
  }
}
