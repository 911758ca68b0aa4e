import { describe, expect, it } from 'vitest';
import { classify, classOf } from '../../src/lib/analysis/classify.ts';
import { PALETTES, paletteFor } from '../../src/lib/analysis/palettes.ts';

// PySAL's "calempdensity" example (58 values): mapclassify's Fisher_Jenks with k = 5 gives the
// upper bounds 75.29, 192.05, 370.5, 722.85, 4111.45.
const CAL = [329.92, 0.42, 5.9, 14.03, 2.78, 1.34, 181.27, 1.65, 10.03, 16.7, 1.32, 3.99, 3.16, 0.22, 8.7, 6.56, 3.27, 0.33, 370.5, 4.51, 75.29, 0.99, 2.74, 8.68, 0.14, 0.92, 12.63, 28.7, 12.02, 722.85, 36.68, 0.74, 29.82, 192.05, 3.38, 11.15, 110.74, 4111.45, 49.47, 10.33, 317.11, 20.47, 264.93, 66.26, 5.39, 0.13, 0.61, 50.65, 40.48, 36.67, 13.09, 1.81, 0.2, 7.6, 2.51, 57.26, 24.32, 6.97];

function ssdOf(values: number[], breaks: number[]): number {
  let total = 0;
  const groups = new Map<number, number[]>();
  for (const v of values) {
    const c = classOf(v, breaks);
    groups.set(c, [...(groups.get(c) ?? []), v]);
  }
  for (const g of groups.values()) {
    const m = g.reduce((a, b) => a + b, 0) / g.length;
    total += g.reduce((a, b) => a + (b - m) ** 2, 0);
  }
  return total;
}

/** Best SSD over every split of sorted values into k contiguous non-empty classes (brute force). */
function bruteForceSsd(sorted: number[], k: number): number {
  let best = Infinity;
  const rec = (start: number, left: number, acc: number) => {
    if (left === 1) {
      const g = sorted.slice(start);
      const m = g.reduce((a, b) => a + b, 0) / g.length;
      best = Math.min(best, acc + g.reduce((a, b) => a + (b - m) ** 2, 0));
      return;
    }
    for (let end = start + 1; end <= sorted.length - left + 1; end++) {
      const g = sorted.slice(start, end);
      if (end < sorted.length && sorted[end] === sorted[end - 1]) continue; // ties stay together
      const m = g.reduce((a, b) => a + b, 0) / g.length;
      rec(end, left - 1, acc + g.reduce((a, b) => a + (b - m) ** 2, 0));
    }
  };
  rec(0, k, 0);
  return best;
}

describe('classify', () => {
  it('Jenks: reproduces the textbook result on the calempdensity data', () => {
    expect(classify(CAL, 'jenks', 5)).toEqual([0.13, 75.29, 192.05, 370.5, 722.85, 4111.45]);
  });

  it('Jenks: is optimal (matches brute force) on small arrays', () => {
    const arrays = [
      [1, 2, 4, 5, 7, 9, 10, 20],
      [0, 0, 0, 1, 1, 5, 6, 6, 30, 31],
      [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5],
    ];
    for (const a of arrays) {
      const sorted = [...a].sort((x, y) => x - y);
      for (const k of [2, 3, 4]) {
        const b = classify(a, 'jenks', k);
        expect(b).toHaveLength(k + 1);
        expect(ssdOf(a, b)).toBeCloseTo(bruteForceSsd(sorted, k), 9);
      }
    }
    expect(classify([1, 2, 3, 10, 11, 12, 20, 21, 22], 'jenks', 3)).toEqual([1, 3, 12, 22]);
  });

  it('quantile: upper bounds are data values at rank ceil(i·n/k)', () => {
    expect(classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'quantile', 5)).toEqual([1, 2, 4, 6, 8, 10]);
    expect(classify([10, 1, 7, 4], 'quantile', 2)).toEqual([1, 4, 10]);
    expect(classify(CAL, 'quantile', 5)).toHaveLength(6);
  });

  it('equal: equal-width intervals', () => {
    expect(classify([0, 1, 5, 10], 'equal', 2)).toEqual([0, 5, 10]);
    expect(classify([0, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'equal', 5)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('ties: no duplicate inner break; a class of exactly the minimum is allowed', () => {
    const zeros = [0, 0, 0, 0, 0, 0, 0, 3, 8, 12, 40, 41];
    const q = classify(zeros, 'quantile', 4);
    expect(q[0]).toBe(0);
    for (let i = 2; i < q.length; i++) expect(q[i]).toBeGreaterThan(q[i - 1]);
    expect(q).toEqual([0, 0, 8, 41]);
    expect(classOf(0, q)).toBe(0);
    expect(classOf(3, q)).toBe(1);
    expect(classOf(41, q)).toBe(2);
  });

  it('k greater than the number of distinct values: one class per distinct value', () => {
    for (const m of ['quantile', 'equal', 'jenks'] as const) {
      expect(classify([0, 0, 5, 5, 9], m, 5)).toEqual([0, 0, 5, 9]);
      expect(classify([0, 10], m, 5)).toEqual([0, 0, 10]);
    }
  });

  it('degenerate inputs', () => {
    expect(classify([], 'jenks', 5)).toEqual([]);
    expect(classify([0, 0, 0], 'quantile', 5)).toEqual([0, 0]);
    expect(classify([7], 'equal', 3)).toEqual([7, 7]);
    expect(classify([Number.NaN, 1, 2, Infinity, 3], 'equal', 2)).toEqual([1, 2, 3]);
    expect(classify([1, 2, 3], 'jenks', 1)).toEqual([1, 3]);
    expect(classify([1, 2, 3], 'jenks', 0)).toEqual([1, 3]);
  });

  it('classOf', () => {
    const b = [0, 10, 20, 30];
    expect(classOf(0, b)).toBe(0);
    expect(classOf(10, b)).toBe(0);
    expect(classOf(10.5, b)).toBe(1);
    expect(classOf(30, b)).toBe(2);
    expect(classOf(-5, b)).toBe(0);
    expect(classOf(99, b)).toBe(2);
    expect(classOf(5, [])).toBe(-1);
    expect(classOf(5, [5, 5])).toBe(0);
    expect(classOf(Number.NaN, b)).toBe(-1);
  });
});

describe('palettes', () => {
  it('has k colours for k = 3 … 7, valid hex, light to dark', () => {
    for (const [, byK] of Object.entries(PALETTES)) {
      for (const k of [3, 4, 5, 6, 7] as const) {
        const p = byK[k];
        expect(p).toHaveLength(k);
        for (const c of p) expect(c).toMatch(/^#[0-9a-f]{6}$/);
      }
    }
    expect(paletteFor('blues', 2)).toEqual(['#9ecae1', '#3182bd']);
    expect(paletteFor('orRd', 9)).toHaveLength(7);
    expect(paletteFor('viridis', 0)).toEqual([]);
  });
});
