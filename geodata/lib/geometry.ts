// Pure geometry helpers: quantisation, bbox, planar areas, label points.

import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';

export type Ring = Position[];
export type Bbox = [number, number, number, number];

export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/**
 * Round a ring to `decimals`, drop consecutive duplicate vertices and keep it closed.
 * Returns null if the ring degenerates (fewer than 4 positions).
 * Rounding is applied to each vertex independently, so vertices shared by
 * neighbouring polygons stay identical: shared borders remain consistent.
 */
export function quantizeRing(ring: Ring, decimals: number): Ring | null {
  const out: Ring = [];
  for (const p of ring) {
    const q: Position = [roundTo(p[0], decimals), roundTo(p[1], decimals)];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  if (out.length > 1) {
    const first = out[0];
    const last = out[out.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
  }
  return out.length >= 4 ? out : null;
}

export function quantizeGeometry<G extends Polygon | MultiPolygon>(geom: G, decimals: number): Polygon | MultiPolygon {
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  const outPolys: Position[][][] = [];
  for (const poly of polys) {
    const exterior = quantizeRing(poly[0], decimals);
    if (!exterior) continue; // degenerate part: dropped
    const rings: Ring[] = [exterior];
    for (let i = 1; i < poly.length; i++) {
      const hole = quantizeRing(poly[i], decimals);
      if (hole) rings.push(hole);
    }
    outPolys.push(rings);
  }
  if (outPolys.length === 0) throw new Error('Géométrie dégénérée après arrondi des coordonnées');
  return outPolys.length === 1 ? { type: 'Polygon', coordinates: outPolys[0] } : { type: 'MultiPolygon', coordinates: outPolys };
}

export function polygonsOf(geom: Geometry): Position[][][] {
  if (geom.type === 'Polygon') return [geom.coordinates];
  if (geom.type === 'MultiPolygon') return geom.coordinates;
  throw new Error(`Géométrie surfacique attendue, reçu ${geom.type}`);
}

export function bboxOf(geom: Geometry, decimals = 5): Bbox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (p: Position) => {
    if (p[0] < minX) minX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] > maxY) maxY = p[1];
  };
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') visit(c as Position);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  if (geom.type === 'GeometryCollection') geom.geometries.forEach((g) => walk(bboxCoords(g)));
  else walk(geom.coordinates);
  return [roundTo(minX, decimals), roundTo(minY, decimals), roundTo(maxX, decimals), roundTo(maxY, decimals)];
}

function bboxCoords(g: Geometry): unknown {
  return g.type === 'GeometryCollection' ? g.geometries.map(bboxCoords) : g.coordinates;
}

export function mergeBboxes(boxes: Bbox[]): Bbox {
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

/** Signed shoelace area in squared degrees (sign depends on orientation). */
export function ringSignedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return s / 2;
}

/** Planar area of a polygon (exterior minus holes), squared degrees scaled by cos(lat). */
export function polygonArea(poly: Position[][]): number {
  if (poly.length === 0) return 0;
  const k = Math.cos((poly[0][0][1] * Math.PI) / 180);
  let a = Math.abs(ringSignedArea(poly[0]));
  for (let i = 1; i < poly.length; i++) a -= Math.abs(ringSignedArea(poly[i]));
  return a * k;
}

/** Approximate area in km² (equirectangular at the ring's latitude; fine for small features). */
export function ringAreaKm2(ring: Ring): number {
  const degKm = 111.32;
  const k = Math.cos((ring[0][1] * Math.PI) / 180);
  return Math.abs(ringSignedArea(ring)) * degKm * degKm * k;
}

export function pointInRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(x: number, y: number, poly: Position[][]): boolean {
  if (!pointInRing(x, y, poly[0])) return false;
  for (let i = 1; i < poly.length; i++) if (pointInRing(x, y, poly[i])) return false;
  return true;
}

export function pointInGeometry(x: number, y: number, geom: Geometry): boolean {
  return polygonsOf(geom).some((p) => pointInPolygon(x, y, p));
}

/** Count all positions of a geometry (for statistics). */
export function countVertices(geom: Geometry): number {
  let n = 0;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') n++;
    else if (Array.isArray(c)) c.forEach(walk);
  };
  if (geom.type !== 'GeometryCollection') walk(geom.coordinates);
  return n;
}
