// The cells a publication shows and the equations between them ("parent = sum of its parts"),
// built from the supports of a dataset. Pure. Used by the secrecy rules (secrecy.ts) and by the
// exact audit (audit.ts): both see the same hierarchies, declared once here.
//
// Hierarchies (see shared notes on secondary secrecy):
//   département = Σ communes = Σ EPCI = Σ zones d'emploi = rural + urban = Σ funds = Σ years;
//   EPCI = Σ its communes; zone d'emploi = Σ its communes; rural = Σ rural communes (same for urban);
//   Marseille = Σ arrondissements + rows of Marseille without an arrondissement;
//   communes linked by their QPV = Σ those QPV + rows of those communes outside every QPV.
// A "remainder" is a cell that is never published but exists (Marseille rows without an
// arrondissement, rows outside the QPV): it is an unknown of the equation for an outsider, and
// when it holds 1 or 2 companies it is as sensitive as any primary-suppressed figure.

import { jobsOf, type FundId, type Support } from '../domain/types.ts';
import { FUND_IDS } from '../domain/funds.ts';
import { mayShowIndividually } from '../domain/privacy.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import { UNKNOWN_YEAR, type CellLevel, type Measure } from './types.ts';

const MARSEILLE = '13055';
const ARRONDISSEMENT_RE = /^132(0[1-9]|1[0-6])$/;

/** What one company contributes to one cell. */
export interface Contribution {
  jobs: number;
  amountEur: number;
  /** Jobs of its rows that are NOT published individually (what an outsider cannot see). */
  hiddenJobs: number;
  /** True when at least one of its rows in the cell is not published individually. */
  hidden: boolean;
}

export interface Cell {
  level: CellLevel | 'remainder';
  code: string;
  byCompany: Map<string, Contribution>;
}

/** Σ cells of `totals` = Σ cells of `parts` (indices into CellSet.cells). */
export interface Equation {
  name: string;
  totals: number[];
  parts: number[];
}

export interface CellSet {
  cells: Cell[];
  equations: Equation[];
  /** Index of a cell by `level:code`. */
  find(level: CellLevel | 'remainder', code: string): number | undefined;
}

/** A support is published individually when its company consented and is not a micro-entrepreneur (one rule: domain/privacy.ts). */
export const isPublishedIndividually: (s: Pick<Support, 'publishable' | 'isMicroEntrepreneur'>) => boolean = mayShowIndividually;

/** The company behind a row: its SIRET, else the row itself (same convention as aggregate()). */
export function companyKey(s: Pick<Support, 'siret' | 'id'>): string {
  return s.siret ?? `ligne:${s.id}`;
}

/** Year key of a support ('2021', or UNKNOWN_YEAR when the row has no date). */
export function yearKey(s: Pick<Support, 'date'>): string {
  return s.date && /^\d{4}/.test(s.date) ? s.date.slice(0, 4) : UNKNOWN_YEAR;
}

/** Commune (13055 for Marseille) and arrondissement of a row, as aggregate() reads them. */
export function placeOf(s: Pick<Support, 'communeCode' | 'arrondissementCode'>): { commune: string; arrondissement: string | null } {
  if (ARRONDISSEMENT_RE.test(s.communeCode)) return { commune: MARSEILLE, arrondissement: s.communeCode };
  return { commune: s.communeCode, arrondissement: s.communeCode === MARSEILLE ? (s.arrondissementCode ?? null) : null };
}

/** Value, number of contributors and largest contributor of a cell for one measure (what an outsider cannot see). */
export interface HiddenStats {
  count: number;
  total: number;
  largest: number;
}

/**
 * Hidden part of a set of cells for one measure: the union of their companies. For jobs, only
 * the rows not published individually count (published companies' jobs are known to everyone).
 */
export function hiddenStats(cells: readonly Cell[], measure: Measure): HiddenStats {
  const merged = new Map<string, number>();
  for (const c of cells) {
    for (const [k, v] of c.byCompany) {
      if (measure === 'jobs' && !v.hidden) continue;
      const x = measure === 'jobs' ? v.hiddenJobs : measure === 'amountEur' ? v.amountEur : 1;
      merged.set(k, (merged.get(k) ?? 0) + x);
    }
  }
  let total = 0;
  let largest = 0;
  for (const x of merged.values()) {
    total += x;
    if (x > largest) largest = x;
  }
  return measure === 'companies' ? { count: merged.size, total: 0, largest: 0 } : { count: merged.size, total, largest };
}

/** Published value of a cell for one measure (before rounding). */
export function cellValue(c: Cell, measure: Measure): number {
  if (measure === 'companies') return c.byCompany.size;
  let t = 0;
  for (const v of c.byCompany.values()) t += measure === 'jobs' ? v.jobs : v.amountEur;
  return t;
}

/** The supports that count in the département: their commune is one of the index. */
export function supportsInside<S extends Pick<Support, 'communeCode' | 'arrondissementCode'>>(supports: readonly S[], index: TerritoriesIndex): S[] {
  const codes = new Set(index.communes.map((c) => c.code));
  return supports.filter((s) => codes.has(placeOf(s).commune));
}

// Not split: one pass building every hierarchy's cells together (same rows, same keys).
export function buildCells(supports: readonly Support[], index: TerritoriesIndex): CellSet {
  const cells: Cell[] = [];
  const byKey = new Map<string, number>();
  const cell = (level: Cell['level'], code: string): number => {
    const key = `${level}:${code}`;
    let i = byKey.get(key);
    if (i === undefined) {
      i = cells.push({ level, code, byCompany: new Map() }) - 1;
      byKey.set(key, i);
    }
    return i;
  };
  const find = (level: Cell['level'], code: string) => byKey.get(`${level}:${code}`);

  // Every territory of the index gets its cell, with nothing when it got nothing (zero is published).
  const DEPT = cell('departement', 'departement');
  for (const e of index.epci) cell('epci', e.code);
  for (const z of index.zonesEmploi) cell('zonesEmploi', z.code);
  for (const c of index.communes) cell('communes', c.code);
  for (const a of index.arrondissements) cell('arrondissements', a.code);
  for (const q of index.qpv) cell('qpv', q.code);
  const RURAL = cell('rural', 'rural');
  const URBAN = cell('urban', 'urban');
  for (const f of FUND_IDS) cell('funds', f);

  // Communes linked by a QPV form one group (union-find on commune codes): a QPV's declared
  // communes, and the commune of any row placed in that QPV.
  const parent = new Map<string, string>();
  const root = (c: string): string => {
    let r = c;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  const join = (a: string, b: string) => {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = root(a);
    const rb = root(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  const qpvByCode = new Map(index.qpv.map((q) => [q.code, q]));
  for (const q of index.qpv) for (const c of q.communes) join(q.communes[0], c);
  for (const s of supports) {
    const q = s.qpvCode ? qpvByCode.get(s.qpvCode) : undefined;
    if (q) join(q.communes[0], placeOf(s).commune);
  }

  const communeInfo = new Map(index.communes.map((c) => [c.code, c]));
  const add = (i: number, key: string, s: Support) => {
    const jobs = jobsOf(s);
    const hidden = !isPublishedIndividually(s);
    const m = cells[i].byCompany;
    const prev = m.get(key);
    if (prev) {
      prev.jobs += jobs;
      prev.amountEur += s.amountEur;
      if (hidden) {
        prev.hiddenJobs += jobs;
        prev.hidden = true;
      }
    } else {
      m.set(key, { jobs, amountEur: s.amountEur, hiddenJobs: hidden ? jobs : 0, hidden });
    }
  };

  for (const s of supports) {
    const { commune, arrondissement } = placeOf(s);
    const info = communeInfo.get(commune);
    if (!info) continue; // outside the département: never counted inside
    const key = companyKey(s);
    add(DEPT, key, s);
    add(cell('communes', commune), key, s);
    add(cell('epci', info.epci), key, s);
    add(cell('zonesEmploi', info.ze), key, s);
    add(info.rural ? RURAL : URBAN, key, s);
    add(cell('funds', s.fund as FundId), key, s);
    add(cell('years', yearKey(s)), key, s);
    if (commune === MARSEILLE) {
      const a = arrondissement !== null ? find('arrondissements', arrondissement) : undefined;
      add(a ?? cell('remainder', 'marseille-sans-arrondissement'), key, s);
    }
    const q = s.qpvCode ? find('qpv', s.qpvCode) : undefined;
    if (q !== undefined) add(q, key, s);
    else if (parent.has(commune)) add(cell('remainder', `hors-qpv:${commune}`), key, s);
  }

  const codesWhere = <T extends { code: string }>(items: readonly T[], pred: (t: T) => boolean) =>
    items.filter(pred).map((t) => find('communes', t.code)!);
  const communeCells = index.communes.map((c) => find('communes', c.code)!);
  const equations: Equation[] = [
    { name: 'département = Σ communes', totals: [DEPT], parts: communeCells },
    { name: 'département = Σ EPCI', totals: [DEPT], parts: index.epci.map((e) => find('epci', e.code)!) },
    { name: 'département = Σ zones d’emploi', totals: [DEPT], parts: index.zonesEmploi.map((z) => find('zonesEmploi', z.code)!) },
    { name: 'département = rural + urbain', totals: [DEPT], parts: [RURAL, URBAN] },
    { name: 'rural = Σ communes rurales', totals: [RURAL], parts: codesWhere(index.communes, (c) => c.rural) },
    { name: 'urbain = Σ communes urbaines', totals: [URBAN], parts: codesWhere(index.communes, (c) => !c.rural) },
    { name: 'département = Σ fonds', totals: [DEPT], parts: FUND_IDS.map((f) => find('funds', f)!) },
    { name: 'département = Σ années', totals: [DEPT], parts: cells.flatMap((c, i) => (c.level === 'years' ? [i] : [])) },
  ];
  for (const e of index.epci) {
    equations.push({ name: `EPCI ${e.code} = Σ communes`, totals: [find('epci', e.code)!], parts: codesWhere(index.communes, (c) => c.epci === e.code) });
  }
  for (const z of index.zonesEmploi) {
    equations.push({ name: `ZE ${z.code} = Σ communes`, totals: [find('zonesEmploi', z.code)!], parts: codesWhere(index.communes, (c) => c.ze === z.code) });
  }
  if (find('communes', MARSEILLE) !== undefined && index.arrondissements.length > 0) {
    const parts = index.arrondissements.map((a) => find('arrondissements', a.code)!);
    const rest = find('remainder', 'marseille-sans-arrondissement');
    equations.push({ name: 'Marseille = Σ arrondissements', totals: [find('communes', MARSEILLE)!], parts: rest === undefined ? parts : [...parts, rest] });
  }
  // One equation per group of communes linked by QPV: Σ communes = Σ QPV + outside QPV.
  const groups = new Map<string, { communes: string[]; qpv: number[] }>();
  const groupOf = (c: string) => {
    const r = root(c);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = { communes: [], qpv: [] }));
    return g;
  };
  for (const c of index.communes) if (parent.has(c.code)) groupOf(c.code).communes.push(c.code);
  for (const q of index.qpv) groupOf(q.communes[0]).qpv.push(find('qpv', q.code)!);
  for (const g of groups.values()) {
    if (g.communes.length === 0) continue;
    const rests = g.communes.map((c) => find('remainder', `hors-qpv:${c}`)).filter((i): i is number => i !== undefined);
    equations.push({
      name: `QPV de ${g.communes.join(', ')}`,
      totals: g.communes.map((c) => find('communes', c)!),
      parts: [...g.qpv, ...rests],
    });
  }
  return { cells, equations, find };
}
