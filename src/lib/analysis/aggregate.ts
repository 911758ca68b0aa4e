// Aggregation of a dataset over every territory level. Pure group-by on the codes already
// stored on each row: no geometry here (locating is the SpatialLocator's job).
//
// Conventions:
// - `companies` counts distinct companies: rows sharing a SIRET count once; rows without a
//   SIRET count once each (keyed by their id).
// - `jobs` uses jobsOf() (achieved, else planned, else 0).
// - Every territory of the index appears, with zeros when it got nothing (gap analysis).
//   Codes absent from the index (e.g. a commune outside 13) still count in `totals` but in no
//   territory.
// - Marseille: a row's commune is 13055; its arrondissement comes from `arrondissementCode`.
//   A communeCode written as an arrondissement code (132xx) is read as 13055 + that
//   arrondissement (layoff files often do this).
// - EPCI and zone d'emploi come from the commune's attributes in the index; rural/urban from
//   `commune.rural`.
// - A layoff counts in its commune, its arrondissement (when known), its EPCI, its zone
//   d'emploi and rural/urban, never in a QPV (layoffs carry no QPV).
// - Populations: commune, arrondissement and EPCI from the index; zone d'emploi = sum of its
//   communes of the index (its dept-13 part); QPV = null (unknown); rural/urban = sum of
//   communes. `jobsPer1000` is null when the population is null or 0; `eurPerJob` is null when
//   there is no job.
// - Shares (0–1) are computed over the whole dataset given (0 when the dataset is empty). The
//   QPV population share is null (QPV population unknown); the rural population share is the
//   rural communes' population over all communes of the index.

import { jobsOf, type Layoff, type Support } from '../domain/types.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import type { AggregationResult, TerritoryFigures } from './types.ts';

const MARSEILLE = '13055';
const ARRONDISSEMENT_RE = /^132(0[1-9]|1[0-6])$/;

// Implementation: every territory gets an integer slot; per-slot figures live in typed arrays.
// Commune codes are resolved once per distinct code into a precomputed list of slots (commune,
// EPCI, zone d'emploi, rural/urban) — no per-row objects, regex or Map lookups beyond the
// commune / arrondissement / QPV / company-key ones. Sums are added in row order per slot (the
// same floating-point results as a per-territory loop). Distinct companies are counted in a
// second pass over rows grouped by company (counting sort), with one "last company" stamp per
// slot instead of a Set of keys per territory.

/** Resolved territories of one commune code as written on a row. */
interface CodeEntry {
  /** Slots of the commune, its EPCI, its zone d'emploi and rural/urban (those that exist). */
  slots: Int32Array;
  /** The code means Marseille: the row's arrondissement counts. */
  marseille: boolean;
  /** Arrondissement implied by the code itself (132xx written as a commune code), else null. */
  impliedArr: string | null;
}

const NO_ENTRY: CodeEntry = { slots: new Int32Array(0), marseille: false, impliedArr: null };

// Not split (233 lines): one pass over typed arrays, kept whole for speed (see the bench);
// checked JSON-equal against bench/aggregate-reference.ts by test/unit/aggregate-reference.test.ts.
export function aggregate(supports: readonly Support[], layoffs: readonly Layoff[], index: TerritoriesIndex): AggregationResult {
  // ---- Slots (Map semantics of a per-code table: first occurrence keeps its place, the last
  //      occurrence's attributes win).
  const population: (number | null)[] = [];
  const newSlot = (pop: number | null) => (population.push(pop), population.length - 1);
  const slotTable = <T extends { code: string }>(items: readonly T[], pop: (item: T) => number | null): Map<string, number> => {
    const m = new Map<string, number>();
    for (const it of items) {
      const s = m.get(it.code);
      if (s === undefined) m.set(it.code, newSlot(pop(it)));
      else population[s] = pop(it);
    }
    return m;
  };
  const communeInfo = new Map(index.communes.map((c) => [c.code, c]));
  const communeSlot = slotTable(index.communes, (c) => c.population);
  const arrSlot = slotTable(index.arrondissements, (a) => a.population);
  const qpvSlot = slotTable(index.qpv, () => null);
  const epciSlot = slotTable(index.epci, (e) => e.population);
  const zePop = new Map<string, number>();
  for (const c of index.communes) zePop.set(c.ze, (zePop.get(c.ze) ?? 0) + c.population);
  const zeSlot = slotTable(index.zonesEmploi, (z) => zePop.get(z.code) ?? null);

  let ruralPop = 0;
  let urbanPop = 0;
  for (const c of index.communes) {
    if (c.rural) ruralPop += c.population;
    else urbanPop += c.population;
  }
  const RURAL = newSlot(ruralPop);
  const URBAN = newSlot(urbanPop);
  const TOTAL = newSlot(null);
  const IN_QPV = newSlot(null);
  const nSlots = population.length;

  const jobs = new Float64Array(nSlots);
  const amount = new Float64Array(nSlots);
  const jobsCut = new Float64Array(nSlots);
  const layoffCount = new Float64Array(nSlots);
  const companies = new Float64Array(nSlots);

  // ---- Commune code → entry, computed once per distinct code.
  const entries = new Map<string, CodeEntry>();
  const entryOf = (code: string): CodeEntry => {
    let e = entries.get(code);
    if (e !== undefined) return e;
    let commune = code;
    let impliedArr: string | null = null;
    if (ARRONDISSEMENT_RE.test(code)) {
      impliedArr = code;
      commune = MARSEILLE;
    }
    const slots: number[] = [];
    const c = communeSlot.get(commune);
    if (c !== undefined) slots.push(c);
    const info = communeInfo.get(commune);
    if (info) {
      const ep = epciSlot.get(info.epci);
      if (ep !== undefined) slots.push(ep);
      const z = zeSlot.get(info.ze);
      if (z !== undefined) slots.push(z);
      slots.push(info.rural ? RURAL : URBAN);
    }
    e = { slots: Int32Array.from(slots), marseille: commune === MARSEILLE, impliedArr };
    entries.set(code, e);
    return e;
  };
  /** Arrondissement slot of a row (-1 when none), given its entry. */
  const arrOf = (e: CodeEntry, arrondissementCode: string | null | undefined): number => {
    if (!e.marseille) return -1;
    const arr = arrondissementCode ?? e.impliedArr;
    if (!arr) return -1;
    const a = arrSlot.get(arr);
    return a === undefined ? -1 : a;
  };

  // ---- Supports, pass 1: sums in row order; per row, what pass 2 needs.
  const n = supports.length;
  const rowCompany = new Int32Array(n);
  const rowArr = new Int32Array(n);
  /** -1: no QPV; -2: a QPV code absent from the index (counts in IN_QPV only); else its slot. */
  const rowQpv = new Int32Array(n);
  const rowEntry: CodeEntry[] = new Array(n);
  const bySiret = new Map<string, number>();
  const byId = new Map<string, number>();
  let nCompanies = 0;
  for (let i = 0; i < n; i++) {
    const s = supports[i];
    // Company key: SIRET when given, else the row id (two key spaces, as "siret:…" / "id:…").
    let company: number | undefined;
    if (s.siret) {
      company = bySiret.get(s.siret);
      if (company === undefined) bySiret.set(s.siret, (company = nCompanies++));
    } else {
      company = byId.get(s.id);
      if (company === undefined) byId.set(s.id, (company = nCompanies++));
    }
    rowCompany[i] = company;
    const j = jobsOf(s);
    const a = s.amountEur;
    jobs[TOTAL] += j;
    amount[TOTAL] += a;
    const e = s.communeCode ? entryOf(s.communeCode) : NO_ENTRY;
    rowEntry[i] = e;
    const slots = e.slots;
    // Order of the reference: commune, arrondissement, EPCI, ZE, rural/urban — per slot the
    // order of rows is what matters, and it is the row order here.
    for (let k = 0; k < slots.length; k++) {
      jobs[slots[k]] += j;
      amount[slots[k]] += a;
    }
    const ar = arrOf(e, s.arrondissementCode);
    rowArr[i] = ar;
    if (ar >= 0) {
      jobs[ar] += j;
      amount[ar] += a;
    }
    let q = -1;
    if (s.qpvCode) {
      jobs[IN_QPV] += j;
      amount[IN_QPV] += a;
      const qs = qpvSlot.get(s.qpvCode);
      if (qs !== undefined) {
        q = qs;
        jobs[qs] += j;
        amount[qs] += a;
      } else q = -2;
    }
    rowQpv[i] = q;
  }

  // ---- Supports, pass 2: distinct companies per slot. Rows grouped by company (stable
  //      counting sort), then one stamp per slot: the last company counted there.
  if (n > 0) {
    const start = new Int32Array(nCompanies + 1);
    for (let i = 0; i < n; i++) start[rowCompany[i] + 1]++;
    for (let c = 0; c < nCompanies; c++) start[c + 1] += start[c];
    const order = new Int32Array(n);
    const fill = start.slice(0, nCompanies);
    for (let i = 0; i < n; i++) order[fill[rowCompany[i]]++] = i;
    const stamp = new Int32Array(nSlots).fill(-1);
    const mark = (slot: number, c: number) => {
      if (stamp[slot] !== c) {
        stamp[slot] = c;
        companies[slot]++;
      }
    };
    for (let c = 0; c < nCompanies; c++) {
      companies[TOTAL]++;
      for (let k = start[c]; k < start[c + 1]; k++) {
        const i = order[k];
        const slots = rowEntry[i].slots;
        for (let t = 0; t < slots.length; t++) mark(slots[t], c);
        if (rowArr[i] >= 0) mark(rowArr[i], c);
        const q = rowQpv[i];
        if (q !== -1) {
          mark(IN_QPV, c);
          if (q >= 0) mark(q, c);
        }
      }
    }
  }

  // ---- Layoffs.
  for (const l of layoffs) {
    const cut = l.jobsCut;
    jobsCut[TOTAL] += cut;
    layoffCount[TOTAL] += 1;
    const e = l.communeCode ? entryOf(l.communeCode) : NO_ENTRY;
    const slots = e.slots;
    for (let k = 0; k < slots.length; k++) {
      jobsCut[slots[k]] += cut;
      layoffCount[slots[k]] += 1;
    }
    const ar = arrOf(e, l.arrondissementCode);
    if (ar >= 0) {
      jobsCut[ar] += cut;
      layoffCount[ar] += 1;
    }
  }

  // ---- Figures.
  const figures = (slot: number): TerritoryFigures => {
    const pop = population[slot];
    const jb = jobs[slot];
    const am = amount[slot];
    return {
      companies: companies[slot],
      jobs: jb,
      amountEur: am,
      population: pop,
      jobsPer1000: pop !== null && pop > 0 ? (jb / pop) * 1000 : null,
      eurPerJob: jb > 0 ? am / jb : null,
      jobsCut: jobsCut[slot],
      layoffs: layoffCount[slot],
    };
  };
  const toRecord = (m: Map<string, number>): Record<string, TerritoryFigures> => {
    const out: Record<string, TerritoryFigures> = {};
    for (const [code, slot] of m) out[code] = figures(slot);
    return out;
  };
  const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

  const t = figures(TOTAL);
  const r = figures(RURAL);
  const q = figures(IN_QPV);

  return {
    totals: { companies: t.companies, jobs: t.jobs, amountEur: t.amountEur, jobsCut: t.jobsCut, layoffs: t.layoffs },
    byCommune: toRecord(communeSlot),
    byArrondissement: toRecord(arrSlot),
    byQpv: toRecord(qpvSlot),
    byEpci: toRecord(epciSlot),
    byZoneEmploi: toRecord(zeSlot),
    rural: r,
    urban: figures(URBAN),
    shares: {
      qpv: {
        companies: share(q.companies, t.companies),
        jobs: share(q.jobs, t.jobs),
        amountEur: share(q.amountEur, t.amountEur),
        population: null,
      },
      rural: {
        companies: share(r.companies, t.companies),
        jobs: share(r.jobs, t.jobs),
        amountEur: share(r.amountEur, t.amountEur),
        population: share(ruralPop, ruralPop + urbanPop),
      },
    },
  };
}
