// Figures of an area the user draws (polygon or circle), and supports in or near the QPV. Pure
// (turf only).
//
// Location precision matters here:
// - supports and layoffs located by their commune only (precision 'commune' or 'arrondissement')
//   sit on the commune's representative point. They are counted in an area when that point
//   falls in it, which is only a convention: `approximate` tells how many of the counted rows are
//   such rows, so the UI can warn ("dont N localisées à la commune").
// - "near a QPV" is only meaningful for exact points: supportsNearQpv() considers only supports
//   with precision 'point' for the point-in-polygon and distance tests. A row declared in a QPV
//   (qpvCode set, whatever its precision) counts as inside.

import { bbox as turfBbox, booleanIntersects, booleanPointInPolygon, circle as turfCircle, pointToPolygonDistance } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { jobsOf, type Layoff, type LonLat, type Support } from '../domain/types.ts';
import type { CommunesLayer, QpvLayer } from '../geodata/types.ts';
import type { TerritoryFigures } from './types.ts';

/** Number of segments of a drawn circle (turf.circle `steps`). */
export const CIRCLE_STEPS = 64;

export interface CircleArea {
  center: LonLat;
  /** Radius in metres. */
  radiusM: number;
}

export type CustomArea = Polygon | MultiPolygon | Feature<Polygon | MultiPolygon> | CircleArea;

/** Figures of an area. Shaped like TerritoryFigures, so privacy.maskFigures() applies as is. */
export interface AreaFigures extends TerritoryFigures {
  /** Ids of the supports inside (rows, not distinct companies). */
  supportIds: string[];
  /** Ids of the layoffs inside. */
  layoffIds: string[];
  /**
   * Communes touched: with a communes layer, every commune whose polygon intersects the area;
   * without, the communes of the supports and layoffs inside. Sorted INSEE codes.
   */
  communesTouched: string[];
  /** Supports and layoffs counted although located only by their commune / arrondissement point. */
  approximate: number;
}

function isCircle(a: CustomArea): a is CircleArea {
  return typeof a === 'object' && a !== null && 'center' in a && 'radiusM' in a;
}

/** The area as a polygon geometry (a circle becomes a 64-segment polygon, as drawn on the map). */
export function areaGeometry(area: CustomArea): Polygon | MultiPolygon {
  if (isCircle(area)) {
    const r = Math.max(0, area.radiusM);
    return turfCircle(area.center, r / 1000, { steps: CIRCLE_STEPS, units: 'kilometers' }).geometry;
  }
  return area.type === 'Feature' ? area.geometry : area;
}

type BBox = [number, number, number, number];

const inBbox = (p: Position, b: BBox) => p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
const bboxesOverlap = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

function companyKey(s: Support): string {
  return s.siret ? `siret:${s.siret}` : `id:${s.id}`;
}

/**
 * Supports and layoffs whose location falls in the area (boundary included). Companies are
 * counted as in aggregate(): rows sharing a SIRET count once.
 */
export function figuresInArea(area: CustomArea, supports: readonly Support[], layoffs: readonly Layoff[], communes?: CommunesLayer): AreaFigures {
  const geom = areaGeometry(area);
  const box = turfBbox(geom) as BBox;
  const inside = (p: LonLat) => inBbox(p, box) && booleanPointInPolygon(p, geom);

  const keys = new Set<string>();
  const supportIds: string[] = [];
  const layoffIds: string[] = [];
  const touched = new Set<string>();
  let jobs = 0;
  let amountEur = 0;
  let jobsCut = 0;
  let approximate = 0;

  for (const s of supports) {
    if (!inside(s.location)) continue;
    supportIds.push(s.id);
    keys.add(companyKey(s));
    jobs += jobsOf(s);
    amountEur += s.amountEur;
    if (s.precision !== 'point') approximate++;
    if (!communes && s.communeCode) touched.add(s.communeCode);
  }
  for (const l of layoffs) {
    if (!inside(l.location)) continue;
    layoffIds.push(l.id);
    jobsCut += l.jobsCut;
    if (l.precision !== 'point') approximate++;
    if (!communes && l.communeCode) touched.add(l.communeCode);
  }
  if (communes) {
    for (const f of communes.features) {
      if (!f.geometry) continue;
      const fb = (f.bbox as BBox | undefined) ?? (turfBbox(f) as BBox);
      if (bboxesOverlap(fb, box) && booleanIntersects(f.geometry, geom)) touched.add(f.properties.code);
    }
  }

  return {
    companies: keys.size,
    jobs,
    amountEur,
    population: null,
    jobsPer1000: null,
    eurPerJob: jobs > 0 ? amountEur / jobs : null,
    jobsCut,
    layoffs: layoffIds.length,
    supportIds,
    layoffIds,
    communesTouched: [...touched].sort(),
    approximate,
  };
}

export interface NearQpv {
  id: string;
  /** Nearest QPV. */
  qpvCode: string;
  /** Distance in metres to its outline (rounded to the metre). */
  distanceM: number;
}

export interface SupportsNearQpv {
  /** Ids of supports inside a QPV: declared/computed `qpvCode`, or an exact point inside a QPV polygon. */
  inside: string[];
  /** Exact-point supports outside every QPV, within `distanceM` of one; nearest first. */
  near: NearQpv[];
  /** Supports located only by their commune: neither near nor, unless declared, inside. */
  notLocated: number;
}

/** Metres per degree of latitude (WGS84 mean), for the bbox pre-filter. */
const M_PER_DEG_LAT = 111_320;

/**
 * Supports in and near the QPV. `distanceM` is clamped to 0–1000. Distances are geodesic
 * (turf pointToPolygonDistance), measured to the nearest QPV outline.
 */
export function supportsNearQpv(supports: readonly Support[], qpv: QpvLayer, distanceM: number): SupportsNearQpv {
  const dist = Math.min(1000, Math.max(0, Number.isFinite(distanceM) ? distanceM : 0));
  const polys = qpv.features
    .filter((f) => f.geometry)
    .map((f) => ({ code: f.properties.code, geom: f.geometry, box: ((f.bbox as BBox | undefined) ?? turfBbox(f)) as BBox }));

  const inside: string[] = [];
  const near: NearQpv[] = [];
  let notLocated = 0;

  for (const s of supports) {
    if (s.qpvCode) {
      inside.push(s.id);
      continue;
    }
    if (s.precision !== 'point') {
      notLocated++;
      continue;
    }
    const p = s.location;
    if (polys.some((q) => inBbox(p, q.box) && booleanPointInPolygon(p, q.geom))) {
      inside.push(s.id);
      continue;
    }
    if (dist <= 0) continue;
    // Bounding boxes grown by the distance (longitude degrees shrink with cos(latitude)).
    const dLat = dist / M_PER_DEG_LAT;
    const dLon = dist / (M_PER_DEG_LAT * Math.cos((p[1] * Math.PI) / 180));
    let best: NearQpv | null = null;
    for (const q of polys) {
      const b = q.box;
      if (p[0] < b[0] - dLon || p[0] > b[2] + dLon || p[1] < b[1] - dLat || p[1] > b[3] + dLat) continue;
      const d = pointToPolygonDistance(p, q.geom, { units: 'meters' });
      if (d <= dist && (!best || d < best.distanceM)) best = { id: s.id, qpvCode: q.code, distanceM: d };
    }
    if (best) near.push({ ...best, distanceM: Math.round(best.distanceM) });
  }
  near.sort((a, b) => a.distanceM - b.distanceM || a.id.localeCompare(b.id));
  return { inside, near, notLocated };
}
