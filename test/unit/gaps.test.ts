import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/lib/analysis/aggregate.ts';
import {
  BIVARIATE_PALETTE,
  bivariate,
  bivariateLegend,
  buildGapRows,
  needIndicatorsFor,
  NEED_INDICATORS,
  sortRows,
  terciles,
  whiteZones,
  type GapRow,
} from '../../src/lib/analysis/gaps.ts';
import type { Dataset, Layoff, Support } from '../../src/lib/domain/types.ts';
import type { TerritoriesIndex } from '../../src/lib/geodata/types.ts';
import { DEMO_GAP_COMMUNES } from '../../scripts/generate-demo.ts';
import { supportFixture } from '../fixtures/support.ts';
import { communeEntry } from '../fixtures/commune-entry.ts';

// ---------------------------------------------------------------------------------------------
// Hand-computed fixture

const commune = (code: string, population: number, rural: boolean, epci: string, ze: string, revenuMedian: number | null, partMinimaSociaux: number | null, qpvCount: number) =>
  communeEntry(code, population, rural, epci, ze, { revenuMedian, partMinimaSociaux, qpvCount });

const box = { labelPoint: [5, 43] as [number, number], bbox: [5, 43, 5, 43] as [number, number, number, number] };
const index: TerritoriesIndex = {
  communes: [
    commune('C1', 10_000, false, 'E1', 'Z1', 20_000, 6, 1),
    commune('C2', 30_000, false, 'E1', 'Z1', 18_000, 8, 2),
    commune('C3', 2_000, true, 'E1', 'Z2', 24_000, 2, 0),
    commune('C4', 1_000, true, 'E2', 'Z2', 22_000, 3, 0),
    commune('C5', 5_000, false, 'E2', 'Z2', 26_000, null, 0),
    commune('C6', 2_000, false, 'E2', 'Z1', null, 4, 0),
  ],
  arrondissements: [],
  epci: [
    { code: 'E1', nom: 'Epci un', population: 42_000 },
    { code: 'E2', nom: 'Epci deux', population: 8_000 },
  ],
  zonesEmploi: [
    { code: 'Z1', nom: 'Zone un', tauxChomage: 10, trimestre: '2025-T4' },
    { code: 'Z2', nom: 'Zone deux', tauxChomage: 6, trimestre: '2025-T4' },
  ],
  qpv: [
    { code: 'Q1', nom: 'Quartier un', communes: ['C1'], ...box },
    { code: 'Q2', nom: 'Quartier deux', communes: ['C2'], ...box },
    { code: 'Q3', nom: 'Quartier trois', communes: ['C2'], ...box },
  ],
  departement: { code: '13', nom: 'Bouches-du-Rhône', population: 50_000, bbox: [5, 43, 5, 43] },
};

const base: Support = supportFixture();
const A = '99999001400013';
const supports: Support[] = [
  { ...base, id: 's1', siret: A, communeCode: 'C1', jobsAchieved: 10, amountEur: 100_000, qpvCode: 'Q1', qpvSource: 'computed' },
  { ...base, id: 's2', siret: A, communeCode: 'C1', jobsAchieved: 5, amountEur: 50_000 },
  { ...base, id: 's3', communeCode: 'C2', jobsAchieved: 2, amountEur: 10_000 },
  { ...base, id: 's4', communeCode: 'C5', jobsAchieved: 20, amountEur: 200_000 },
  { ...base, id: 's5', communeCode: 'C5', jobsPlanned: 1, amountEur: 5_000 },
  { ...base, id: 's6', communeCode: 'C6', jobsAchieved: 3, amountEur: 30_000 },
];
const layoff = (id: string, communeCode: string, jobsCut: number): Layoff => ({
  id,
  employer: id,
  siret: null,
  communeCode,
  location: [5, 43],
  precision: 'point',
  date: '2019-01-01',
  jobsCut,
});
const layoffs = [layoff('l1', 'C1', 100), layoff('l2', 'C3', 50), layoff('l3', 'C4', 30), layoff('l4', 'C2', 10)];
const agg = aggregate(supports, layoffs, index);
const byCode = (rows: GapRow[]) => Object.fromEntries(rows.map((r) => [r.code, r]));

describe('buildGapRows (hand-computed fixture)', () => {
  it('commune rows: figures, needs, supports', () => {
    const rows = buildGapRows('commune', agg, index);
    expect(rows.map((r) => r.code)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6']);
    const r = byCode(rows);
    expect(r.C1.figures).toMatchObject({ companies: 1, jobs: 15, amountEur: 150_000, jobsCut: 100 });
    expect(r.C1.need).toEqual({ jobsCut: 100, unemployment: 10, socialMinima: 6, lowIncome: 20_000, qpvCount: 1, rural: 0 });
    expect(r.C3.need).toMatchObject({ jobsCut: 50, unemployment: 6, rural: 1 });
    expect(r.C1.support).toEqual({ jobs: 15, companies: 1, amountEur: 150_000, jobsPer1000: 1.5, amountPerInhabitant: 15 });
    expect(r.C3.support).toEqual({ jobs: 0, companies: 0, amountEur: 0, jobsPer1000: 0, amountPerInhabitant: 0 });
    expect(r.C1.population).toBe(10_000);
    expect(r.C1.context).toBe('E1');
  });

  it('EPCI rows: population-weighted means, distinct QPVs, rural population share', () => {
    const r = byCode(buildGapRows('epci', agg, index));
    expect(r.E1.population).toBe(42_000);
    expect(r.E1.communes).toEqual(['C1', 'C2', 'C3']);
    expect(r.E1.figures).toMatchObject({ companies: 2, jobs: 17, jobsCut: 160 });
    expect(r.E1.need.unemployment).toBeCloseTo(412_000 / 42_000, 10);
    expect(r.E1.need.socialMinima).toBeCloseTo(304_000 / 42_000, 10);
    expect(r.E1.need.lowIncome).toBeCloseTo(788_000_000 / 42_000, 6);
    expect(r.E1.need.qpvCount).toBe(3);
    expect(r.E1.need.rural).toBeCloseTo(2_000 / 42_000, 10);
    // Null values are left out of the weights.
    expect(r.E2.need.unemployment).toBeCloseTo(7, 10);
    expect(r.E2.need.socialMinima).toBeCloseTo(11_000 / 3_000, 10);
    expect(r.E2.need.lowIncome).toBeCloseTo(152_000_000 / 6_000, 6);
    expect(r.E2.need.rural).toBeCloseTo(0.125, 10);
    expect(r.E2.support.amountPerInhabitant).toBeCloseTo(235_000 / 8_000, 10);
  });

  it('zone d’emploi rows: own unemployment rate', () => {
    const r = byCode(buildGapRows('ze', agg, index));
    expect(r.Z1.need.unemployment).toBe(10);
    expect(r.Z2.need.unemployment).toBe(6);
    expect(r.Z1.population).toBe(42_000);
    expect(r.Z2.figures.jobsCut).toBe(80);
  });

  it('QPV rows: values of their commune, no per-inhabitant support', () => {
    const r = byCode(buildGapRows('qpv', agg, index));
    expect(r.Q1.need).toEqual({ jobsCut: 100, unemployment: 10, socialMinima: 6, lowIncome: 20_000, qpvCount: null, rural: null });
    expect(r.Q1.figures).toMatchObject({ companies: 1, jobs: 10 });
    expect(r.Q1.support.jobsPer1000).toBeNull();
    expect(r.Q1.support.amountPerInhabitant).toBeNull();
    expect(r.Q2.context).toBe('C2');
    expect(r.Q2.need.jobsCut).toBe(10);
    expect(r.Q2.figures.companies).toBe(0);
  });

  it('lists the need indicators available at each level', () => {
    expect(needIndicatorsFor('qpv').map((i) => i.id)).toEqual(['jobsCut', 'unemployment', 'socialMinima', 'lowIncome']);
    expect(needIndicatorsFor('commune')).toHaveLength(NEED_INDICATORS.length);
    expect(NEED_INDICATORS.find((i) => i.id === 'lowIncome')?.direction).toBe('lower');
  });
});

describe('terciles', () => {
  it('splits evenly spread values into thirds', () => {
    expect(terciles([0, 1, 2, 3, 4, 5, 6, 7, 8], true)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
  });
  it('keeps zeros alone in class 0 when they fill a third or more, and splits the rest at the median', () => {
    expect(terciles([0, 0, 10, 30, 50, 100], true)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(terciles([0, 0, 0, 0, 0, 7], true)).toEqual([0, 0, 0, 0, 0, 2]);
    expect(terciles([0, 0, 0], true)).toEqual([0, 0, 0]);
  });
  it('never splits ties', () => {
    // classify() gives {1}, (1, 5], (5, 6]: 3 distinct values, one class each.
    expect(terciles([1, 1, 1, 1, 5, 6], false)).toEqual([0, 0, 0, 0, 1, 2]);
    // Only two classes survive the ties ({1}, (1, 7]): they become the lowest and the highest.
    expect(terciles([1, 1, 1, 1, 1, 1, 5, 6, 7], false)).toEqual([0, 0, 0, 0, 0, 0, 2, 2, 2]);
    expect(terciles([4, 4, 4], false)).toEqual([1, 1, 1]);
  });
  it('leaves nulls without a class', () => {
    expect(terciles([null, 3, null], false)).toEqual([null, 1, null]);
    expect(terciles([], true)).toEqual([]);
  });
});

describe('bivariate', () => {
  const rows = buildGapRows('commune', agg, index);

  it('classes need (jobs cut) × support (jobs) by terciles, zeros lowest', () => {
    const b = bivariate(rows, 'jobsCut', 'jobs');
    const cls = (code: string) => {
      const c = b.classes.get(code)!;
      return [c.needClass, c.supportClass];
    };
    // need: 0,0 → 0; positives 10,30 | 50,100. support: 0,0 → 0; positives 2,3 | 15,21.
    expect(cls('C1')).toEqual([2, 2]);
    expect(cls('C2')).toEqual([1, 1]);
    expect(cls('C3')).toEqual([2, 0]);
    expect(cls('C4')).toEqual([1, 0]);
    expect(cls('C5')).toEqual([0, 2]);
    expect(cls('C6')).toEqual([0, 1]);
    expect(b.classes.get('C3')!.color).toBe(BIVARIATE_PALETTE[2][0]);
    expect(b.missing).toEqual([]);
    expect(b.counts.flat().reduce((s, n) => s + n, 0)).toBe(6);
    expect(b.needRanges).toEqual([
      [0, 0],
      [10, 30],
      [50, 100],
    ]);
    expect(b.supportRanges[2]).toEqual([15, 21]);
  });

  it('reads LOW income as HIGH need; a null value leaves the row out', () => {
    const b = bivariate(rows, 'lowIncome', 'jobs');
    // scores -26000 (C5), -24000 (C3) | -22000 (C4), -20000 (C1) | -18000 (C2)
    expect(b.classes.get('C2')!.needClass).toBe(2);
    expect(b.classes.get('C1')!.needClass).toBe(1);
    expect(b.classes.get('C4')!.needClass).toBe(1);
    expect(b.classes.get('C5')!.needClass).toBe(0);
    expect(b.classes.get('C3')!.needClass).toBe(0);
    expect(b.missing).toEqual(['C6']);
    expect(b.needRanges[2]).toEqual([18_000, 18_000]);
  });

  it('builds the 3 × 3 legend, need upwards and support rightwards', () => {
    const legend = bivariateLegend(bivariate(rows, 'jobsCut', 'jobs'));
    expect(legend.yLabel).toBe('Besoin →');
    expect(legend.xLabel).toBe('Soutien →');
    expect(legend.grid).toHaveLength(3);
    expect(legend.grid[0].map((c) => c.color)).toEqual([...BIVARIATE_PALETTE[2]]);
    expect(legend.grid[2][0]).toMatchObject({ needClass: 0, supportClass: 0, color: BIVARIATE_PALETTE[0][0] });
    expect(legend.grid[0][0].label).toBe('Besoin élevé, soutien faible (1 territoire)');
  });
});

describe('whiteZones', () => {
  const rows = buildGapRows('commune', agg, index);

  it('lists affected communes without support, neediest first, with coverage and reason', () => {
    const z = whiteZones(rows, 'jobsCut');
    expect(z.map((w) => w.code)).toEqual(['C3', 'C4']);
    expect(z[0]).toMatchObject({ affected: true, coverage: 0, needValue: 50, supportClass: 0, reason: 'Touchée par des licenciements, aucun soutien' });
  });

  it('sorts by need direction (low income first) and flags little support', () => {
    const z = whiteZones(rows, 'lowIncome');
    expect(z.map((w) => w.code)).toEqual(['C4', 'C3']);
    // Give C3 one small support: zeros no longer fill a third, C3 (1 job) shares the lowest
    // support class with C4 (none).
    const altered = rows.map((r) =>
      r.code === 'C3' ? { ...r, figures: { ...r.figures, companies: 1, jobs: 1 }, support: { ...r.support, jobs: 1, companies: 1 } } : r,
    );
    const z2 = whiteZones(altered, 'jobsCut');
    expect(z2.map((w) => w.code)).toEqual(['C3', 'C4']);
    expect(z2[0]).toMatchObject({ reason: 'Touchée par des licenciements, soutien faible', coverage: 0.02, supportClass: 0 });
    expect(z2[1].reason).toBe('Touchée par des licenciements, aucun soutien');
    // With zeros filling a third of the rows, "little support" is exactly "no support".
    expect(whiteZones(rows, 'jobsCut', 'jobsPer1000').map((w) => w.code)).toEqual(['C3', 'C4']);
  });

  it('includes high-need territories that were not hit by layoffs', () => {
    // Need = social minima: C2 (8 %) is top tercile; give it no support and no layoff.
    const altered = rows.map((r) => (r.code === 'C2' ? { ...r, need: { ...r.need, jobsCut: 0 }, figures: { ...r.figures, companies: 0, jobs: 0 }, support: { ...r.support, jobs: 0 } } : r));
    const z = whiteZones(altered, 'socialMinima');
    expect(z.find((w) => w.code === 'C2')).toMatchObject({ affected: false, coverage: null, reason: 'Besoin élevé, aucun soutien' });
  });
});

describe('sortRows', () => {
  const rows = buildGapRows('commune', agg, index);
  it('sorts by any column, nulls last, ties by name', () => {
    expect(sortRows(rows, 'figures.jobs', 'desc').map((r) => r.code)).toEqual(['C5', 'C1', 'C6', 'C2', 'C3', 'C4']);
    expect(sortRows(rows, 'need.lowIncome', 'asc').map((r) => r.code)).toEqual(['C2', 'C1', 'C4', 'C3', 'C5', 'C6']);
    expect(sortRows(rows, 'need.lowIncome', 'desc').map((r) => r.code)).toEqual(['C5', 'C3', 'C4', 'C1', 'C2', 'C6']);
    expect(sortRows(rows, 'name', 'desc').map((r) => r.code)).toEqual(['C6', 'C5', 'C4', 'C3', 'C2', 'C1']);
    expect(sortRows(rows, 'support.amountPerInhabitant', 'desc')[0].code).toBe('C5');
    expect(rows.map((r) => r.code)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6']); // input untouched
  });
});

// ---------------------------------------------------------------------------------------------
// Palette: distinguishable under the three dichromacies

// Machado, Oliveira & Fernandes (2009), severity 1.0, applied in linear RGB.
const CVD: Record<string, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
};
const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
function simulatedLab(hex: string, m: number[][]): [number, number, number] {
  const rgb = [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16) / 255));
  const [r, g, b] = m.map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])));
  const X = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const Y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const Z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(Y) - 16, 500 * (f(X) - f(Y)), 200 * (f(Y) - f(Z))];
}
/** CIEDE2000 colour difference. */
function deltaE2000([L1, a1, b1]: number[], [L2, a2, b2]: number[]): number {
  const rad = Math.PI / 180;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cm = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)));
  const a1p = a1 * (1 + G);
  const a2p = a2 * (1 + G);
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hue = (x: number, y: number) => {
    if (x === 0 && y === 0) return 0;
    const t = Math.atan2(y, x) / rad;
    return t < 0 ? t + 360 : t;
  };
  const h1 = hue(a1p, b1);
  const h2 = hue(a2p, b2);
  let dh = 0;
  if (C1p * C2p !== 0) {
    dh = h2 - h1;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dL = L2 - L1;
  const dC = C2p - C1p;
  const dH = 2 * Math.sqrt(C1p * C2p) * Math.sin((dh / 2) * rad);
  const Lm = (L1 + L2) / 2;
  const Cmp = (C1p + C2p) / 2;
  let hm = h1 + h2;
  if (C1p * C2p !== 0) hm = Math.abs(h1 - h2) > 180 ? (h1 + h2 + 360) / 2 : (h1 + h2) / 2;
  const T = 1 - 0.17 * Math.cos((hm - 30) * rad) + 0.24 * Math.cos(2 * hm * rad) + 0.32 * Math.cos((3 * hm + 6) * rad) - 0.2 * Math.cos((4 * hm - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hm - 275) / 25) ** 2));
  const Rc = 2 * Math.sqrt(Cmp ** 7 / (Cmp ** 7 + 25 ** 7));
  const Sl = 1 + (0.015 * (Lm - 50) ** 2) / Math.sqrt(20 + (Lm - 50) ** 2);
  const Sc = 1 + 0.045 * Cmp;
  const Sh = 1 + 0.015 * Cmp * T;
  const Rt = -Math.sin(2 * dTheta * rad) * Rc;
  return Math.sqrt((dL / Sl) ** 2 + (dC / Sc) ** 2 + (dH / Sh) ** 2 + Rt * (dC / Sc) * (dH / Sh));
}

describe('bivariate palette', () => {
  it('has 9 distinct #rrggbb colours', () => {
    const flat = BIVARIATE_PALETTE.flat();
    expect(flat).toHaveLength(9);
    expect(new Set(flat).size).toBe(9);
    for (const c of flat) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('keeps every pair at least ΔE2000 10 apart with normal vision and the three dichromacies', () => {
    const flat = BIVARIATE_PALETTE.flat();
    for (const [name, m] of Object.entries(CVD)) {
      let min = Infinity;
      for (let i = 0; i < 9; i++) for (let j = i + 1; j < 9; j++) min = Math.min(min, deltaE2000(simulatedLab(flat[i], m), simulatedLab(flat[j], m)));
      expect(min, name).toBeGreaterThanOrEqual(10);
    }
  });

  it('gets darker along both axes (order readable without hue)', () => {
    const L = (hex: string) => simulatedLab(hex, CVD.normal)[0];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 2; j++) {
        expect(L(BIVARIATE_PALETTE[i][j + 1])).toBeLessThan(L(BIVARIATE_PALETTE[i][j]));
        expect(L(BIVARIATE_PALETTE[j + 1][i])).toBeLessThan(L(BIVARIATE_PALETTE[j][i]));
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Real data: which communes hit by layoffs received no support?

describe('gap analysis on the demo data', () => {
  const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');
  const realIndex = JSON.parse(read('public/data/territoires.json')) as TerritoriesIndex;
  const demo = JSON.parse(read('src/data/demo-dataset.json')) as Dataset;
  const realAgg = aggregate(demo.supports, demo.layoffs, realIndex);

  it('finds the four communes the generator left without support among the zones blanches', () => {
    expect(DEMO_GAP_COMMUNES).toEqual(['13077', '13108', '13078', '13041']);
    const rows = buildGapRows('commune', realAgg, realIndex);
    expect(rows).toHaveLength(realIndex.communes.length);
    const zones = whiteZones(rows, 'jobsCut');
    for (const code of DEMO_GAP_COMMUNES) {
      const z = zones.find((w) => w.code === code);
      expect(z, code).toBeDefined();
      expect(z!.reason).toContain('aucun soutien');
      expect(z!.reason).toBe('Touchée par des licenciements, aucun soutien');
      expect(z!.coverage).toBe(0);
      expect(z!.row.figures.companies).toBe(0);
    }
    // Affected communes that did receive support are not listed with "aucun soutien".
    for (const z of zones) if (z.reason.includes('aucun soutien')) expect(z.row.figures.companies).toBe(0);
    // Sorted by jobs cut, descending.
    const cuts = zones.map((z) => z.needValue ?? 0);
    expect([...cuts].sort((a, b) => b - a)).toEqual(cuts);
  });

  it('computes every level without error and keeps the totals', () => {
    for (const level of ['commune', 'epci', 'ze', 'qpv'] as const) {
      const rows = buildGapRows(level, realAgg, realIndex);
      expect(rows.length).toBeGreaterThan(0);
      for (const need of needIndicatorsFor(level)) {
        const b = bivariate(rows, need.id, 'jobs');
        expect(b.classes.size + b.missing.length).toBe(rows.length);
      }
    }
    const epciJobs = buildGapRows('epci', realAgg, realIndex).reduce((s, r) => s + r.figures.jobs, 0);
    expect(epciJobs).toBe(realAgg.totals.jobs);
  });

  it('can split Marseille into its arrondissements', () => {
    const rows = buildGapRows('commune', realAgg, realIndex, { splitMarseille: true });
    expect(rows.find((r) => r.code === '13055')).toBeUndefined();
    const arr = rows.filter((r) => /^132\d\d$/.test(r.code));
    expect(arr).toHaveLength(16);
    expect(arr[0].need.lowIncome).toBe(realIndex.arrondissements[0].revenuMedian);
    expect(arr[0].context).toBe('Marseille');
  });
});
