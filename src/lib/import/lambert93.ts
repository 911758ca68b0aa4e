// Lambert-93 (EPSG:2154) ↔ WGS84 longitude/latitude, by the IGN formulas (notes ALG0002/ALG0004
// of the "Projections cartographiques" documentation): Lambert conformal conic on GRS80.
// RGF93 and WGS84 are treated as identical (difference well below a metre).

import type { LonLat } from '../domain/types.ts';

/** GRS80 first eccentricity. */
const E = 0.0818191910428158;
/** Projection constants of Lambert-93 published by IGN. */
const N = 0.725607765053267;
const C = 11754255.426096;
const XS = 700000;
const YS = 12655612.049876;
/** Central meridian: 3° E. */
const LON0 = (3 * Math.PI) / 180;

const DEG = 180 / Math.PI;

/** Isometric latitude (ALG0001). */
function isometricLatitude(phi: number): number {
  const es = E * Math.sin(phi);
  return Math.log(Math.tan(Math.PI / 4 + phi / 2) * Math.pow((1 - es) / (1 + es), E / 2));
}

/** Latitude from isometric latitude, iterative (ALG0002), tolerance 1e-12 rad. */
function latitudeFromIsometric(L: number): number {
  const expL = Math.exp(L);
  let phi = 2 * Math.atan(expL) - Math.PI / 2;
  for (let k = 0; k < 20; k++) {
    const es = E * Math.sin(phi);
    const next = 2 * Math.atan(Math.pow((1 + es) / (1 - es), E / 2) * expL) - Math.PI / 2;
    if (Math.abs(next - phi) < 1e-12) return next;
    phi = next;
  }
  return phi;
}

/** Lambert-93 (x, y in metres) → [lon, lat] in degrees (ALG0004). */
export function lambert93ToWgs84(x: number, y: number): LonLat {
  const dx = x - XS;
  const dy = y - YS;
  const R = Math.sqrt(dx * dx + dy * dy);
  const gamma = Math.atan(dx / -dy);
  const lon = LON0 + gamma / N;
  const L = (-1 / N) * Math.log(Math.abs(R / C));
  const lat = latitudeFromIsometric(L);
  return [lon * DEG, lat * DEG];
}

/** [lon, lat] in degrees → Lambert-93 [x, y] in metres (ALG0003). */
export function wgs84ToLambert93(lon: number, lat: number): [number, number] {
  const L = isometricLatitude(lat / DEG);
  const R = C * Math.exp(-N * L);
  const theta = N * (lon / DEG - LON0);
  return [XS + R * Math.sin(theta), YS - R * Math.cos(theta)];
}

/** Rough validity domain of Lambert-93 (metropolitan France and surroundings). */
export function looksLikeLambert93(x: number, y: number): boolean {
  return x >= 50000 && x <= 1300000 && y >= 6000000 && y <= 7200000;
}
