// The company symbols' size rule, written once: circle AREA proportional to the jobs (radius ∝
// √jobs), the biggest company of the dataset at `maxRadius` px, never under MIN_SUPPORT_RADIUS
// so that a company with 0 or 1 job stays visible and clickable. One d3 sqrt scale feeds the
// map layer (as a MapLibre expression), the legend and the kiosk. Pure: no MapLibre import.

import { scaleSqrt, type ScalePower } from 'd3-scale';

/** Radius in px of the biggest company symbol. */
export const SUPPORT_MAX_RADIUS = 22;
/** Minimum radius of a company symbol, in px. */
export const MIN_SUPPORT_RADIUS = 3;

/** jobs → radius in px (no clamp: a cluster's sum of jobs keeps growing; the layer caps it). */
export function supportRadiusScale(maxJobs: number, maxRadius = SUPPORT_MAX_RADIUS): ScalePower<number, number> {
  return scaleSqrt()
    .domain([0, Math.max(1, maxJobs)])
    .range([0, maxRadius]);
}

/** Radius in px of a symbol for `jobs` (the legend draws these). */
export function supportRadius(jobs: number, maxJobs: number, maxRadius = SUPPORT_MAX_RADIUS): number {
  return Math.max(MIN_SUPPORT_RADIUS, supportRadiusScale(maxJobs, maxRadius)(Math.max(0, jobs)));
}

/**
 * The same scale as a MapLibre expression over `jobsExpr`: max(MIN, k × √jobs) with k the
 * scale's radius for 1 job (a sqrt scale from 0 is k × √x).
 */
export function supportRadiusExpression(jobsExpr: unknown[], maxJobs: number, maxRadius = SUPPORT_MAX_RADIUS): unknown[] {
  const k = supportRadiusScale(maxJobs, maxRadius)(1);
  return ['max', MIN_SUPPORT_RADIUS, ['*', k, ['sqrt', ['max', 0, jobsExpr]]]];
}
