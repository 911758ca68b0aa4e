// Statistical secrecy applied to the data itself: from the supports of a dataset, the tables a
// publication may contain, with every figure that would disclose a company suppressed (null).
// Pure. The rules (domain/privacy.ts: 3 companies, 85 % dominance) decide for each figure; this
// module adds what makes them hold across tables:
// - primary: each cell and each measure (companies, jobs, amounts checked separately);
// - remainder: a cell's jobs minus the companies published individually inside it must not
//   reveal fewer than 3 (or one dominant) unpublished companies ('residuel');
// - secondary: in every equation of cells.ts, suppressed figures are never alone and, together,
//   pass the primary rules; complements are the smallest figures (least loss), children before
//   totals; then the exact audit (audit.ts) adds suppressions until no sensitive figure can be
//   derived by any combination of subtractions.

import { primaryVerdict } from '../domain/privacy.ts';
import type { Support } from '../domain/types.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import { derivableCells } from './audit.ts';
import { buildCells, cellValue, hiddenStats, supportsInside, type Cell, type CellSet, type Equation } from './cells.ts';
import {
  MEASURES,
  type CellLevel,
  type Measure,
  type ProtectedTables,
  type PublishedFigures,
  type Suppression,
  type SuppressionReason,
} from './types.ts';

type Verdict = Exclude<SuppressionReason, 'secondaire'> | null;

/** Primary verdict of one cell for one measure, remainder rule included. */
function primaryOf(c: Cell, measure: Measure): Verdict {
  if (measure === 'jobs') {
    let total = 0;
    let largest = 0;
    for (const v of c.byCompany.values()) {
      total += v.jobs;
      if (v.jobs > largest) largest = v.jobs;
    }
    const own = primaryVerdict(c.byCompany.size, total, largest);
    if (own) return own;
    const hidden = hiddenStats([c], 'jobs');
    // Only companies published individually make the hidden part differ from the whole.
    if (hidden.count < c.byCompany.size && primaryVerdict(hidden.count, hidden.total, hidden.largest)) return 'residuel';
    return null;
  }
  const all = hiddenStats([c], measure);
  return primaryVerdict(all.count, all.total, all.largest);
}

/** State of one measure while suppressing: which cells are unknown to an outsider, and why. */
class MeasurePattern {
  readonly unknown: boolean[];
  readonly sensitive: boolean[];
  readonly reason: (SuppressionReason | null)[];

  constructor(
    private readonly set: CellSet,
    private readonly measure: Measure,
  ) {
    const n = set.cells.length;
    this.unknown = new Array(n).fill(false);
    this.sensitive = new Array(n).fill(false);
    this.reason = new Array(n).fill(null);
    set.cells.forEach((c, i) => {
      const v = primaryOf(c, measure);
      if (c.level === 'remainder') {
        // Never published; an unknown unless empty (then everyone knows it is 0).
        this.unknown[i] = c.byCompany.size > 0;
        this.sensitive[i] = v !== null;
      } else if (v) {
        this.unknown[i] = this.sensitive[i] = true;
        this.reason[i] = v;
      }
    });
  }

  /** A figure that must not be derivable: any suppressed figure, and sensitive remainders. */
  mustHide(i: number): boolean {
    return this.sensitive[i] || (this.unknown[i] && this.set.cells[i].level !== 'remainder');
  }

  private suppress(i: number) {
    this.unknown[i] = true;
    this.reason[i] = 'secondaire';
  }

  /** Does this equation protect its sensitive unknowns? */
  private protects(e: Equation): boolean {
    const totals = e.totals.filter((i) => this.unknown[i]);
    const parts = e.parts.filter((i) => this.unknown[i]);
    const u = [...totals, ...parts];
    // Every suppressed figure must stay unknown (a secret that anyone can recompute is no secret),
    // a non-sensitive remainder alone excepted.
    if (!u.some((i) => this.mustHide(i))) return true;
    if (u.length < 2) return false;
    if (totals.length > 0 && parts.length > 0) return true; // a difference of unknowns: the audit checks chains
    if (!u.some((i) => this.sensitive[i])) return true;
    // Σ of the unknowns is known: together they must pass the primary rules.
    const h = hiddenStats(u.map((i) => this.set.cells[i]), this.measure);
    return primaryVerdict(h.count, h.total, h.largest) === null;
  }

  /** Published cells of `candidates` that may serve as complements, the least costly first. */
  private ranked(candidates: readonly number[]): number[] {
    const ok = [...new Set(candidates)].filter((i) => {
      const c = this.set.cells[i];
      return !this.unknown[i] && c.level !== 'remainder' && c.byCompany.size > 0;
    });
    // Cost: the level first (a detailed territory loses less than a total), then a complement
    // worth 0 last (an outsider bounds the secret by the total), then the value, then the count.
    const key = (i: number): number[] => {
      const c = this.set.cells[i];
      const v = cellValue(c, this.measure);
      return [LEVEL_COST[c.level as CellLevel], v > 0 ? 0 : 1, v, c.byCompany.size];
    };
    const keys = new Map(ok.map((i) => [i, key(i)]));
    return ok.sort((a, b) => {
      const ka = keys.get(a)!;
      const kb = keys.get(b)!;
      for (let k = 0; k < ka.length; k++) if (ka[k] !== kb[k]) return ka[k] - kb[k];
      return a - b;
    });
  }

  /** The published cell of `candidates` whose suppression loses least, or undefined. */
  private cheapest(candidates: readonly number[]): number | undefined {
    return this.ranked(candidates)[0];
  }

  /** Heuristic pass: equations whose suppressed figures stand alone get one more. */
  secondary() {
    for (let changed = true; changed; ) {
      changed = false;
      for (const e of this.set.equations) {
        if (this.protects(e)) continue;
        const pick = this.cheapest(e.parts) ?? this.cheapest(e.totals);
        if (pick === undefined) continue;
        this.suppress(pick);
        changed = true;
      }
    }
  }

  /**
   * A published figure to suppress next, for the first leak: among the figures sharing an
   * equation with it, the least costly one whose suppression stops that leak, else the least
   * costly one (progress; the loop goes on).
   */
  private complementFor(leak: number): number | undefined {
    const eqs = this.set.equations.filter((e) => e.totals.includes(leak) || e.parts.includes(leak));
    const candidates = this.ranked(eqs.flatMap((e) => [...e.parts, ...e.totals]));
    for (const c of candidates.slice(0, 40)) {
      this.unknown[c] = true;
      const stops = derivableCells(this.set.equations, (i) => this.unknown[i], [leak]).length === 0;
      this.unknown[c] = false;
      if (stops) return c;
    }
    return candidates[0];
  }

  /** Exact pass: while a figure that must stay hidden can be derived, suppress one more. */
  audit() {
    for (;;) {
      const hide = this.unknown.flatMap((_, i) => (this.mustHide(i) ? [i] : []));
      const leaks = derivableCells(this.set.equations, (i) => this.unknown[i], hide);
      if (leaks.length === 0) return;
      const pick = this.complementFor(leaks[0]);
      // Nothing published is left around the leak: cannot happen, a derivation needs published figures.
      if (pick === undefined) return;
      this.suppress(pick);
    }
  }
}

/** Cost of suppressing a figure of each level: detailed territories first, the département last. */
const LEVEL_COST: Record<CellLevel, number> = {
  qpv: 0,
  arrondissements: 0,
  communes: 1,
  zonesEmploi: 2,
  epci: 2,
  years: 3,
  funds: 3,
  rural: 4,
  urban: 4,
  departement: 5,
};

const round2 = (x: number) => Math.round(x * 100) / 100;

function figures(c: Cell, patterns: Record<Measure, MeasurePattern>, i: number): PublishedFigures {
  return {
    companies: patterns.companies.unknown[i] ? null : cellValue(c, 'companies'),
    jobs: patterns.jobs.unknown[i] ? null : cellValue(c, 'jobs'),
    amountEur: patterns.amountEur.unknown[i] ? null : round2(cellValue(c, 'amountEur')),
  };
}

/** Patterns of the three measures after primary, secondary and exact-audit suppression. */
function protectCells(set: CellSet): Record<Measure, MeasurePattern> {
  const out = {} as Record<Measure, MeasurePattern>;
  for (const m of MEASURES) {
    const p = new MeasurePattern(set, m);
    p.secondary();
    p.audit();
    out[m] = p;
  }
  return out;
}

/**
 * Tables as they may be published: every territory, fund and year, each measure null where
 * suppressed, and the list of suppressions with their reasons. Rows outside the département are
 * ignored. Companies published individually are those with `publishable` and not
 * micro-entrepreneurs (publish.ts lists them).
 */
export function protectTables(supports: readonly Support[], index: TerritoriesIndex): ProtectedTables {
  const set = buildCells(supportsInside(supports, index), index);
  const patterns = protectCells(set);
  const out: ProtectedTables = {
    departement: { companies: 0, jobs: 0, amountEur: 0 },
    epci: {},
    zonesEmploi: {},
    communes: {},
    arrondissements: {},
    qpv: {},
    rural: { companies: 0, jobs: 0, amountEur: 0 },
    urban: { companies: 0, jobs: 0, amountEur: 0 },
    funds: {} as ProtectedTables['funds'],
    years: {},
    suppressions: [],
  };
  set.cells.forEach((c, i) => {
    if (c.level === 'remainder') return;
    const f = figures(c, patterns, i);
    const level = c.level as CellLevel;
    if (level === 'departement' || level === 'rural' || level === 'urban') out[level] = f;
    else (out[level] as Record<string, PublishedFigures>)[c.code] = f;
    for (const m of MEASURES) {
      const reason = patterns[m].reason[i];
      if (reason) out.suppressions.push({ level, code: c.code, measure: m, reason });
    }
  });
  return out;
}

/** A figure an outsider could compute although it is secret (empty = the tables are safe). */
export interface Leak {
  level: CellLevel | 'remainder';
  code: string;
  measure: Measure;
}

/**
 * Independent check of published tables: recomputes from the supports which figures are
 * sensitive (primary rules, remainders) and tries every combination of subtractions the
 * hierarchies allow (rank test) on them and on every suppressed figure. Also reports a sensitive
 * figure that was published outright.
 */
export function auditTables(supports: readonly Support[], index: TerritoriesIndex, tables: ProtectedTables): Leak[] {
  const set = buildCells(supportsInside(supports, index), index);
  const leaks: Leak[] = [];
  const published = (c: Cell, m: Measure): boolean => {
    if (c.level === 'remainder') return c.byCompany.size === 0;
    const level = c.level as CellLevel;
    const f = level === 'departement' || level === 'rural' || level === 'urban' ? tables[level] : (tables[level] as Record<string, PublishedFigures | null>)[c.code];
    return f != null && f[m] !== null;
  };
  for (const m of MEASURES) {
    // Figures that must stay unknown: every figure of a cell the rules make secret, and every
    // figure the tables suppress (a suppression anyone can undo protects nothing).
    const hide: number[] = [];
    set.cells.forEach((c, i) => {
      const secret = primaryOf(c, m) !== null;
      if (secret && published(c, m)) leaks.push({ level: c.level, code: c.code, measure: m });
      else if (secret || !published(c, m)) hide.push(i);
    });
    const unknown = (k: number) => !published(set.cells[k], m);
    for (const i of derivableCells(set.equations, unknown, hide.filter((k) => set.cells[k].level !== 'remainder' || primaryOf(set.cells[k], m) !== null))) {
      leaks.push({ level: set.cells[i].level, code: set.cells[i].code, measure: m });
    }
  }
  return leaks;
}
