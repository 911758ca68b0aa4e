// Exact audit of a suppression pattern: can an outsider recover a sensitive figure from the
// published ones? Every equation of cells.ts is a linear relation; published values move to the
// right-hand side, suppressed cells (and non-empty remainders) are the unknowns. A sensitive
// unknown is exactly derivable when its unit vector lies in the row space of that system (the
// rank test of the shared secrecy notes). Pure; used by protectTables as its final guard and by
// the tests on randomized datasets.

import type { Equation } from './cells.ts';

/** Row-reduced basis of the equations restricted to the unknown cells. */
class RowSpace {
  private rows: Map<number, number>[] = [];
  private pivots: number[] = [];

  constructor(equations: readonly Equation[], unknown: (cell: number) => boolean) {
    for (const e of equations) {
      const row = new Map<number, number>();
      for (const c of e.totals) if (unknown(c)) row.set(c, (row.get(c) ?? 0) + 1);
      for (const c of e.parts) if (unknown(c)) row.set(c, (row.get(c) ?? 0) - 1);
      this.insert(row);
    }
  }

  /** Reduces `row` against the basis; returns what is left (empty when in the span). */
  reduce(row: Map<number, number>): Map<number, number> {
    const r = new Map(row);
    for (let k = 0; k < this.rows.length; k++) {
      const p = this.pivots[k];
      const f = r.get(p);
      if (f === undefined || Math.abs(f) < 1e-9) continue;
      for (const [c, v] of this.rows[k]) {
        const nv = (r.get(c) ?? 0) - f * v;
        if (Math.abs(nv) < 1e-9) r.delete(c);
        else r.set(c, nv);
      }
    }
    for (const [c, v] of r) if (Math.abs(v) < 1e-9) r.delete(c);
    return r;
  }

  private insert(row: Map<number, number>) {
    const r = this.reduce(row);
    if (r.size === 0) return;
    const [p, pv] = [...r.entries()].reduce((a, b) => (Math.abs(b[1]) > Math.abs(a[1]) ? b : a));
    for (const [c, v] of r) r.set(c, v / pv);
    // Keep the basis fully reduced: eliminate the new pivot from the earlier rows.
    for (const other of this.rows) {
      const f = other.get(p);
      if (f === undefined) continue;
      for (const [c, v] of r) {
        const nv = (other.get(c) ?? 0) - f * v;
        if (Math.abs(nv) < 1e-9) other.delete(c);
        else other.set(c, nv);
      }
    }
    this.rows.push(r);
    this.pivots.push(p);
  }

  /** True when the value of `cell` follows from the equations. */
  determines(cell: number): boolean {
    return this.reduce(new Map([[cell, 1]])).size === 0;
  }
}

/**
 * The sensitive cells whose value an outsider can compute exactly from the published cells.
 * `unknown(c)`: the cell's value is not published (suppressed, or a non-empty remainder).
 */
export function derivableCells(equations: readonly Equation[], unknown: (cell: number) => boolean, sensitive: readonly number[]): number[] {
  const space = new RowSpace(equations, unknown);
  return sensitive.filter((c) => unknown(c) && space.determines(c));
}
