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

import { addReviewColumns } from './demo/review-columns.ts';
import { writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bbox as turfBbox, booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { jobsOf, type Dataset, type FundId, type Layoff, type LonLat, type SizeBand, type Support } from '../src/lib/domain/types.ts';
import { nafSection, fundById, FUND_IDS } from '../src/lib/domain/funds.ts';
import { isValidSiret } from '../src/lib/domain/siret.ts';
import { createTurfLocator, distanceToOutlineKm } from '../src/lib/analysis/locate-turf.ts';
import type { SpatialLocator } from '../src/lib/analysis/types.ts';
import type { AreaGeometry } from '../src/lib/geodata/types.ts';
// Split by concern: inputs (layers), random helpers, names, geography plans, CSV (scripts/demo/).
import { loadDemoInputs, ROOT, type DemoInputs, type IndexArr, type IndexCommune } from './demo/inputs.ts';
import { layoffsCsv, supportsCsv } from './demo/csv.ts';
import { allocate, int, mulberry32, pick, pickWeighted, round, type Rng } from './demo/random.ts';
import { LAYOFF_WORDS, WORDS, demoSiret, inventedStem, uniqueName } from './demo/names.ts';
import { ADIE_RURAL_NAF, ADIE_URBAN_COMMUNES, AIRBUS_COMMUNES, AMPA_COMMUNES, AMPA_MARSEILLE_ARR, DEMO_GAP_COMMUNES, LAYOFF_PLAN, NAF, STREETS } from './demo/plans.ts';

export { loadDemoInputs, type DemoInputs } from './demo/inputs.ts';
export { LAYOFFS_CSV_HEADER, SUPPORTS_CSV_HEADER } from './demo/csv.ts';

export const DEMO_SEED = 20230401;
export { DEMO_NAME_SUFFIX, DEMO_SIREN_PREFIX } from './demo/names.ts';
export { DEMO_GAP_COMMUNES } from './demo/plans.ts';
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

// Not split: the order of the random draws defines the dataset (tests pin its values); one
// function keeps that order visible.
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
