// Exact replicas of the turf predicates used by the reference locator (locate-turf.ts), on plain
// numbers instead of GeoJSON objects. "Exact" means bit-for-bit the same decisions / values as
// @turf/turf 7.4.0 on the same JavaScript engine:
//
// - Point in polygon: point-in-polygon-hao 1.2.4 (behind turf booleanPointInPolygon with
//   ignoreBoundary false). Per polygon part, the crossing count runs over every ring of the part
//   (exterior and holes), a point on any edge or vertex returns "boundary" (= inside), and the
//   ring is read as consecutive coordinate pairs only (no implicit closing edge). The sign of the
//   cross product is computed exactly (orient2d in hao; here a float filter then an exact
//   expansion when the filter cannot decide).
// - Distance to a ring: turf pointToLineDistance (geodesic method) = min over the ring's segments
//   of nearestPointOnLine([a, b]).pointDistance in degrees (haversine on the great-circle nearest
//   point), converted to km. Same operations in the same order, so the same doubles.
//
// Pure TypeScript, no DOM: shared by Node (CLI, tests, bench) and the web worker.

// ---------------------------------------------------------------------------------------------
// Exact sign of a*b - c*d (doubles), as robust-predicates orient2d(u1, u2, v1, v2, 0, 0) does.

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp split)
const ERR_BOUND = 3.3306690738754716e-16; // (3 + 16 eps) eps, as ccwerrboundA; applied to |ab| + |cd| (more conservative)

let tpHi = 0;
let tpLo = 0;
/** a*b = tpHi + tpLo exactly (Dekker TwoProduct without FMA). */
function twoProduct(a: number, b: number): void {
  const x = a * b;
  let c = SPLITTER * a;
  const ahi = c - (c - a);
  const alo = a - ahi;
  c = SPLITTER * b;
  const bhi = c - (c - b);
  const blo = b - bhi;
  tpHi = x;
  tpLo = alo * blo - (x - ahi * bhi - alo * bhi - ahi * blo);
}

/** Grow a non-overlapping expansion (increasing magnitude, zero-free) by one double (Shewchuk). */
function grow(e: number[], b: number): number[] {
  const h: number[] = [];
  let q = b;
  for (const ei of e) {
    const s = q + ei;
    const bv = s - q;
    const err = q - (s - bv) + (ei - bv);
    if (err !== 0) h.push(err);
    q = s;
  }
  if (q !== 0 || h.length === 0) h.push(q);
  return h;
}

function exactSignDiffProducts(a: number, b: number, c: number, d: number): number {
  twoProduct(a, b);
  const p = tpHi;
  const pl = tpLo;
  twoProduct(c, d);
  const q = tpHi;
  const ql = tpLo;
  let e = [p];
  e = grow(e, pl);
  e = grow(e, -q);
  e = grow(e, -ql);
  const top = e[e.length - 1];
  return top > 0 ? 1 : top < 0 ? -1 : 0;
}

/** Sign of a*b - c*d, exact. */
export function signDiffProducts(a: number, b: number, c: number, d: number): number {
  const l = a * b;
  const r = c * d;
  const det = l - r;
  const bound = ERR_BOUND * (Math.abs(l) + Math.abs(r));
  if (det > bound) return 1;
  if (-det > bound) return -1;
  return exactSignDiffProducts(a, b, c, d);
}

// ---------------------------------------------------------------------------------------------
// Point in polygon (hao), over flat edge arrays.

/**
 * hao over edges [from, to) of `edges` (x1, y1, x2, y2 per edge) forming one polygon part (all
 * its rings). True when the point is inside or on the boundary.
 */
export function partContains(edges: Float64Array, from: number, to: number, x: number, y: number): boolean {
  let k = 0;
  for (let e = from; e < to; e++) {
    const o = e * 4;
    const y1 = edges[o + 1];
    const y2 = edges[o + 3];
    const v1 = y1 - y;
    const v2 = y2 - y;
    // Fast reject: both ends strictly on the same side of the horizontal line → no contribution.
    if ((v1 > 0 && v2 > 0) || (v1 < 0 && v2 < 0)) continue;
    const u1 = edges[o] - x;
    const u2 = edges[o + 2] - x;
    if (v1 === 0 && v2 === 0) {
      if ((u2 <= 0 && u1 >= 0) || (u1 <= 0 && u2 >= 0)) return true;
      continue;
    }
    // Here v1 <= 0 <= v2 or v2 <= 0 <= v1 (the straddle test of hao).
    let f: number;
    if (u1 > 0 && u2 > 0) {
      // Edge strictly right of the point: the crossing is right of it, f = -u*(v2 - v1) has the
      // sign of v1 - v2 (non-zero), never counted (ray goes to -x) and never on the boundary.
      continue;
    } else if (u1 < 0 && u2 < 0) {
      // Strictly left: f has the sign of v2 - v1; exact.
      f = v2 > v1 ? 1 : -1;
    } else {
      f = signDiffProducts(u2, v1, u1, v2);
      if (f === 0) return true;
    }
    if ((f > 0 && v2 > 0 && v1 <= 0) || (f < 0 && v2 <= 0 && v1 > 0)) k++;
  }
  return (k & 1) === 1;
}

// ---------------------------------------------------------------------------------------------
// turf distance replicas.

const TWO_PI = 2 * Math.PI;
/** turf helpers factors.degrees */
const DEGREES_FACTOR = 360 / (2 * Math.PI);
/** turf helpers factors.kilometers */
const KM_FACTOR = 63710088e-1 / 1e3;

function degreesToRadians(degrees: number): number {
  const n = degrees % 360;
  return (n * Math.PI) / 180;
}

function radiansToDegrees(radians: number): number {
  const n = radians % TWO_PI;
  return (n * 180) / Math.PI;
}

/** turf convertLength(d, 'degrees', 'kilometers'). */
export function degreesToKm(d: number): number {
  return (d / DEGREES_FACTOR) * KM_FACTOR;
}

/** turf distance(from, to, { units: 'degrees' }) (haversine). */
export function haversineDeg(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = degreesToRadians(lat2 - lat1);
  const dLon = degreesToRadians(lon2 - lon1);
  const la1 = degreesToRadians(lat1);
  const la2 = degreesToRadians(lat2);
  const a = Math.pow(Math.sin(dLat / 2), 2) + Math.pow(Math.sin(dLon / 2), 2) * Math.cos(la1) * Math.cos(la2);
  return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * DEGREES_FACTOR;
}

/** lngLatToVector of @turf/nearest-point-on-line, written into out[o..o+2]. */
export function lngLatToVector(lon: number, lat: number, out: Float64Array, o: number): void {
  const la = degreesToRadians(lat);
  const lo = degreesToRadians(lon);
  out[o] = Math.cos(la) * Math.cos(lo);
  out[o + 1] = Math.cos(la) * Math.sin(lo);
  out[o + 2] = Math.sin(la);
}

// Not split: one exact computation with shared intermediate values; a split would pass a dozen numbers around.
/**
 * pointDistance (degrees) of turf nearestPointOnLine(lineString([a, b]), p): the value turf
 * pointToLineDistance takes the minimum of, per segment. `vec` holds the unit vectors of a
 * (at va) and b (at vb) from lngLatToVector, and of p (at vp) — precomputed, same values.
 */
export function segmentDistanceDeg(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  vec: Float64Array,
  va: number,
  vb: number,
  cvec: Float64Array,
  vp: number,
): number {
  let ix: number;
  let iy: number;
  if (bx === px && by === py) {
    ix = bx;
    iy = by;
  } else if (ax === px && ay === py) {
    ix = ax;
    iy = ay;
  } else {
    const A0 = vec[va], A1 = vec[va + 1], A2 = vec[va + 2];
    const B0 = vec[vb], B1 = vec[vb + 1], B2 = vec[vb + 2];
    const C0 = cvec[vp], C1 = cvec[vp + 1], C2 = cvec[vp + 2];
    // segmentAxis = cross(A, B)
    const s0 = A1 * B2 - A2 * B1;
    const s1 = A2 * B0 - A0 * B2;
    const s2 = A0 * B1 - A1 * B0;
    if (s0 === 0 && s1 === 0 && s2 === 0) {
      if (A0 * B0 + A1 * B1 + A2 * B2 > 0) {
        ix = bx;
        iy = by;
      } else {
        ix = px;
        iy = py;
      }
    } else {
      // targetAxis = cross(segmentAxis, C)
      const t0 = s1 * C2 - s2 * C1;
      const t1 = s2 * C0 - s0 * C2;
      const t2 = s0 * C1 - s1 * C0;
      if (t0 === 0 && t1 === 0 && t2 === 0) {
        ix = bx;
        iy = by;
      } else {
        // intersectionAxis = cross(targetAxis, segmentAxis)
        const n0 = t1 * s2 - t2 * s1;
        const n1 = t2 * s0 - t0 * s2;
        const n2 = t0 * s1 - t1 * s0;
        const nm = Math.sqrt(Math.pow(n0, 2) + Math.pow(n1, 2) + Math.pow(n2, 2));
        const I10 = n0 / nm, I11 = n1 / nm, I12 = n2 / nm;
        const I20 = -I10, I21 = -I11, I22 = -I12;
        let I0: number, I1: number, I2: number;
        if (C0 * I10 + C1 * I11 + C2 * I12 > C0 * I20 + C1 * I21 + C2 * I22) {
          I0 = I10; I1 = I11; I2 = I12;
        } else {
          I0 = I20; I1 = I21; I2 = I22;
        }
        const sm = Math.sqrt(Math.pow(s0, 2) + Math.pow(s1, 2) + Math.pow(s2, 2));
        const g0 = s0 / sm, g1 = s1 / sm, g2 = s2 / sm;
        // cmpAI = dot(cross(A, I), segmentAxisNorm)
        const cmpAI = (A1 * I2 - A2 * I1) * g0 + (A2 * I0 - A0 * I2) * g1 + (A0 * I1 - A1 * I0) * g2;
        // cmpIB = dot(cross(I, B), segmentAxisNorm)
        const cmpIB = (I1 * B2 - I2 * B1) * g0 + (I2 * B0 - I0 * B2) * g1 + (I0 * B1 - I1 * B0) * g2;
        if (cmpAI >= 0 && cmpIB >= 0) {
          // vectorToLngLat(I)
          const z = Math.min(Math.max(I2, -1), 1);
          iy = radiansToDegrees(Math.asin(z));
          ix = radiansToDegrees(Math.atan2(I1, I0));
        } else if (A0 * C0 + A1 * C1 + A2 * C2 > B0 * C0 + B1 * C1 + B2 * C2) {
          ix = ax;
          iy = ay;
        } else {
          ix = bx;
          iy = by;
        }
      }
    }
  }
  const d = haversineDeg(px, py, ix, iy);
  // nearestPointOnLine keeps the first value < Infinity (NaN never is).
  return d < Infinity ? d : Infinity;
}
