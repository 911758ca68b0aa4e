// Shapes of the "outside the département" layers written by `npm run geodata`: they let the import
// name what lies beyond Bouches-du-Rhône instead of guessing a commune inside it.

import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** Lookup of places outside dept 13 (hors-departement.json). */
export interface OutsideIndex {
  /** Département code → name (every département of France). */
  departements: Record<string, string>;
  /**
   * INSEE code → commune name, for communes outside 13 that an import may meet: every commune of
   * the départements around 13 (04, 05, 06, 26, 30, 34, 83, 84) and every homonym of a commune of 13.
   */
  communes: Record<string, string>;
  /** Postal code → INSEE codes, for the same communes (a postal code names its commune in messages). */
  postalCodes: Record<string, string[]>;
}

export interface NeighbourCommuneProps {
  code: string;
  nom: string;
  /** Département code (04, 30, 83 or 84). */
  dep: string;
}

/** Communes of the neighbouring départements near the border (communes-voisines.geojson). */
export type NeighbourCommunesLayer = FeatureCollection<Polygon | MultiPolygon, NeighbourCommuneProps>;
export type NeighbourCommuneFeature = Feature<Polygon | MultiPolygon, NeighbourCommuneProps>;
