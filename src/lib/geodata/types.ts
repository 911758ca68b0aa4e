// Shapes of the app-ready layers written by `npm run geodata` under public/data/.
// The build script (geodata/build.ts) writes them; the app, the worker and the CLI read them.

import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

export type DensityLevel = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface CommuneProps {
  code: string; // INSEE, e.g. "13055"
  nom: string; // with its article, from @etalab/decoupage-administratif ("La Ciotat")
  population: number; // population municipale, @etalab/decoupage-administratif
  codesPostaux: string[];
  epci: string; // SIREN
  epciNom: string;
  densite: DensityLevel; // INSEE grille communale de densité, 7 levels
  densiteLibelle: string;
  rural: boolean; // densite 5, 6 or 7
  frr: 0 | 1 | 4 | 5; // France Ruralités Revitalisation raw code
  frrLibelle: string;
  zrr: boolean; // former ZRR (classée)
  ze: string; // zone d'emploi 2020, 4 characters ("9312")
  zeNom: string;
  revenuMedian: number | null; // Filosofi 2021, € per consumption unit
  partMinimaSociaux: number | null; // Filosofi 2021, %
  qpvCount: number;
}

export interface QpvProps {
  code: string; // "QN01301M"
  nom: string;
  communes: string[]; // INSEE codes
}

export interface ArrondissementProps {
  code: string; // 13201 … 13216
  nom: string; // normalised: "Marseille 1er arrondissement", "Marseille 2e arrondissement"
  population: number;
  revenuMedian: number | null;
  partMinimaSociaux: number | null;
}

export interface EpciProps {
  code: string;
  nom: string;
  population: number;
}

export interface ZoneEmploiProps {
  code: string;
  nom: string;
  tauxChomage: number | null; // latest quarter, %
  trimestre: string | null; // "2025-T4"
}

export type AreaGeometry = Polygon | MultiPolygon;
export type CommunesLayer = FeatureCollection<AreaGeometry, CommuneProps>;
export type QpvLayer = FeatureCollection<AreaGeometry, QpvProps>;
export type ArrondissementsLayer = FeatureCollection<AreaGeometry, ArrondissementProps>;
export type LabelPointsLayer = FeatureCollection<Point, { code: string; nom: string; population: number }>;

/** Compact lookup table (no geometry) for search, import matching and profiles. */
export interface TerritoriesIndex {
  communes: (CommuneProps & { labelPoint: [number, number]; bbox: [number, number, number, number] })[];
  arrondissements: (ArrondissementProps & { codesPostaux: string[]; labelPoint: [number, number]; bbox: [number, number, number, number] })[];
  epci: EpciProps[];
  zonesEmploi: ZoneEmploiProps[];
  qpv: (QpvProps & { labelPoint: [number, number]; bbox: [number, number, number, number] })[];
  departement: { code: '13'; nom: string; population: number; bbox: [number, number, number, number] };
}

export interface ProvenanceEntry {
  layer: string; // file name under public/data/
  title: string; // French, shown in the "Sources et licences" panel
  producer: string;
  vintage: string;
  licence: string; // "Licence Ouverte 2.0", "ODbL 1.0", or "non confirmée"
  licenceConfirmed: boolean;
  source: string; // original dataset + public origin used
  transformations: string[];
  features: number;
  bytes: number;
  gzipBytes: number;
}

/** A source whose attributes are joined into a layer (no geometry of its own). */
export interface AttributeSourceEntry {
  layer: string; // output file the attributes are joined into (or several, comma-separated)
  fields: string[]; // property names filled from this source
  title: string;
  producer: string;
  vintage: string;
  licence: string;
  licenceConfirmed: boolean;
  source: string;
  transformations: string[];
}

export interface GeodataManifest {
  builtAt: string;
  sourceDir: string;
  layers: ProvenanceEntry[];
  /** Optional (added later): sources of joined attributes, e.g. Filosofi, FRR, ZRR. */
  attributeSources?: AttributeSourceEntry[];
}
