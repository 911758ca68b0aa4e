// Geodata build: raw sources (GEODATA_SOURCE) → app-ready layers under public/data/.
// Usage: npm run geodata   (tsx geodata/build.ts)

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { featureCollection, simplify } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type {
  ArrondissementProps,
  CommuneProps,
  EpciProps,
  LabelPointsLayer,
  QpvProps,
  TerritoriesIndex,
  ZoneEmploiProps,
} from '../src/lib/geodata/types.ts';
import { parseCsv, type CsvRow } from './lib/csv.ts';
import { dissolve } from './lib/dissolve.ts';
import { bboxOf, mergeBboxes, quantizeGeometry, type Bbox } from './lib/geometry.ts';
import { assertInvariants, GeodataInvariantError } from './lib/invariants.ts';
import {
  buildArrondissements,
  crossCheckDensity,
  crossCheckQpv,
  joinCommunes,
  OSM_DENSITY_KEY,
  OSM_DENSITY_LABEL_KEY,
  qpvFromFeatures,
  type CogCommune,
  type CogEpci,
} from './lib/joins.ts';
import { labelPoint } from './lib/labels.ts';
import { BAND_DEG, neighbourBand, outsideIndex } from './lib/outside.ts';
import { assembleManifest, attributeSources, layerProvenance, sizeOf, type BuildStats } from './lib/manifest.ts';
import {
  DECOUPAGE_FILES,
  DEFAULT_OUT_DIR,
  GeodataSourceError,
  missingSourceMessage,
  resolveSourceDir,
  SOURCE_FILES,
  type SourceKey,
} from './lib/sources.ts';

export const COORD_DECIMALS = 5;
export const CONTEXT_TOLERANCE = 0.002; // degrees (≈ 200 m), grey context only
const CONTEXT_DECIMALS = 4;
const EXTRA_METROPOLE_COMMUNES = [
  { code: '84089', file: 'communes84' as const },
  { code: '83120', file: 'communes83' as const },
];

type AreaFC<P = Record<string, unknown>> = FeatureCollection<Polygon | MultiPolygon, P>;

export interface BuildOptions {
  sourceDir?: string;
  outDir?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface LayerSummary {
  layer: string;
  features: number;
  bytes: number;
  gzipBytes: number;
}

export interface BuildResult {
  outDir: string;
  sourceDir: string;
  summary: LayerSummary[];
  communes: CommuneProps[];
  qpv: QpvProps[];
  arrondissements: ArrondissementProps[];
  epci: (EpciProps & { membres: string[]; membres13: string[] })[];
  zonesEmploi: ZoneEmploiProps[];
}

/** Throws GeodataSourceError (French message) for the first missing source file. */
export function checkSourceFiles(sourceDir: string, env: NodeJS.ProcessEnv = process.env): Record<SourceKey, string> {
  const paths = {} as Record<SourceKey, string>;
  for (const [key, name] of Object.entries(SOURCE_FILES) as [SourceKey, string][]) {
    const p = path.join(sourceDir, name);
    if (!fs.existsSync(p)) throw new GeodataSourceError(missingSourceMessage(p, env));
    paths[key] = p;
  }
  for (const p of Object.values(DECOUPAGE_FILES)) {
    if (!fs.existsSync(p)) throw new GeodataSourceError(`Fichier de référence manquant : ${p} (paquet @etalab/decoupage-administratif installé ?)`);
  }
  return paths;
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new GeodataSourceError(`Lecture impossible de ${file} : ${(e as Error).message}`);
  }
}

function readCsv(file: string): CsvRow[] {
  return parseCsv(fs.readFileSync(file, 'utf8'), path.basename(file));
}

function areaFeature<P>(props: P, geometry: Polygon | MultiPolygon, id?: number): Feature<Polygon | MultiPolygon, P> {
  return id === undefined ? { type: 'Feature', properties: props, geometry } : { type: 'Feature', id, properties: props, geometry };
}

// Not split: the build's steps in order, each a call into geodata/lib; the sequence is the documentation.
export function buildGeodata(opts: BuildOptions = {}): BuildResult {
  const env = opts.env ?? process.env;
  const sourceDir = opts.sourceDir ?? resolveSourceDir(env);
  const outDir = opts.outDir ?? DEFAULT_OUT_DIR;
  const log = opts.log ?? (() => {});
  const src = checkSourceFiles(sourceDir, env);

  // ---- Read sources
  const communesGeo = readJson<AreaFC<{ code: string; nom: string }>>(src.communes);
  const osm = readJson<FeatureCollection<null, Record<string, unknown>>>(src.communesOsm);
  const communesCsv = readCsv(src.communesCsv).filter((r) => r.typecom === 'COM');
  const cogAll = readJson<CogCommune[]>(DECOUPAGE_FILES.communes);
  const cogCommunes = cogAll.filter(
    (c) =>
      (c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal') &&
      (c.code.startsWith('13') || c.code === '84089' || c.code === '83120'),
  );
  const epciAll = readJson<CogEpci[]>(DECOUPAGE_FILES.epci);
  const decoupageVersion = readJson<{ version: string }>(DECOUPAGE_FILES.packageJson).version;
  const qpvGeo = readJson<AreaFC>(src.qpv);
  const qpvCheckGeo = readJson<AreaFC>(src.qpvCheck);
  const arrGeo = readJson<AreaFC<{ code: string; nom: string }>>(src.arrondissements);
  const depFeature = readJson<Feature<Polygon | MultiPolygon, { code: string; nom: string }>>(src.departement);
  const voisins = readJson<AreaFC<{ code: string; nom: string }>>(src.departements);
  const extraGeo = new Map<string, Feature<Polygon | MultiPolygon>>();
  for (const { code, file } of EXTRA_METROPOLE_COMMUNES) {
    const f = readJson<AreaFC<{ code: string }>>(src[file]).features.find((x) => x.properties.code === code);
    if (!f) throw new GeodataSourceError(`Commune ${code} introuvable dans ${src[file]}`);
    extraGeo.set(code, f);
  }

  // ---- Cross-checks (fail on disagreement)
  const osmDensity = new Map(
    osm.features.map((f) => [String(f.properties?.insee), { level: f.properties?.[OSM_DENSITY_KEY], label: f.properties?.[OSM_DENSITY_LABEL_KEY] }]),
  );
  const csvLabels = new Map(communesCsv.map((r) => [r.code_insee, r.grille_densite]));
  const qpvMain = qpvFromFeatures(qpvGeo.features, { code: 'q', nom: 'n', communes: 'com' });
  const qpvCheck = qpvFromFeatures(qpvCheckGeo.features, { code: 'code_qp', nom: 'lib_qp', communes: 'insee_com' });
  const zeCommunes = readCsv(src.zeCommunes);
  const crossProblems = [...crossCheckDensity(osmDensity, csvLabels), ...crossCheckQpv(qpvMain, qpvCheck)];
  const csvZe = new Map(communesCsv.map((r) => [r.code_insee, r.zone_emploi]));
  for (const r of zeCommunes) {
    const z = csvZe.get(r.codgeo);
    if (z !== undefined && z.slice(-4) !== r.ze2020) crossProblems.push(`zone d'emploi : ${r.codgeo} ${r.ze2020} ≠ ${z} (communes-france-2024-13.csv)`);
  }
  if (crossProblems.length) throw new GeodataInvariantError(crossProblems);

  // ---- Joins + invariants
  const joined = joinCommunes({
    communesGeo,
    osmDensity,
    cogCommunes,
    epci: epciAll,
    frr: readCsv(src.frr),
    zrr: readCsv(src.zrr),
    zeCommunes,
    zeChomage: readCsv(src.zeChomage),
    filosofi: readCsv(src.filosofi),
    qpv: qpvMain,
  });
  const qpvProps: QpvProps[] = qpvMain.map((q) => ({ code: q.code, nom: q.nom, communes: q.communes }));
  const arrondissements = buildArrondissements(arrGeo, joined.arrondissementPopulation, joined.filosofi);
  assertInvariants({
    communes: joined.communes,
    qpv: qpvProps,
    arrondissements,
    epci: joined.epci,
    zonesEmploi: joined.zonesEmploi,
    sourceCodes: joined.sourceCodes,
  });
  log(`Sources : ${sourceDir}`);
  log('Jointures et contrôles : OK');

  // ---- Geometries
  const communeGeom = new Map<string, Polygon | MultiPolygon>();
  for (const [code, g] of joined.geometries) communeGeom.set(code, quantizeGeometry(g, COORD_DECIMALS));
  const communeFeatures = joined.communes.map((p, i) => areaFeature(p, communeGeom.get(p.code)!, i));
  const labelPoints = new Map(joined.communes.map((c) => [c.code, labelPoint(communeGeom.get(c.code)!)]));

  const qpvGeomByCode = new Map(qpvGeo.features.map((f) => [String(f.properties.q), quantizeGeometry(f.geometry, COORD_DECIMALS)]));
  const qpvFeatures = qpvProps.map((q, i) => areaFeature(q, qpvGeomByCode.get(q.code)!, i));

  const arrGeomByCode = new Map(arrGeo.features.map((f) => [String(f.properties.code), quantizeGeometry(f.geometry, COORD_DECIMALS)]));
  const arrFeatures = arrondissements.map((a, i) => areaFeature(a, arrGeomByCode.get(a.code)!, i));

  let epciHolesRemoved = 0;
  const epciFeatures = joined.epci.map((e, i) => {
    const parts = e.membres.map((m) => {
      const g = communeGeom.get(m) ?? extraGeo.get(m)?.geometry;
      if (!g) throw new GeodataInvariantError([`EPCI ${e.code} : contour introuvable pour le membre ${m}`]);
      return areaFeature({}, g);
    });
    const d = dissolve(parts, { decimals: COORD_DECIMALS });
    epciHolesRemoved += d.holesRemoved;
    const props: EpciProps = { code: e.code, nom: e.nom, population: e.population };
    return areaFeature(props, d.geometry, i);
  });

  let zeHolesRemoved = 0;
  const zeFeatures = joined.zonesEmploi.map((z, i) => {
    const members = joined.communes.filter((c) => c.ze === z.code).map((c) => areaFeature({}, communeGeom.get(c.code)!));
    const d = dissolve(members, { decimals: COORD_DECIMALS });
    zeHolesRemoved += d.holesRemoved;
    return areaFeature(z, d.geometry, i);
  });

  const depGeom = quantizeGeometry(depFeature.geometry, COORD_DECIMALS);
  const depProps = { code: '13', nom: String(depFeature.properties?.nom ?? 'Bouches-du-Rhône') };
  const contextFeatures = voisins.features
    .filter((f) => f.properties.code !== '13')
    .map((f, i) => {
      const s = simplify(f, { tolerance: CONTEXT_TOLERANCE, highQuality: true, mutate: false });
      return areaFeature({ code: f.properties.code, nom: f.properties.nom }, quantizeGeometry(s.geometry, CONTEXT_DECIMALS), i);
    });
  if (contextFeatures.length !== 8) throw new GeodataInvariantError([`départements voisins : ${contextFeatures.length} au lieu de 8`]);

  const labelsLayer: LabelPointsLayer = featureCollection(
    joined.communes.map((c) => ({
      type: 'Feature' as const,
      id: 0,
      properties: { code: c.code, nom: c.nom, population: c.population },
      geometry: { type: 'Point' as const, coordinates: labelPoints.get(c.code)! },
    })),
  ) as LabelPointsLayer;
  labelsLayer.features.forEach((f, i) => (f.id = i));

  // ---- Territories index
  const bbox = (g: Polygon | MultiPolygon): Bbox => bboxOf(g, COORD_DECIMALS);
  const communeBboxes = joined.communes.map((c) => bbox(communeGeom.get(c.code)!));
  const territories: TerritoriesIndex = {
    communes: joined.communes.map((c, i) => ({ ...c, labelPoint: labelPoints.get(c.code)!, bbox: communeBboxes[i] })),
    arrondissements: arrondissements.map((a) => ({
      ...a,
      codesPostaux: joined.arrondissementPostcodes.get(a.code) ?? [],
      labelPoint: labelPoint(arrGeomByCode.get(a.code)!),
      bbox: bbox(arrGeomByCode.get(a.code)!),
    })),
    epci: joined.epci.map((e) => ({ code: e.code, nom: e.nom, population: e.population })),
    zonesEmploi: joined.zonesEmploi,
    qpv: qpvProps.map((q) => ({ ...q, labelPoint: labelPoint(qpvGeomByCode.get(q.code)!), bbox: bbox(qpvGeomByCode.get(q.code)!) })),
    departement: {
      code: '13',
      nom: depProps.nom,
      population: joined.communes.reduce((s, c) => s + c.population, 0),
      bbox: mergeBboxes(communeBboxes),
    },
  };

  // ---- Outside the département (import checks): neighbours' border communes, names beyond 13
  const neighbourSources = (['04', '30', '83', '84'] as const).map((dep) => ({
    dep,
    features: readJson<AreaFC<{ code: string; nom: string }>>(src[`communes${dep}`]).features,
  }));
  const neighbours = neighbourBand(neighbourSources, communeBboxes, COORD_DECIMALS);
  const outside = outsideIndex(cogAll, readJson<{ code: string; nom: string }[]>(DECOUPAGE_FILES.departements));

  // ---- Write
  const outputs: [string, unknown, number][] = [
    ['communes.geojson', featureCollection(communeFeatures), communeFeatures.length],
    ['qpv.geojson', featureCollection(qpvFeatures), qpvFeatures.length],
    ['arrondissements.geojson', featureCollection(arrFeatures), arrFeatures.length],
    ['epci.geojson', featureCollection(epciFeatures), epciFeatures.length],
    ['zones-emploi.geojson', featureCollection(zeFeatures), zeFeatures.length],
    ['departement.geojson', featureCollection([areaFeature(depProps, depGeom, 0)]), 1],
    ['context.geojson', featureCollection(contextFeatures), contextFeatures.length],
    ['commune-labels.geojson', labelsLayer, labelsLayer.features.length],
    ['communes-voisines.geojson', featureCollection(neighbours), neighbours.length],
    ['hors-departement.json', outside, Object.keys(outside.communes).length],
    [
      'territoires.json',
      territories,
      territories.communes.length + territories.arrondissements.length + territories.epci.length + territories.zonesEmploi.length + territories.qpv.length + 1,
    ],
  ];
  fs.mkdirSync(outDir, { recursive: true });
  const sizes = new Map<string, LayerSummary>();
  for (const [name, data, features] of outputs) {
    const text = JSON.stringify(data);
    fs.writeFileSync(path.join(outDir, name), text);
    sizes.set(name, { layer: name, features, ...sizeOf(text) });
  }

  const latestQuarter = joined.zonesEmploi[0]?.trimestre ?? null;
  const stats: BuildStats = {
    coordDecimals: COORD_DECIMALS,
    contextTolerance: CONTEXT_TOLERANCE,
    marseilleRevenuMedian: joined.marseilleFilosofi.revenuMedian,
    marseillePartMinimaSociaux: joined.marseilleFilosofi.partMinimaSociaux,
    latestQuarter,
    epciHolesRemoved,
    zeHolesRemoved,
    decoupageVersion,
    neighbourBandDeg: BAND_DEG,
  };
  const manifest = assembleManifest(layerProvenance(stats), sizes, attributeSources(stats), sourceDir);
  // manifest.json last: ensure.ts compares output mtimes, a partial build leaves it stale.
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest));

  return {
    outDir,
    sourceDir,
    summary: [...sizes.values()],
    communes: joined.communes,
    qpv: qpvProps,
    arrondissements,
    epci: joined.epci,
    zonesEmploi: joined.zonesEmploi,
  };
}

export function formatSummary(rows: LayerSummary[]): string {
  const displayRows = rows.filter((r) => r.layer !== 'territoires.json');
  const total = (k: 'bytes' | 'gzipBytes', rs: LayerSummary[]) => rs.reduce((s, r) => s + r[k], 0);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} Ko`;
  const lines = [
    `${'Couche'.padEnd(26)}${'Entités'.padStart(8)}${'Octets'.padStart(12)}${'Gzip'.padStart(12)}`,
    ...rows.map((r) => `${r.layer.padEnd(26)}${String(r.features).padStart(8)}${kb(r.bytes).padStart(12)}${kb(r.gzipBytes).padStart(12)}`),
    `${'Total couches affichées'.padEnd(34)}${kb(total('bytes', displayRows)).padStart(12)}${kb(total('gzipBytes', displayRows)).padStart(12)}`,
    `${'Total (avec territoires.json)'.padEnd(34)}${kb(total('bytes', rows)).padStart(12)}${kb(total('gzipBytes', rows)).padStart(12)}`,
  ];
  return lines.join('\n');
}

export function main(): number {
  const t0 = Date.now();
  try {
    const res = buildGeodata({ log: (l) => console.log(l) });
    console.log(formatSummary(res.summary));
    console.log(`Données géographiques écrites dans ${path.relative(process.cwd(), res.outDir) || res.outDir} en ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return 0;
  } catch (e) {
    if (e instanceof GeodataSourceError || e instanceof GeodataInvariantError) {
      console.error(e.message);
    } else {
      console.error('Échec de la construction des données géographiques :', e);
    }
    return 1;
  }
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) process.exitCode = main();
