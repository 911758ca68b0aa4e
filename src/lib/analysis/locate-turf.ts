// Reference SpatialLocator built on @turf/turf (pure: no DOM, no MapLibre).
//
// Rules (the faster indexed engine must reproduce them):
// - Commune: the first commune, in ascending INSEE code order, whose polygon contains the
//   point. A point ON a boundary (edge or vertex) counts as inside (turf's default,
//   `ignoreBoundary: false`), so a point on the edge shared by two communes goes to the
//   smaller code. A point in a hole is outside that polygon.
// - Coast fallback: a point inside no commune polygon but within `snapDistanceKm`
//   (default 2 km) of a commune outline is given the nearest commune (distance to the
//   outline rings, ties → smaller code), with `snapped: true`. Further away → communeCode null.
// - Arrondissement: only when the commune is Marseille (13055). First arrondissement in code
//   order containing the point; if none (the arrondissement layer does not cover the whole
//   commune: coastline, islands), the nearest arrondissement outline, whatever the distance.
// - QPV: first QPV in code order containing the point (boundary inclusive), independent of the
//   commune result; null when none.
// Every candidate is first filtered by its bounding box.

import { booleanPointInPolygon, point as turfPoint, pointToLineDistance, lineString, bbox as turfBbox } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { LonLat } from '../domain/types.ts';
import type { AreaGeometry, ArrondissementsLayer, CommunesLayer, QpvLayer } from '../geodata/types.ts';
import type { PointLocation, SpatialLocator } from './types.ts';

export const MARSEILLE_CODE = '13055';
export const DEFAULT_SNAP_DISTANCE_KM = 2;

export interface TurfLocatorOptions {
  /** Maximum distance (km) from a commune outline for the coast fallback. Default 2. */
  snapDistanceKm?: number;
}

type BBox = [number, number, number, number];

interface Entry {
  code: string;
  geometry: AreaGeometry;
  feature: Feature<Polygon | MultiPolygon>;
  bbox: BBox;
}

function toEntries(features: { geometry: AreaGeometry; properties: { code: string } }[]): Entry[] {
  const entries = features
    .filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
    .map((f) => {
      const feature: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, geometry: f.geometry };
      return { code: String(f.properties.code), geometry: f.geometry, feature, bbox: turfBbox(feature) as BBox };
    });
  // Deterministic order: ascending code (string comparison; codes have a fixed width).
  entries.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return entries;
}

function inBbox(p: LonLat, b: BBox): boolean {
  return p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
}

function rings(g: AreaGeometry): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/** Distance (km) from a point to the nearest outline ring (exterior or hole) of an area geometry. */
export function distanceToOutlineKm(p: LonLat, g: AreaGeometry): number {
  const pt = turfPoint(p);
  let best = Infinity;
  for (const ring of rings(g)) {
    if (ring.length < 2) continue;
    const d = pointToLineDistance(pt, lineString(ring), { units: 'kilometers' });
    if (d < best) best = d;
  }
  return best;
}

function firstContaining(entries: Entry[], p: LonLat): Entry | null {
  for (const e of entries) {
    if (!inBbox(p, e.bbox)) continue;
    if (booleanPointInPolygon(p, e.feature, { ignoreBoundary: false })) return e;
  }
  return null;
}

/** Nearest entry by outline distance, restricted to bboxes within `maxKm` (Infinity = all). */
function nearest(entries: Entry[], p: LonLat, maxKm: number): { entry: Entry; km: number } | null {
  // Conservative bbox expansion in degrees (1° of latitude ≥ 110.5 km).
  const dLat = maxKm / 110;
  const dLon = maxKm / (111.32 * Math.cos((Math.min(Math.abs(p[1]) + dLat, 89) * Math.PI) / 180));
  let best: { entry: Entry; km: number } | null = null;
  for (const e of entries) {
    if (Number.isFinite(maxKm)) {
      const b = e.bbox;
      if (p[0] < b[0] - dLon || p[0] > b[2] + dLon || p[1] < b[1] - dLat || p[1] > b[3] + dLat) continue;
    }
    const km = distanceToOutlineKm(p, e.geometry);
    if (km > maxKm) continue;
    // Strict comparison keeps the smaller code on ties (entries are sorted).
    if (!best || km < best.km) best = { entry: e, km };
  }
  return best;
}

export function createTurfLocator(
  communes: CommunesLayer,
  arrondissements: ArrondissementsLayer,
  qpv: QpvLayer,
  opts: TurfLocatorOptions = {},
): SpatialLocator {
  const snapKm = opts.snapDistanceKm ?? DEFAULT_SNAP_DISTANCE_KM;
  const communeEntries = toEntries(communes.features);
  const arrEntries = toEntries(arrondissements.features);
  const qpvEntries = toEntries(qpv.features);

  return {
    locate(p: LonLat): PointLocation {
      if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        return { communeCode: null, arrondissementCode: null, qpvCode: null, snapped: false };
      }
      let snapped = false;
      let communeCode: string | null = firstContaining(communeEntries, p)?.code ?? null;
      if (communeCode === null && snapKm > 0) {
        const n = nearest(communeEntries, p, snapKm);
        if (n) {
          communeCode = n.entry.code;
          snapped = true;
        }
      }
      let arrondissementCode: string | null = null;
      if (communeCode === MARSEILLE_CODE && arrEntries.length > 0) {
        arrondissementCode = firstContaining(arrEntries, p)?.code ?? nearest(arrEntries, p, Infinity)?.entry.code ?? null;
      }
      const qpvCode = firstContaining(qpvEntries, p)?.code ?? null;
      return { communeCode, arrondissementCode, qpvCode, snapped };
    },
  };
}
