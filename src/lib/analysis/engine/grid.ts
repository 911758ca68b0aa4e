// Regular lon/lat grid over a layer. Every cell is classified once:
//   - resolved: the answer "first feature containing the point" is the same for every point of
//     the cell (no outline comes within EPS of the cell), stored directly (feature number or -1);
//   - boundary: a short ordered list of candidates — features to test exactly (their outline
//     crosses the cell), possibly ended by a feature that covers the whole cell.
// The exact tests only read the edges of the cell's row band (edges whose y-range meets the
// band), grouped per feature and part: a few edges per test instead of the whole ring.
//
// Why a resolved cell is exact: for a point whose distance to every edge is > EPS (≫ rounding of
// the coordinate differences), hao's decisions are those of exact arithmetic (signs of the
// differences are exact, and the cross-product sign cannot flip), and the exact even-odd
// parity is constant over a connected region that no edge touches.

import { signDiffProducts } from './exact.ts';
import type { PolygonLayer } from './polygon-index.ts';

/** Margin (degrees) around cells and bands: covers the rounding of the cell computation. */
export const EPS = 1e-9;

export interface GridGeometry {
  x0: number;
  y0: number;
  cols: number;
  rows: number;
  cw: number;
  ch: number;
  invW: number;
  invH: number;
}

export function makeGridGeometry(extent: [number, number, number, number], cellDeg: number): GridGeometry {
  const w = extent[2] - extent[0];
  const h = extent[3] - extent[1];
  const cols = Math.max(1, Math.ceil(w / cellDeg));
  const rows = Math.max(1, Math.ceil(h / cellDeg));
  const cw = w / cols;
  const ch = h / rows;
  return { x0: extent[0], y0: extent[1], cols, rows, cw, ch, invW: 1 / cw, invH: 1 / ch };
}

export class LayerGrid {
  readonly layer: PolygonLayer;
  readonly g: GridGeometry;
  /** Per cell: >= 0 feature, -1 none, <= -2 candidate list -(v + 2). */
  readonly cell: Int32Array;
  /** Candidate lists: entries [listStart[l], listStart[l + 1]) of listItem; item >= 0 test feature, < 0 terminal feature ~item. */
  readonly listStart: Int32Array;
  readonly listItem: Int32Array;
  /** (row, feature) → part groups [rfGroup[row * nF + f], rfGroup[row * nF + f + 1]). */
  readonly rfGroup: Int32Array;
  /** Part group → band edges [groupEdge[g], groupEdge[g + 1]) of bandEdges. */
  readonly groupEdge: Int32Array;
  /** x1, y1, x2, y2 per band edge. */
  readonly bandEdges: Float64Array;
  readonly stats: { resolvedCells: number; boundaryCells: number; bandEdges: number; listItems: number };

  // Not split: the grid is filled in one sweep whose local buffers are reused between steps (speed).
  constructor(layer: PolygonLayer, g: GridGeometry) {
    this.layer = layer;
    this.g = g;
    const nF = layer.size;
    const { rows, cols, x0, y0, cw, ch } = g;
    const E = layer.edges;
    const nE = layer.edgeFeature.length;

    // 1. Band membership: (row, feature, part, edge) entries, counted then filled (CSR).
    const rowLo = (y: number) => Math.max(0, Math.floor((y - EPS - y0) / ch));
    const rowHi = (y: number) => Math.min(rows - 1, Math.floor((y + EPS - y0) / ch));
    let total = 0;
    for (let e = 0; e < nE; e++) {
      const ya = E[e * 4 + 1];
      const yb = E[e * 4 + 3];
      const lo = rowLo(Math.min(ya, yb));
      const hi = rowHi(Math.max(ya, yb));
      if (hi >= lo) total += hi - lo + 1;
    }
    // Sort key: row, then edge number (edges are already ordered by feature, then part).
    const entRow = new Int32Array(total);
    const entEdge = new Int32Array(total);
    const rowCount = new Int32Array(rows + 1);
    {
      let t = 0;
      for (let e = 0; e < nE; e++) {
        const ya = E[e * 4 + 1];
        const yb = E[e * 4 + 3];
        const lo = rowLo(Math.min(ya, yb));
        const hi = rowHi(Math.max(ya, yb));
        for (let r = lo; r <= hi; r++) {
          entRow[t] = r;
          entEdge[t] = e;
          rowCount[r + 1]++;
          t++;
        }
      }
    }
    for (let r = 0; r < rows; r++) rowCount[r + 1] += rowCount[r];
    const byRow = new Int32Array(total);
    {
      const fill = rowCount.slice(0, rows);
      for (let t = 0; t < total; t++) byRow[fill[entRow[t]]++] = entEdge[t];
    }
    // Within a row the edges come in ascending edge number (counting-sort is stable).
    this.bandEdges = new Float64Array(total * 4);
    const groupEdgeArr: number[] = [];
    this.rfGroup = new Int32Array(rows * nF + 1);
    let groups = 0;
    for (let r = 0; r < rows; r++) {
      let prevPart = -1;
      let prevFeat = -1;
      for (let t = rowCount[r]; t < rowCount[r + 1]; t++) {
        const e = byRow[t];
        const f = layer.edgeFeature[e];
        const p = layer.edgePart[e];
        if (f !== prevFeat) {
          // Features with no edge in this row between prevFeat and f start (and end) here.
          for (let ff = prevFeat + 1; ff <= f; ff++) this.rfGroup[r * nF + ff] = groups;
          prevFeat = f;
          prevPart = -1;
        }
        if (p !== prevPart) {
          groupEdgeArr.push(t);
          groups++;
          prevPart = p;
        }
        this.bandEdges.set(E.subarray(e * 4, e * 4 + 4), t * 4);
      }
      for (let ff = prevFeat + 1; ff < nF; ff++) this.rfGroup[r * nF + ff] = groups;
    }
    this.rfGroup[rows * nF] = groups;
    groupEdgeArr.push(total);
    this.groupEdge = Int32Array.from(groupEdgeArr);

    // 2. Row by row: columns whose cell an outline of feature f touches (segment clipped to the
    //    band, widened by EPS), then, for the other columns, whether the cell centre is inside f
    //    (scanline parity along the centre line, per part) — exact for untouched cells.
    this.cell = new Int32Array(rows * cols).fill(-1);
    const listStart: number[] = [0];
    const listItem: number[] = [];
    let resolved = 0;
    let boundary = 0;
    const colTouched: (number[] | null)[] = new Array(cols).fill(null);
    const touchedCols: number[] = [];
    const firstInside = new Int32Array(cols).fill(nF);
    const xs: number[] = [];
    for (let r = 0; r < rows; r++) {
      const bandLo = y0 + r * ch - EPS;
      const bandHi = y0 + (r + 1) * ch + EPS;
      const cy = y0 + (r + 0.5) * ch;
      for (let f = 0; f < nF; f++) {
        const g0 = this.rfGroup[r * nF + f];
        const g1 = this.rfGroup[r * nF + f + 1];
        if (g1 === g0) continue;
        for (let t = this.groupEdge[g0]; t < this.groupEdge[g1]; t++) {
          const o = t * 4;
          const xa = this.bandEdges[o], ya = this.bandEdges[o + 1], xb = this.bandEdges[o + 2], yb = this.bandEdges[o + 3];
          let lo: number, hi: number;
          if (ya === yb) {
            lo = Math.min(xa, xb);
            hi = Math.max(xa, xb);
          } else {
            const ta = Math.min(1, Math.max(0, (bandLo - ya) / (yb - ya)));
            const tb = Math.min(1, Math.max(0, (bandHi - ya) / (yb - ya)));
            const xA = xa + (xb - xa) * ta;
            const xB = xa + (xb - xa) * tb;
            lo = Math.min(xA, xB);
            hi = Math.max(xA, xB);
          }
          const c0 = Math.max(0, Math.floor((lo - 2 * EPS - x0) / cw));
          const c1 = Math.min(cols - 1, Math.floor((hi + 2 * EPS - x0) / cw));
          for (let c = c0; c <= c1; c++) {
            let l = colTouched[c];
            if (l === null) {
              l = colTouched[c] = [];
              touchedCols.push(c);
            }
            if (l.length === 0 || l[l.length - 1] !== f) l.push(f);
          }
        }
        for (let g = g0; g < g1; g++) {
          xs.length = 0;
          for (let t = this.groupEdge[g]; t < this.groupEdge[g + 1]; t++) {
            const o = t * 4;
            const xa = this.bandEdges[o], ya = this.bandEdges[o + 1], xb = this.bandEdges[o + 2], yb = this.bandEdges[o + 3];
            const ymin = ya < yb ? ya : yb;
            const ymax = ya < yb ? yb : ya;
            if (ymin <= cy && cy < ymax) xs.push(xa + ((cy - ya) * (xb - xa)) / (yb - ya));
          }
          if (xs.length < 2) continue;
          xs.sort((a, b) => a - b);
          for (let k = 0; k + 1 < xs.length; k += 2) {
            const ca = Math.max(0, Math.ceil((xs[k] - x0) / cw - 0.5));
            const cb = Math.min(cols - 1, Math.floor((xs[k + 1] - x0) / cw - 0.5));
            for (let c = ca; c <= cb; c++) {
              if (firstInside[c] <= f) continue;
              const l = colTouched[c];
              if (l !== null && l.length > 0 && l[l.length - 1] === f) continue;
              firstInside[c] = f;
            }
          }
        }
      }
      for (let c = 0; c < cols; c++) {
        const idx = r * cols + c;
        const l = colTouched[c];
        const fi = firstInside[c];
        let nTest = 0;
        if (l !== null) for (const f of l) if (f < fi) nTest++;
        if (nTest === 0) {
          this.cell[idx] = fi < nF ? fi : -1;
          resolved++;
        } else {
          this.cell[idx] = -(listStart.length - 1) - 2;
          for (const f of l!) if (f < fi) listItem.push(f);
          if (fi < nF) listItem.push(~fi);
          listStart.push(listItem.length);
          boundary++;
        }
        firstInside[c] = nF;
      }
      for (const c of touchedCols) colTouched[c] = null;
      touchedCols.length = 0;
    }
    this.listStart = Int32Array.from(listStart);
    this.listItem = Int32Array.from(listItem);
    this.stats = { resolvedCells: resolved, boundaryCells: boundary, bandEdges: total, listItems: listItem.length };
  }

  /**
   * Exact test of feature f for the point i of `pts` ([lon, lat, …]) in row r (band edges only);
   * hao's rules, inlined. The point is passed by index, not as two doubles: a non-inlined call
   * with double arguments boxes them (a heap number each), which shows at millions of points.
   */
  testFeature(f: number, r: number, pts: Float64Array, i: number): boolean {
    const x = pts[2 * i];
    const y = pts[2 * i + 1];
    const nF = this.layer.size;
    const gs = this.rfGroup;
    const ge = this.groupEdge;
    const B = this.bandEdges;
    const g1 = gs[r * nF + f + 1];
    for (let g = gs[r * nF + f]; g < g1; g++) {
      let k = 0;
      const t1 = ge[g + 1];
      for (let t = ge[g]; t < t1; t++) {
        const o = t * 4;
        const v1 = B[o + 1] - y;
        const v2 = B[o + 3] - y;
        if ((v1 > 0 && v2 > 0) || (v1 < 0 && v2 < 0)) continue;
        const u1 = B[o] - x;
        const u2 = B[o + 2] - x;
        if (v1 === 0 && v2 === 0) {
          if ((u2 <= 0 && u1 >= 0) || (u1 <= 0 && u2 >= 0)) return true;
          continue;
        }
        if (u1 > 0 && u2 > 0) continue; // crossing right of the point: never counted, never on it
        let sgn: number;
        if (u1 < 0 && u2 < 0) sgn = v2 > v1 ? 1 : -1;
        else {
          sgn = signDiffProducts(u2, v1, u1, v2);
          if (sgn === 0) return true;
        }
        if ((sgn > 0 && v2 > 0 && v1 <= 0) || (sgn < 0 && v2 <= 0 && v1 > 0)) k++;
      }
      if (k & 1) return true;
    }
    return false;
  }

  /** First feature containing the point i of `pts`, in cell idx of row r; -1 when none. */
  locateInCell(idx: number, r: number, pts: Float64Array, i: number): number {
    const v = this.cell[idx];
    if (v >= -1) return v;
    const l = -(v + 2);
    const items = this.listItem;
    for (let k = this.listStart[l], end = this.listStart[l + 1]; k < end; k++) {
      const it = items[k];
      if (it < 0) return ~it;
      if (this.testFeature(it, r, pts, i)) return it;
    }
    return -1;
  }
}
