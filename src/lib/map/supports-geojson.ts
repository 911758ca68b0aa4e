// Supported companies as a GeoJSON point source. Only what the map needs to draw and pick
// (id, fund, jobs): names and other imported strings never enter the map.

import type { FeatureCollection, Point } from 'geojson';
import { jobsOf, type Support } from '../domain/types.ts';

export function supportsToGeoJson(supports: readonly Support[]): FeatureCollection<Point, { id: string; fund: string; jobs: number }> {
  return {
    type: 'FeatureCollection',
    features: supports.map((s) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [s.location[0], s.location[1]] },
      properties: { id: s.id, fund: s.fund, jobs: jobsOf(s) },
    })),
  };
}

/** Largest jobs figure, so that symbol sizes stay the same whatever the filters. */
export function maxJobs(supports: readonly Support[]): number {
  let m = 1;
  for (const s of supports) m = Math.max(m, jobsOf(s));
  return m;
}
