// Label placement: pole of inaccessibility (polylabel algorithm, Agafonkin 2016),
// computed on the largest part of a (Multi)Polygon in a locally equirectangular
// space (x scaled by cos(latitude)) so that distances are roughly isotropic.

import type { Geometry, Position } from 'geojson';
import { polygonArea, polygonsOf, roundTo } from './geometry.ts';

interface Cell {
  x: number;
  y: number;
  h: number; // half size
  d: number; // signed distance from centre to polygon (positive inside)
  max: number; // max possible distance inside the cell
}

function pointToSegmentDistSq(px: number, py: number, a: Position, b: Position): number {
  let x = a[0];
  let y = a[1];
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0];
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/** Signed distance from a point to the polygon outline (negative outside). */
function pointToPolygonDist(x: number, y: number, polygon: Position[][]): number {
  let inside = false;
  let minDistSq = Infinity;
  for (const ring of polygon) {
    for (let i = 0, len = ring.length, j = len - 1; i < len; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
      minDistSq = Math.min(minDistSq, pointToSegmentDistSq(x, y, a, b));
    }
  }
  return minDistSq === 0 ? 0 : (inside ? 1 : -1) * Math.sqrt(minDistSq);
}

function makeCell(x: number, y: number, h: number, polygon: Position[][]): Cell {
  const d = pointToPolygonDist(x, y, polygon);
  return { x, y, h, d, max: d + h * Math.SQRT2 };
}

class MaxHeap {
  private items: Cell[] = [];
  get size(): number {
    return this.items.length;
  }
  push(c: Cell): void {
    const a = this.items;
    a.push(c);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].max >= a[i].max) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): Cell | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].max > a[m].max) m = l;
        if (r < a.length && a[r].max > a[m].max) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/** Centroid of the exterior ring (area-weighted), used as an initial guess. */
function ringCentroid(ring: Position[]): [number, number] {
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, len = ring.length, j = len - 1; i < len; j = i++) {
    const a = ring[i];
    const b = ring[j];
    const f = a[0] * b[1] - b[0] * a[1];
    x += (a[0] + b[0]) * f;
    y += (a[1] + b[1]) * f;
    area += f * 3;
  }
  return area === 0 ? [ring[0][0], ring[0][1]] : [x / area, y / area];
}

/**
 * Pole of inaccessibility of a planar polygon (rings of [x, y]).
 * `precision` is in the same unit as the coordinates.
 */
export function polylabel(polygon: Position[][], precision: number): [number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of polygon[0]) {
    minX = Math.min(minX, p[0]);
    minY = Math.min(minY, p[1]);
    maxX = Math.max(maxX, p[0]);
    maxY = Math.max(maxY, p[1]);
  }
  const width = maxX - minX;
  const height = maxY - minY;
  const cellSize = Math.max(precision, Math.min(width, height));
  if (cellSize === 0) return [minX, minY];

  const queue = new MaxHeap();
  for (let x = minX; x < maxX; x += cellSize) {
    for (let y = minY; y < maxY; y += cellSize) {
      queue.push(makeCell(x + cellSize / 2, y + cellSize / 2, cellSize / 2, polygon));
    }
  }
  const [cx, cy] = ringCentroid(polygon[0]);
  let best = makeCell(cx, cy, 0, polygon);
  const bboxCell = makeCell(minX + width / 2, minY + height / 2, 0, polygon);
  if (bboxCell.d > best.d) best = bboxCell;

  let guard = 0;
  while (queue.size > 0 && guard++ < 1_000_000) {
    const cell = queue.pop()!;
    if (cell.d > best.d) best = cell;
    if (cell.max - best.d <= precision) continue;
    const h = cell.h / 2;
    queue.push(makeCell(cell.x - h, cell.y - h, h, polygon));
    queue.push(makeCell(cell.x + h, cell.y - h, h, polygon));
    queue.push(makeCell(cell.x - h, cell.y + h, h, polygon));
    queue.push(makeCell(cell.x + h, cell.y + h, h, polygon));
  }
  return [best.x, best.y];
}

/**
 * Label point of a (Multi)Polygon in lon/lat: pole of inaccessibility of its
 * largest part. Always returns a point inside the geometry, rounded to `decimals`.
 * `precisionDeg` ≈ 0.0005° ≈ 50 m is plenty for labels.
 */
export function labelPoint(geom: Geometry, precisionDeg = 0.0005, decimals = 5): [number, number] {
  const parts = polygonsOf(geom);
  let largest = parts[0];
  let largestArea = -1;
  for (const p of parts) {
    const a = polygonArea(p);
    if (a > largestArea) {
      largestArea = a;
      largest = p;
    }
  }
  const lat0 = largest[0].reduce((s, p) => s + p[1], 0) / largest[0].length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const projected = largest.map((ring) => ring.map((p) => [p[0] * k, p[1]]));
  const [x, y] = polylabel(projected, precisionDeg);
  return [roundTo(x / k, decimals), roundTo(y, decimals)];
}
