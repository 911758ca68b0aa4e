// Demonstration dataset generator (`npm run demo`).
//
// Writes, deterministically (fixed seed, mulberry32 PRNG, no clock, no Math.random):
//   src/data/demo-dataset.json  a Dataset (kind 'demo', label "Données de démonstration")
//   src/data/demo-dataset.csv   the same supports as a French-style CSV (';', UTF-8 BOM, CRLF,
//                               decimal comma, dd/mm/yyyy dates) that users can try to import
//   src/data/demo-layoffs.csv   the fictitious collective layoffs, same conventions
//   src/data/demo-totals.json   the generator's own totals (the UI banner test compares to them)
//
// EVERYTHING IS FICTITIOUS.
// - Company names are invented syllables + a generic word, and every name ends with " (démo)".
// - SIRET: every SIREN starts with DEMO_SIREN_PREFIX = "99999" (5 nines), then a 3-digit serial,
//   then the Luhn check digit; the NIC is "0001" + the digit that makes the 14-digit SIRET
//   Luhn-valid. So every SIRET passes isValidSiret() yet is recognisable as fake.
// - Addresses use generic street names.
// Official figures it imitates (DDETS 13, April 2023): about 170 companies, 1,100 jobs,
// 1.325 M€ (published as "1 325 millions d'euros", read as a misplaced separator). The
// generator hits 170 companies, 1,100 jobs (sum of jobsOf) and 1,325,000 € exactly, by
// construction.
//
// Geography: points are drawn by rejection sampling inside the target polygon (QPV polygon for
// QPV rows, commune or arrondissement polygon otherwise), at least a small margin away from the
// outline, then located with the reference turf locator (src/lib/analysis/locate-turf.ts) which
// fills communeCode / arrondissementCode / qpvCode (qpvSource 'computed'). Inputs: the app's
// layers under public/data/ when `npm run geodata` has built them (communes.geojson,
// arrondissements.geojson, qpv.geojson, territoires.json), else the raw files of
// ../shared/geodata (IGN communes, GEOFLA arrondissements, 5-decimal QPV 2024). Re-running on
// the same inputs gives byte-identical files; the inputs used are recorded in demo-totals.json.
//
// Layoffs are placed in industrial communes; some of them (Port-de-Bouc, Tarascon,
// Port-Saint-Louis-du-Rhône, Gardanne, Marseille 16e) deliberately get no support, so that the
// gap analysis has something to show.

import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bbox as turfBbox, centerOfMass, pointOnFeature, booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { jobsOf, type Dataset, type FundId, type Layoff, type LonLat, type SizeBand, type Support } from '../src/lib/domain/types.ts';
import { nafSection, fundById, SIZE_BAND_SHORT_LABELS, FUND_IDS } from '../src/lib/domain/funds.ts';
import { isValidSiret, luhnCheckDigit } from '../src/lib/domain/siret.ts';
import { createTurfLocator, distanceToOutlineKm } from '../src/lib/analysis/locate-turf.ts';
import type { SpatialLocator } from '../src/lib/analysis/types.ts';
import type {
  AreaGeometry,
  ArrondissementsLayer,
  CommunesLayer,
  QpvLayer,
  TerritoriesIndex,
} from '../src/lib/geodata/types.ts';

export const DEMO_SEED = 20230401;
export const DEMO_SIREN_PREFIX = '99999';
export const DEMO_NAME_SUFFIX = ' (démo)';
export const DEMO_LABEL = 'Données de démonstration';
/** Fixed so that the output does not depend on the clock. */
export const DEMO_CREATED_AT = '2023-04-30T00:00:00.000Z';

/** Targets (official figures of April 2023, amount read as 1.325 M€). */
export const DEMO_TARGETS = { companies: 170, jobs: 1100, amountEur: 1_325_000 } as const;

/** Per-fund split of the targets (sums to DEMO_TARGETS). */
const FUND_PLAN: Record<FundId, { companies: number; jobs: number; amountEur: number; amountStep: number; amountMin: number; amountMax: number; jobsMin: number; jobsMax: number }> = {
  ampa: { companies: 14, jobs: 240, amountEur: 560_000, amountStep: 5_000, amountMin: 15_000, amountMax: 90_000, jobsMin: 4, jobsMax: 45 },
  airbus: { companies: 28, jobs: 675, amountEur: 470_000, amountStep: 1_000, amountMin: 5_000, amountMax: 40_000, jobsMin: 6, jobsMax: 60 },
  adie: { companies: 128, jobs: 185, amountEur: 295_000, amountStep: 100, amountMin: 800, amountMax: 12_000, jobsMin: 1, jobsMax: 2 },
};

// ---------------------------------------------------------------------------------------------
// Inputs

type IndexCommune = Pick<TerritoriesIndex['communes'][number], 'code' | 'nom' | 'population' | 'codesPostaux' | 'rural' | 'labelPoint'>;
type IndexArr = Pick<TerritoriesIndex['arrondissements'][number], 'code' | 'nom' | 'labelPoint'>;
type IndexQpv = Pick<TerritoriesIndex['qpv'][number], 'code' | 'nom' | 'communes'>;

export interface DemoInputs {
  communes: CommunesLayer;
  arrondissements: ArrondissementsLayer;
  qpv: QpvLayer;
  index: { communes: IndexCommune[]; arrondissements: IndexArr[]; qpv: IndexQpv[] };
  /** Where the layers came from (recorded in demo-totals.json). */
  source: string;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

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

// ---------------------------------------------------------------------------------------------
// Random helpers

/** mulberry32: tiny, fast, deterministic 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1][0];
}

/**
 * Integers (multiples of `step`, within [min, max]) proportional to `weights` and summing
 * exactly to `total` (which must be a multiple of `step` and reachable within the bounds).
 */
function allocate(rng: Rng, total: number, weights: number[], step: number, min: number, max: number): number[] {
  const wsum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.min(max, Math.max(min, Math.round((total * w) / wsum / step) * step)));
  let diff = total - out.reduce((a, b) => a + b, 0);
  const order = weights.map((_, i) => i).sort((a, b) => weights[b] - weights[a] || a - b);
  let guard = 0;
  while (diff !== 0) {
    if (guard++ > 1_000_000) throw new Error('allocate: unreachable total');
    const i = order[Math.floor(rng() * order.length)];
    if (diff > 0 && out[i] + step <= max) {
      out[i] += step;
      diff -= step;
    } else if (diff < 0 && out[i] - step >= min) {
      out[i] -= step;
      diff += step;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fictitious names

const SYL_A = ['Zor', 'Quel', 'Vann', 'Brix', 'Tal', 'Nor', 'Pell', 'Kal', 'Myr', 'Ost', 'Lun', 'Dar', 'Sel', 'Gav', 'Tiz', 'Rum', 'Jol', 'Vex', 'Fen', 'Hal', 'Wim', 'Pry', 'Sov', 'Ulm', 'Yar', 'Qix', 'Bop', 'Zel'];
const SYL_B = ['a', 'e', 'i', 'o', 'u', 'y', 'ia', 'eo', 'ou', 'ai'];
const SYL_C = ['vel', 'drin', 'mar', 'tix', 'lon', 'rac', 'pel', 'zan', 'stor', 'quin', 'bel', 'nox', 'ral', 'dis', 'fur', 'gon'];
const WORDS: Record<FundId, { before: string[]; after: string[] }> = {
  ampa: { before: [], after: ['Labs', 'Tech', 'Bio', 'Data', 'Systèmes', 'Innovation', 'Photonique', 'Logiciels'] },
  airbus: { before: [], after: ['Mécanique', 'Usinage', 'Composites', 'Industries', 'Aéro-Services', 'Précision', 'Chaudronnerie', 'Outillage'] },
  adie: { before: ['Atelier', 'Boutique', 'Services', 'Traiteur', 'Salon', 'Bâtiment', 'Jardins', 'Livraisons', 'Épicerie', 'Couture'], after: [] },
};
const LAYOFF_WORDS = ['Chimie', 'Logistique', 'Métallurgie', 'Raffinage', 'Emballages', 'Électronique', 'Navale', 'Textiles', 'Agroalimentaire'];

function inventedStem(rng: Rng): string {
  return pick(rng, SYL_A) + pick(rng, SYL_B) + pick(rng, SYL_C);
}

function uniqueName(rng: Rng, used: Set<string>, make: () => string): string {
  for (;;) {
    const n = make() + DEMO_NAME_SUFFIX;
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
}

export function demoSiret(serial: number): string {
  const siren = DEMO_SIREN_PREFIX + String(serial).padStart(3, '0');
  const sirenFull = siren + luhnCheckDigit(siren);
  const body = sirenFull + '0001';
  const siret = body + luhnCheckDigit(body);
  if (!isValidSiret(siret)) throw new Error(`bad demo SIRET ${siret}`);
  return siret;
}

// ---------------------------------------------------------------------------------------------
// Geography plans

/** Weighted target communes per fund (INSEE codes). */
const AMPA_COMMUNES: [string, number][] = [
  ['13001', 5], // Aix-en-Provence
  ['13055', 4], // Marseille
  ['13087', 2], // Rousset
  ['13028', 1.5], // La Ciotat
  ['13059', 1], // Meyreuil
  ['13042', 0.5], // Gémenos
];
const AIRBUS_COMMUNES: [string, number][] = [
  ['13054', 6], // Marignane
  ['13117', 4], // Vitrolles
  ['13047', 3], // Istres
  ['13102', 2], // Saint-Victoret
  ['13103', 2], // Salon-de-Provence
  ['13014', 1], // Berre-l'Étang
  ['13056', 1], // Martigues
  ['13039', 1], // Fos-sur-Mer
  ['13071', 1], // Les Pennes-Mirabeau
  ['13001', 1], // Aix-en-Provence (Les Milles)
];
/** Communes hit by layoffs that the demo supports deliberately avoid (gap analysis). */
export const DEMO_GAP_COMMUNES = ['13077', '13108', '13078', '13041'];
/** Marseille arrondissements (downtown, innovation districts) for AMPA rows in Marseille. */
const AMPA_MARSEILLE_ARR = ['13202', '13203', '13206', '13208', '13209', '13213'];
/** ADIE rows outside QPV, in urban communes. */
const ADIE_URBAN_COMMUNES = ['13004', '13005', '13103', '13047', '13028', '13117', '13056', '13001'];

const NAF: Record<FundId, string[]> = {
  ampa: ['62.01Z', '62.02A', '63.11Z', '72.11Z', '72.19Z', '21.20Z', '26.11Z', '26.51B', '71.12B'],
  airbus: ['25.62B', '25.61Z', '25.73B', '28.99B', '30.30Z', '33.16Z', '33.20C', '71.12B', '71.20B'],
  adie: ['56.10C', '96.02A', '43.34Z', '43.21A', '49.32Z', '47.81Z', '45.20A', '85.59B', '74.10Z', '10.71C', '81.21Z', '53.20Z', '47.91B', '96.09Z'],
};
const ADIE_RURAL_NAF = ['01.13Z', '01.21Z', '56.10A', '43.32A', '47.81Z', '10.71C', '55.20Z'];

const STREETS = ['rue des Amandiers', 'avenue des Platanes', 'chemin des Oliviers', 'boulevard des Cigales', 'rue du Mistral', 'allée des Lavandes', 'impasse des Micocouliers', 'route des Pins', 'rue de la Garrigue', 'avenue des Tilleuls', 'rue des Glycines', 'chemin de la Source'];

/** Layoff plan: [commune or Marseille arrondissement code, events]. */
const LAYOFF_PLAN: [string, number][] = [
  ['13039', 2], // Fos-sur-Mer
  ['13056', 2], // Martigues
  ['13054', 1], // Marignane
  ['13117', 1], // Vitrolles
  ['13041', 2], // Gardanne (no support)
  ['13087', 1], // Rousset
  ['13028', 1], // La Ciotat
  ['13108', 1], // Tarascon (no support)
  ['13004', 1], // Arles
  ['13214', 1], // Marseille 14e
  ['13215', 1], // Marseille 15e
  ['13216', 1], // Marseille 16e
  ['13014', 1], // Berre-l'Étang
  ['13077', 2], // Port-de-Bouc (no support)
  ['13047', 1], // Istres
  ['13078', 1], // Port-Saint-Louis-du-Rhône (no support)
];

// ---------------------------------------------------------------------------------------------
// Generation

export interface FundTotals {
  companies: number;
  jobs: number;
  amountEur: number;
}

export interface DemoTotals extends FundTotals {
  seed: number;
  source: string;
  byFund: Record<FundId, FundTotals>;
  layoffs: { events: number; jobsCut: number; communes: string[] };
  precision: Record<'point' | 'commune' | 'arrondissement', number>;
  rowsInQpv: number;
  microEntrepreneurs: number;
  years: Record<string, number>;
}

export interface DemoOutput {
  dataset: Dataset;
  totals: DemoTotals;
  csv: string;
  layoffsCsv: string;
}

interface Geo {
  locator: SpatialLocator;
  communeGeom: Map<string, AreaGeometry>;
  arrGeom: Map<string, AreaGeometry>;
  qpvGeom: Map<string, AreaGeometry>;
  communes: Map<string, IndexCommune>;
  arrs: Map<string, IndexArr>;
}

const MARSEILLE = '13055';

/**
 * A point inside `geom`, at least `marginKm` from its outline, for which `accept` holds.
 * Rejection sampling from the bbox; the margin shrinks if it cannot be met.
 */
function samplePoint(rng: Rng, geom: AreaGeometry, marginKm: number, accept: (p: LonLat) => boolean): LonLat {
  const f: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, geometry: geom };
  const [x0, y0, x1, y1] = turfBbox(f);
  let margin = marginKm;
  for (let attempt = 0; attempt < 4000; attempt++) {
    if (attempt > 0 && attempt % 500 === 0) margin /= 2;
    const p: LonLat = [round(x0 + rng() * (x1 - x0), 6), round(y0 + rng() * (y1 - y0), 6)];
    if (!booleanPointInPolygon(p, f)) continue;
    if (margin > 0.001 && distanceToOutlineKm(p, geom) < margin) continue;
    if (accept(p)) return p;
  }
  throw new Error('samplePoint: no acceptable point');
}

function randomDate(rng: Rng, yearFrom: number, yearTo: number): string {
  const y = int(rng, yearFrom, yearTo);
  const m = int(rng, 1, 12);
  const d = int(rng, 1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function postcodeOf(geo: Geo, communeCode: string, arrCode: string | null): string {
  if (communeCode === MARSEILLE) return arrCode ? `130${arrCode.slice(3)}` : '13001';
  const pcs = geo.communes.get(communeCode)?.codesPostaux ?? [];
  return pcs.length > 0 ? [...pcs].sort()[0] : communeCode;
}

function communeName(geo: Geo, code: string): string {
  return geo.communes.get(code)?.nom ?? code;
}

interface Placement {
  location: LonLat;
  precision: Support['precision'];
  communeCode: string;
  arrondissementCode: string | null;
  qpvCode: string | null;
  qpvSource: Support['qpvSource'];
}

type Target =
  | { kind: 'commune'; commune: string; arrondissement?: string }
  | { kind: 'qpv'; qpv: string };

function place(rng: Rng, geo: Geo, target: Target, precision: Support['precision']): Placement {
  if (target.kind === 'qpv') {
    const geom = geo.qpvGeom.get(target.qpv);
    if (!geom) throw new Error(`unknown QPV ${target.qpv}`);
    let loc = geo.locator.locate([0, 0]);
    const p = samplePoint(rng, geom, 0.03, (pt) => {
      loc = geo.locator.locate(pt);
      return loc.qpvCode === target.qpv && loc.communeCode !== null && !loc.snapped && !DEMO_GAP_COMMUNES.includes(loc.communeCode);
    });
    return { location: p, precision: 'point', communeCode: loc.communeCode!, arrondissementCode: loc.arrondissementCode, qpvCode: loc.qpvCode, qpvSource: 'computed' };
  }
  const { commune, arrondissement } = target;
  if (precision === 'commune') {
    const c = geo.communes.get(commune);
    if (!c) throw new Error(`unknown commune ${commune}`);
    return { location: c.labelPoint, precision: 'commune', communeCode: commune, arrondissementCode: null, qpvCode: null, qpvSource: null };
  }
  if (precision === 'arrondissement') {
    const a = arrondissement ? geo.arrs.get(arrondissement) : undefined;
    if (!a) throw new Error(`unknown arrondissement ${arrondissement}`);
    return { location: a.labelPoint, precision: 'arrondissement', communeCode: MARSEILLE, arrondissementCode: a.code, qpvCode: null, qpvSource: null };
  }
  const geom = arrondissement ? geo.arrGeom.get(arrondissement) : geo.communeGeom.get(commune);
  if (!geom) throw new Error(`unknown area ${arrondissement ?? commune}`);
  let loc = geo.locator.locate([0, 0]);
  const p = samplePoint(rng, geom, 0.15, (pt) => {
    loc = geo.locator.locate(pt);
    return loc.communeCode === commune && !loc.snapped && (!arrondissement || loc.arrondissementCode === arrondissement);
  });
  return {
    location: p,
    precision: 'point',
    communeCode: commune,
    arrondissementCode: loc.arrondissementCode,
    qpvCode: loc.qpvCode,
    qpvSource: 'computed',
  };
}

export function generateDemo(inputs: DemoInputs, seed = DEMO_SEED): DemoOutput {
  const rng = mulberry32(seed);
  const geo: Geo = {
    locator: createTurfLocator(inputs.communes, inputs.arrondissements, inputs.qpv),
    communeGeom: new Map(inputs.communes.features.map((f) => [f.properties.code, f.geometry])),
    arrGeom: new Map(inputs.arrondissements.features.map((f) => [f.properties.code, f.geometry])),
    qpvGeom: new Map(inputs.qpv.features.map((f) => [f.properties.code, f.geometry])),
    communes: new Map(inputs.index.communes.map((c) => [c.code, c])),
    arrs: new Map(inputs.index.arrondissements.map((a) => [a.code, a])),
  };

  const usedNames = new Set<string>();
  let serial = 1;
  const supports: Support[] = [];

  // QPV candidates for ADIE: Marseille QPV weigh more; QPV of gap communes excluded.
  const qpvSorted = [...inputs.index.qpv].sort((a, b) => (a.code < b.code ? -1 : 1));
  const marseilleQpv = qpvSorted.filter((q) => q.communes.includes(MARSEILLE)).map((q) => q.code);
  const otherQpv = qpvSorted
    .filter((q) => !q.communes.includes(MARSEILLE) && !q.communes.some((c) => DEMO_GAP_COMMUNES.includes(c)))
    .map((q) => q.code);
  // Rural communes (density grid 5–7), weighted by √population; one in three left without support.
  const ruralCommunes = inputs.index.communes
    .filter((c) => c.rural && !DEMO_GAP_COMMUNES.includes(c.code))
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .filter((_, i) => i % 3 !== 2)
    .map((c) => [c.code, Math.sqrt(Math.max(1, c.population))] as const);

  for (const fund of FUND_IDS) {
    const plan = FUND_PLAN[fund];
    const n = plan.companies;
    // Sizes of tickets: skewed weights, then exact allocation.
    const amountWeights = Array.from({ length: n }, () => Math.exp(rng() * (fund === 'adie' ? 1.6 : 1.2)));
    const amounts = allocate(rng, plan.amountEur, amountWeights, plan.amountStep, plan.amountMin, plan.amountMax);
    const jobWeights = amountWeights.map((w) => w * (0.6 + rng() * 0.8));
    const jobs = allocate(rng, plan.jobs, jobWeights, 1, plan.jobsMin, plan.jobsMax);

    for (let i = 0; i < n; i++) {
      // Where.
      let target: Target;
      let precision: Support['precision'] = 'point';
      let naf = pick(rng, NAF[fund]);
      if (fund === 'ampa') {
        const commune = pickWeighted(rng, AMPA_COMMUNES);
        target = commune === MARSEILLE ? { kind: 'commune', commune, arrondissement: pick(rng, AMPA_MARSEILLE_ARR) } : { kind: 'commune', commune };
        if (rng() < (commune === MARSEILLE ? 0.35 : 0.15)) precision = commune === MARSEILLE ? 'arrondissement' : 'commune';
      } else if (fund === 'airbus') {
        target = { kind: 'commune', commune: pickWeighted(rng, AIRBUS_COMMUNES) };
        if (rng() < 0.12) precision = 'commune';
      } else {
        const r = rng();
        if (r < 0.55) target = { kind: 'qpv', qpv: pick(rng, marseilleQpv) };
        else if (r < 0.72) target = { kind: 'qpv', qpv: pick(rng, otherQpv) };
        else if (r < 0.9) {
          target = { kind: 'commune', commune: pickWeighted(rng, ruralCommunes) };
          naf = pick(rng, ADIE_RURAL_NAF);
          if (rng() < 0.25) precision = 'commune';
        } else {
          target = { kind: 'commune', commune: pick(rng, ADIE_URBAN_COMMUNES) };
          if (rng() < 0.4) precision = 'commune';
        }
      }
      const placed = place(rng, geo, target, precision);

      // Who.
      const w = WORDS[fund];
      const companyName = uniqueName(rng, usedNames, () =>
        w.before.length > 0 ? `${pick(rng, w.before)} ${inventedStem(rng)}` : `${inventedStem(rng)} ${pick(rng, w.after)}`,
      );
      const sizeBand: SizeBand =
        fund === 'adie' ? 'micro' : fund === 'ampa' ? (rng() < 0.6 ? 'micro' : 'pme') : pickWeighted(rng, [['pme', 8], ['micro', 1], ['eti', 1]] as const);

      // When, and jobs planned / achieved (jobsOf = jobs[i] exactly).
      const date = randomDate(rng, 2019, 2023);
      const year = Number(date.slice(0, 4));
      const j = jobs[i];
      let jobsPlanned: number | null;
      let jobsAchieved: number | null;
      if (year <= 2021 || (year === 2022 && rng() < 0.5)) {
        jobsAchieved = j;
        jobsPlanned = fund === 'adie' ? j : Math.max(1, j + int(rng, -3, 4));
      } else {
        jobsAchieved = null;
        jobsPlanned = j;
      }

      const address =
        placed.precision === 'point'
          ? `${int(rng, 1, 180)} ${pick(rng, STREETS)}, ${postcodeOf(geo, placed.communeCode, placed.arrondissementCode)} ${communeName(geo, placed.communeCode)}`
          : null;

      supports.push({
        id: '', // set after sorting
        companyName,
        siret: demoSiret(serial++),
        naf,
        sector: nafSection(naf),
        sizeBand,
        fund,
        amountEur: amounts[i],
        jobsPlanned,
        jobsAchieved,
        date,
        address,
        location: placed.location,
        precision: placed.precision,
        communeCode: placed.communeCode,
        arrondissementCode: placed.arrondissementCode,
        qpvCode: placed.qpvCode,
        qpvSource: placed.qpvCode ? placed.qpvSource : null,
        isMicroEntrepreneur: fund === 'adie',
      });
    }
  }

  // Stable order: by date, then SIRET; ids follow that order.
  supports.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.siret! < b.siret! ? -1 : 1));
  supports.forEach((s, i) => (s.id = `demo-${String(i + 1).padStart(3, '0')}`));
  assignDiffusion(supports, seed);
  addReviewColumns(supports, seed);

  // Layoffs.
  const layoffs: Layoff[] = [];
  let lserial = 900;
  for (const [code, events] of LAYOFF_PLAN) {
    for (let e = 0; e < events; e++) {
      const isArr = /^132\d\d$/.test(code);
      const placed = place(rng, geo, isArr ? { kind: 'commune', commune: MARSEILLE, arrondissement: code } : { kind: 'commune', commune: code }, 'point');
      const employer = uniqueName(rng, usedNames, () => `${inventedStem(rng)} ${pick(rng, LAYOFF_WORDS)}`);
      layoffs.push({
        id: '',
        employer,
        siret: demoSiret(lserial++),
        communeCode: placed.communeCode,
        arrondissementCode: placed.arrondissementCode,
        location: placed.location,
        precision: 'point',
        date: randomDate(rng, 2018, 2023),
        jobsCut: int(rng, 20, 400),
      });
    }
  }
  layoffs.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.siret! < b.siret! ? -1 : 1));
  layoffs.forEach((l, i) => (l.id = `demo-pse-${String(i + 1).padStart(2, '0')}`));

  const dataset: Dataset = { kind: 'demo', label: DEMO_LABEL, createdAt: DEMO_CREATED_AT, supports, layoffs };
  return { dataset, totals: computeTotals(dataset, seed, inputs.source), csv: supportsCsv(supports), layoffsCsv: layoffsCsv(layoffs) };
}

/** Seed offset of the review columns' own stream (co-financing, creation date). */
const REVIEW_STREAM = 0x5eed14;

/**
 * Optional columns of the annual review, drawn from their OWN stream (seed + REVIEW_STREAM), in
 * id order, after everything else: adding them changed no existing value. About one row in ten
 * leaves each unknown, so that « where known » shows.
 * - co-financing (bank loans, other funding): AMPA seed rounds 1–4 × the fund's amount, Airbus
 *   loans 0.5–3 ×, ADIE microcredits 0–1.5 × (often a prêt d'honneur, sometimes nothing);
 * - creation date: AMPA start-ups 0–4 years before the support, Airbus suppliers 3–40 years,
 *   ADIE micro-entrepreneurs 0–1 year (most create their business with the microcredit).
 */
function addReviewColumns(supports: Support[], seed: number): void {
  const rng = mulberry32((seed + REVIEW_STREAM) >>> 0);
  const ratio: Record<FundId, [number, number]> = { ampa: [1, 4], airbus: [0.5, 3], adie: [0, 1.5] };
  const ageYears: Record<FundId, [number, number]> = { ampa: [0, 4], airbus: [3, 40], adie: [0, 1] };
  for (const s of supports) {
    const [lo, hi] = ratio[s.fund];
    const step = s.fund === 'adie' ? 100 : 1000;
    const r = rng();
    s.cofinancingEur = rng() < 0.1 ? null : Math.round((s.amountEur * (lo + r * (hi - lo))) / step) * step;
    const [alo, ahi] = ageYears[s.fund];
    const unknown = rng() < 0.1;
    const age = int(rng, alo, ahi);
    const year = Number(s.date.slice(0, 4)) - age;
    const month = int(rng, 1, 12);
    const day = int(rng, 1, 28);
    let created = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (created > s.date) created = s.date; // never created after the support
    s.companyCreated = unknown ? null : created;
  }
}

export function computeTotals(dataset: Dataset, seed: number, source: string): DemoTotals {
  const byFund = Object.fromEntries(FUND_IDS.map((f) => [f, { companies: 0, jobs: 0, amountEur: 0 }])) as Record<FundId, FundTotals>;
  const precision = { point: 0, commune: 0, arrondissement: 0 };
  const years: Record<string, number> = {};
  let rowsInQpv = 0;
  let micro = 0;
  for (const s of dataset.supports) {
    const t = byFund[s.fund];
    t.companies++;
    t.jobs += jobsOf(s);
    t.amountEur += s.amountEur;
    precision[s.precision]++;
    if (s.qpvCode) rowsInQpv++;
    if (s.isMicroEntrepreneur) micro++;
    const y = s.date.slice(0, 4);
    years[y] = (years[y] ?? 0) + 1;
  }
  const sum = (k: keyof FundTotals) => FUND_IDS.reduce((a, f) => a + byFund[f][k], 0);
  return {
    seed,
    source,
    companies: sum('companies'),
    jobs: sum('jobs'),
    amountEur: sum('amountEur'),
    byFund,
    layoffs: {
      events: dataset.layoffs.length,
      jobsCut: dataset.layoffs.reduce((a, l) => a + l.jobsCut, 0),
      communes: [...new Set(dataset.layoffs.map((l) => l.communeCode))].sort(),
    },
    precision,
    rowsInQpv,
    microEntrepreneurs: micro,
    years,
  };
}

// ---------------------------------------------------------------------------------------------
// « Diffusion » (consent to individual publication)

/** Salt of the consent stream: a separate PRNG, so that adding it changed no other value. */
export const DIFFUSION_SALT = 0x0d1ff05e;
/** Share of the (non micro-entrepreneur) companies that agree to be published individually. */
export const DIFFUSION_SHARE = 0.55;

/**
 * Sets `publishable` on every support, in id order, from its own seeded stream: some companies
 * consent, some do not; a micro-entrepreneur never does (a natural person).
 */
export function assignDiffusion(supports: Support[], seed: number): void {
  const rng = mulberry32((seed ^ DIFFUSION_SALT) >>> 0);
  for (const s of supports) {
    const draw = rng(); // drawn for every row, so that one row's status never shifts the others
    s.publishable = !s.isMicroEntrepreneur && draw < DIFFUSION_SHARE;
  }
}

// ---------------------------------------------------------------------------------------------
// French-style CSV

export const SUPPORTS_CSV_HEADER = [
  'Raison sociale',
  'SIRET',
  'Code NAF',
  'Tranche',
  'Fonds',
  'Montant (€)',
  'Emplois prévus',
  'Emplois créés',
  'Date',
  'Adresse',
  'Code INSEE',
  'Longitude',
  'Latitude',
  'Micro-entrepreneur',
  'Diffusion',
  'Cofinancement (€)',
  'Date de création',
];

export const LAYOFFS_CSV_HEADER = ['Employeur', 'SIRET', 'Date', 'Postes supprimés', 'Code INSEE', 'Longitude', 'Latitude'];

const BOM = '\ufeff';

function cell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function frDecimal(x: number): string {
  return x.toFixed(6).replace('.', ',');
}

function frDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return BOM + [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}

/**
 * Supports as CSV. "Code INSEE" holds the arrondissement code (132xx) for Marseille rows
 * whose arrondissement is known, else the commune code. Longitude/Latitude (WGS84, decimal
 * comma) are empty for rows located only by commune or arrondissement.
 */
function supportsCsv(supports: Support[]): string {
  return toCsv(
    SUPPORTS_CSV_HEADER,
    supports.map((s) => {
      const hasPoint = s.precision === 'point';
      return [
        s.companyName,
        s.siret,
        s.naf,
        SIZE_BAND_SHORT_LABELS[s.sizeBand],
        fundById(s.fund).shortLabel,
        s.amountEur,
        s.jobsPlanned,
        s.jobsAchieved,
        frDate(s.date),
        s.address,
        s.arrondissementCode ?? s.communeCode,
        hasPoint ? frDecimal(s.location[0]) : null,
        hasPoint ? frDecimal(s.location[1]) : null,
        s.isMicroEntrepreneur ? 'oui' : 'non',
        s.publishable ? 'oui' : 'non',
        s.cofinancingEur ?? null,
        s.companyCreated ? frDate(s.companyCreated) : null,
      ];
    }),
  );
}

function layoffsCsv(layoffs: Layoff[]): string {
  return toCsv(
    LAYOFFS_CSV_HEADER,
    layoffs.map((l) => [l.employer, l.siret, frDate(l.date), l.jobsCut, l.arrondissementCode ?? l.communeCode, frDecimal(l.location[0]), frDecimal(l.location[1])]),
  );
}

// ---------------------------------------------------------------------------------------------
// Command line

export function writeDemo(out: DemoOutput, dir = resolve(ROOT, 'src/data')): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, 'demo-dataset.json'), JSON.stringify(out.dataset, null, 1) + '\n');
  writeFileSync(resolve(dir, 'demo-dataset.csv'), out.csv);
  writeFileSync(resolve(dir, 'demo-layoffs.csv'), out.layoffsCsv);
  writeFileSync(resolve(dir, 'demo-totals.json'), JSON.stringify(out.totals, null, 2) + '\n');
}

function main(): void {
  const inputs = loadDemoInputs();
  const out = generateDemo(inputs);
  writeDemo(out);
  const t = out.totals;
  const fmt = (n: number) => n.toLocaleString('fr-FR');
  console.log(`Données de démonstration (graine ${t.seed}, couches : ${t.source})`);
  console.log(`  Total : ${t.companies} entreprises, ${fmt(t.jobs)} emplois, ${fmt(t.amountEur)} €`);
  for (const f of FUND_IDS) {
    const b = t.byFund[f];
    console.log(`  ${fundById(f).shortLabel.padEnd(22)} ${String(b.companies).padStart(4)} entreprises ${String(b.jobs).padStart(5)} emplois ${fmt(b.amountEur).padStart(12)} €`);
  }
  console.log(`  Licenciements : ${t.layoffs.events} événements, ${fmt(t.layoffs.jobsCut)} postes supprimés`);
  console.log(`  Précision : ${JSON.stringify(t.precision)} ; lignes en QPV : ${t.rowsInQpv}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main();
}
