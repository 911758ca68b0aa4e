// The three point-in-polygon methods compared by the bench, and the per-point comparison.

import { booleanPointInPolygon, pointsWithinPolygon } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { Layers } from './data.ts';

type Area = Feature<Polygon | MultiPolygon, { code: string }>;

/** Communes then QPV, each in ascending code order (the reference order): 119 + 71 polygons. */
export function polygonsInOrder(layers: Layers): { communes: Area[]; qpv: Area[] } {
  const sorted = (fs: Area[]) =>
    fs
      .filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
      .map((f) => ({ type: 'Feature' as const, properties: { code: String(f.properties.code) }, geometry: f.geometry }))
      .sort((a, b) => (a.properties.code < b.properties.code ? -1 : a.properties.code > b.properties.code ? 1 : 0));
  return {
    communes: sorted(layers.communes.features as unknown as Area[]),
    qpv: sorted(layers.qpv.features as unknown as Area[]),
  };
}

export interface PipOutput {
  /** First commune (code order) containing the point, -1 none (no snap). */
  commune: Int32Array;
  qpv: Int32Array;
  ms: number;
}

export function toFeatureCollection(lonlat: Float64Array): FeatureCollection<Point, { i: number }> {
  const n = lonlat.length >> 1;
  const features: Feature<Point, { i: number }>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    features[i] = { type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [lonlat[2 * i], lonlat[2 * i + 1]] } };
  }
  return { type: 'FeatureCollection', features };
}

/** Naive: turf pointsWithinPolygon, polygon by polygon, over every point. */
export function naiveTurf(fc: FeatureCollection<Point, { i: number }>, polys: { communes: Area[]; qpv: Area[] }): PipOutput {
  const n = fc.features.length;
  const commune = new Int32Array(n).fill(-1);
  const qpv = new Int32Array(n).fill(-1);
  const t0 = performance.now();
  polys.communes.forEach((poly, k) => {
    const inside = pointsWithinPolygon(fc, poly);
    for (const f of inside.features) if (commune[f.properties.i] === -1) commune[f.properties.i] = k;
  });
  polys.qpv.forEach((poly, k) => {
    const inside = pointsWithinPolygon(fc, poly);
    for (const f of inside.features) if (qpv[f.properties.i] === -1) qpv[f.properties.i] = k;
  });
  return { commune, qpv, ms: performance.now() - t0 };
}

/** Second baseline: flatbush over the 190 polygon bboxes, then turf booleanPointInPolygon. */
export function makeFlatbushTurf(polys: { communes: Area[]; qpv: Area[] }) {
  const all = [...polys.communes, ...polys.qpv];
  const nC = polys.communes.length;
  const index = new Flatbush(all.length);
  for (const f of all) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    for (const ring of rings)
      for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  return (lonlat: Float64Array): PipOutput => {
    const n = lonlat.length >> 1;
    const commune = new Int32Array(n).fill(-1);
    const qpv = new Int32Array(n).fill(-1);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const p = [lonlat[2 * i], lonlat[2 * i + 1]];
      const ids = index.search(p[0], p[1], p[0], p[1]);
      if (ids.length > 1) ids.sort((a, b) => a - b);
      for (const id of ids) {
        if (id < nC) {
          if (commune[i] === -1 && booleanPointInPolygon(p, all[id])) commune[i] = id;
        } else if (qpv[i] === -1 && booleanPointInPolygon(p, all[id])) qpv[i] = id - nC;
      }
    }
    return { commune, qpv, ms: performance.now() - t0 };
  };
}

/** Point-by-point comparison with the engine (snapped engine points count as "no commune"). */
export function comparePip(
  a: PipOutput,
  engine: { commune: Int32Array; qpv: Int32Array; snapped: Uint8Array },
  pick?: Int32Array,
): { mismatches: number; first: string[]; countsEqual: boolean } {
  let mismatches = 0;
  const first: string[] = [];
  const ca = new Map<number, number>();
  const cb = new Map<number, number>();
  for (let k = 0; k < a.commune.length; k++) {
    const i = pick ? pick[k] : k;
    const ec = engine.snapped[i] ? -1 : engine.commune[i];
    ca.set(a.commune[k], (ca.get(a.commune[k]) ?? 0) + 1);
    cb.set(ec, (cb.get(ec) ?? 0) + 1);
    ca.set(1e6 + a.qpv[k], (ca.get(1e6 + a.qpv[k]) ?? 0) + 1);
    cb.set(1e6 + engine.qpv[i], (cb.get(1e6 + engine.qpv[i]) ?? 0) + 1);
    if (ec !== a.commune[k] || engine.qpv[i] !== a.qpv[k]) {
      mismatches++;
      if (first.length < 5) first.push(`point ${i}: commune ${a.commune[k]} vs engine ${ec}, qpv ${a.qpv[k]} vs engine ${engine.qpv[i]}`);
    }
  }
  let countsEqual = ca.size === cb.size;
  for (const [k, v] of ca) if (cb.get(k) !== v) countsEqual = false;
  return { mismatches, first, countsEqual };
}
