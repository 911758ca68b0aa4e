// Dissolve (union) of area features with turf, plus removal of tiny interior gaps.

import { featureCollection, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { polygonsOf, quantizeGeometry, ringAreaKm2 } from './geometry.ts';

export interface DissolveResult {
  geometry: Polygon | MultiPolygon;
  holesRemoved: number;
  holesRemovedKm2: number;
}

/**
 * Union of the given polygons. Interior rings smaller than `minHoleKm2` are
 * removed: they are slivers between sources that do not share vertices exactly
 * (e.g. IGN files of two départements), not real enclaves.
 */
export function dissolve(
  features: Feature<Polygon | MultiPolygon>[],
  options: { minHoleKm2?: number; decimals?: number } = {},
): DissolveResult {
  const { minHoleKm2 = 0.05, decimals = 5 } = options;
  if (features.length === 0) throw new Error('dissolve : aucune entité à fusionner');
  let geom: Polygon | MultiPolygon;
  if (features.length === 1) {
    geom = features[0].geometry;
  } else {
    const merged = union(featureCollection(features));
    if (!merged) throw new Error('dissolve : union vide');
    geom = merged.geometry;
  }
  let holesRemoved = 0;
  let holesRemovedKm2 = 0;
  const parts: Position[][][] = polygonsOf(geom).map((poly) => {
    const kept: Position[][] = [poly[0]];
    for (let i = 1; i < poly.length; i++) {
      const a = ringAreaKm2(poly[i]);
      if (a < minHoleKm2) {
        holesRemoved++;
        holesRemovedKm2 += a;
      } else {
        kept.push(poly[i]);
      }
    }
    return kept;
  });
  const cleaned: MultiPolygon = { type: 'MultiPolygon', coordinates: parts };
  return { geometry: quantizeGeometry(cleaned, decimals), holesRemoved, holesRemovedKm2 };
}
