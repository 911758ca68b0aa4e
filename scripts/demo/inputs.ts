// Inputs of the demo generator: the app-ready layers (public/data) it places rows in.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { centerOfMass, pointOnFeature, booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AreaGeometry, ArrondissementsLayer, CommunesLayer, QpvLayer, TerritoriesIndex } from '../../src/lib/geodata/types.ts';

import { round } from './random.ts';

export type IndexCommune = Pick<TerritoriesIndex['communes'][number], 'code' | 'nom' | 'population' | 'codesPostaux' | 'rural' | 'labelPoint'>;
export type IndexArr = Pick<TerritoriesIndex['arrondissements'][number], 'code' | 'nom' | 'labelPoint'>;
export type IndexQpv = Pick<TerritoriesIndex['qpv'][number], 'code' | 'nom' | 'communes'>;

export interface DemoInputs {
  communes: CommunesLayer;
  arrondissements: ArrondissementsLayer;
  qpv: QpvLayer;
  index: { communes: IndexCommune[]; arrondissements: IndexArr[]; qpv: IndexQpv[] };
  /** Where the layers came from (recorded in demo-totals.json). */
  source: string;
}

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function labelPointOf(geometry: AreaGeometry): [number, number] {
  const f: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, geometry };
  const c = centerOfMass(f).geometry.coordinates as [number, number];
  const p = booleanPointInPolygon(c, f) ? c : (pointOnFeature(f).geometry.coordinates as [number, number]);
  return [round(p[0], 5), round(p[1], 5)];
}

/** Loads the app's layers (public/data) when built, else the raw shared geodata. */
export function loadDemoInputs(root = ROOT): DemoInputs {
  const pub = resolve(root, 'public/data');
  const files = ['communes.geojson', 'arrondissements.geojson', 'qpv.geojson', 'territoires.json'];
  if (files.every((f) => existsSync(resolve(pub, f)))) {
    const index = readJson<TerritoriesIndex>(resolve(pub, 'territoires.json'));
    return {
      communes: readJson<CommunesLayer>(resolve(pub, 'communes.geojson')),
      arrondissements: readJson<ArrondissementsLayer>(resolve(pub, 'arrondissements.geojson')),
      qpv: readJson<QpvLayer>(resolve(pub, 'qpv.geojson')),
      index: { communes: index.communes, arrondissements: index.arrondissements, qpv: index.qpv },
      source: 'public/data (npm run geodata)',
    };
  }
  const raw = resolve(root, '../shared/geodata');
  if (!existsSync(raw)) throw new Error(`neither ${pub} nor ${raw} holds the geodata`);
  // Communes: IGN ADMIN EXPRESS 2018 polygons; names, populations, postcodes from
  // @etalab/decoupage-administratif; rural = density grid classes 5–7 (communes-france CSV).
  type RawFc = { features: { geometry: AreaGeometry; properties: Record<string, unknown> }[] };
  const cog = readJson<{ code: string; nom: string; type: string; departement: string; population?: number; codesPostaux?: string[] }[]>(
    resolve(root, 'node_modules/@etalab/decoupage-administratif/data/communes.json'),
  ).filter((c) => c.departement === '13' && c.type === 'commune-actuelle');
  const cogBy = new Map(cog.map((c) => [c.code, c]));
  const csv = readFileSync(resolve(raw, 'communes-france-2024-13.csv'), 'utf8').split('\n');
  const header = csv[0].split(',');
  const iCode = header.indexOf('code_insee');
  const iGrid = header.indexOf('grille_densite');
  const ruralCodes = new Set<string>();
  for (const line of csv.slice(1)) {
    // Only the code (2nd column) and the density label are needed; the label has no comma.
    const code = line.split(',')[iCode];
    if (/Bourgs ruraux|Rural à habitat/.test(line) && iGrid >= 0) ruralCodes.add(code);
  }
  const rawCommunes = readJson<RawFc>(resolve(raw, 'communes-13.geojson'));
  const communes = {
    type: 'FeatureCollection',
    features: rawCommunes.features.map((f) => {
      const code = String(f.properties.code);
      const c = cogBy.get(code);
      return { type: 'Feature', geometry: f.geometry, properties: { code, nom: c?.nom ?? String(f.properties.nom) } };
    }),
  } as unknown as CommunesLayer;
  const rawArr = readJson<RawFc>(resolve(raw, 'arrondissements-marseille.geojson'));
  const arrondissements = {
    type: 'FeatureCollection',
    features: rawArr.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { code: String(f.properties.code), nom: String(f.properties.nom).replace(/\s+/g, ' ') } })),
  } as unknown as ArrondissementsLayer;
  const rawQpv = readJson<RawFc>(resolve(raw, 'qpv-2024-13-5dec.geojson'));
  const qpv = {
    type: 'FeatureCollection',
    features: rawQpv.features.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: { code: String(f.properties.q), nom: String(f.properties.n), communes: f.properties.com as string[] },
    })),
  } as unknown as QpvLayer;
  return {
    communes,
    arrondissements,
    qpv,
    index: {
      communes: communes.features.map((f) => {
        const c = cogBy.get(f.properties.code);
        return {
          code: f.properties.code,
          nom: f.properties.nom,
          population: c?.population ?? 0,
          codesPostaux: c?.codesPostaux ?? [],
          rural: ruralCodes.has(f.properties.code),
          labelPoint: labelPointOf(f.geometry),
        };
      }),
      arrondissements: arrondissements.features.map((f) => ({ code: f.properties.code, nom: f.properties.nom, labelPoint: labelPointOf(f.geometry) })),
      qpv: qpv.features.map((f) => ({ code: f.properties.code, nom: f.properties.nom, communes: f.properties.communes })),
    },
    source: '../shared/geodata (communes-13, arrondissements-marseille, qpv-2024-13-5dec)',
  };
}
