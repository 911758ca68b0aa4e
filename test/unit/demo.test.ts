import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEMO_GAP_COMMUNES,
  DEMO_NAME_SUFFIX,
  DEMO_SIREN_PREFIX,
  DEMO_TARGETS,
  LAYOFFS_CSV_HEADER,
  SUPPORTS_CSV_HEADER,
  computeTotals,
  generateDemo,
  loadDemoInputs,
  type DemoTotals,
} from '../../scripts/generate-demo.ts';
import { createTurfLocator } from '../../src/lib/analysis/locate-turf.ts';
import { isValidSiret } from '../../src/lib/domain/siret.ts';
import { jobsOf, type Dataset } from '../../src/lib/domain/types.ts';
import { nafSection } from '../../src/lib/domain/funds.ts';

const root = resolve(__dirname, '../..');
const read = (p: string) => readFileSync(resolve(root, p), 'utf8');
const committed = JSON.parse(read('src/data/demo-dataset.json')) as Dataset;
const committedTotals = JSON.parse(read('src/data/demo-totals.json')) as DemoTotals;
const inputs = loadDemoInputs(root);

describe('demo generator', () => {
  it('is deterministic: two runs in-process give identical output', () => {
    const a = generateDemo(inputs);
    const b = generateDemo(inputs);
    expect(JSON.stringify(b.dataset)).toBe(JSON.stringify(a.dataset));
    expect(b.csv).toBe(a.csv);
    expect(b.layoffsCsv).toBe(a.layoffsCsv);
    // A different seed gives different data but the same totals (hit by construction).
    const c = generateDemo(inputs, 7);
    expect(JSON.stringify(c.dataset)).not.toBe(JSON.stringify(a.dataset));
    expect(c.totals.amountEur).toBe(DEMO_TARGETS.amountEur);
    expect(a.totals.byFund).toEqual(committedTotals.byFund);
  }, 60_000);
});

describe('committed demo dataset (src/data)', () => {
  const s = committed.supports;

  it('is a demo Dataset with the official totals', () => {
    expect(committed.kind).toBe('demo');
    expect(committed.label).toBe('Données de démonstration');
    expect(s).toHaveLength(DEMO_TARGETS.companies);
    expect(s.reduce((a, x) => a + jobsOf(x), 0)).toBe(DEMO_TARGETS.jobs);
    expect(s.reduce((a, x) => a + x.amountEur, 0)).toBe(DEMO_TARGETS.amountEur);
    expect(committedTotals).toMatchObject({ companies: 170, jobs: 1100, amountEur: 1_325_000 });
    expect(computeTotals(committed, committedTotals.seed, committedTotals.source)).toEqual(committedTotals);
  });

  it('has checksum-valid, obviously fictitious SIRETs and unique fictitious names', () => {
    const sirets = [...s.map((x) => x.siret), ...committed.layoffs.map((l) => l.siret)];
    for (const siret of sirets) {
      expect(siret).not.toBeNull();
      expect(isValidSiret(siret!)).toBe(true);
      expect(siret!.startsWith(DEMO_SIREN_PREFIX)).toBe(true);
    }
    expect(new Set(sirets).size).toBe(sirets.length);
    const names = [...s.map((x) => x.companyName), ...committed.layoffs.map((l) => l.employer)];
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n.endsWith(DEMO_NAME_SUFFIX)).toBe(true);
    expect(new Set(s.map((x) => x.id)).size).toBe(s.length);
  });

  it('has plausible funds: AMPA large tickets, ADIE micro-entrepreneurs ≤ 12 000 €, 1–2 jobs', () => {
    for (const x of s) {
      expect(x.sector).toBe(nafSection(x.naf));
      expect(x.date >= '2019-01-01' && x.date <= '2023-12-31').toBe(true);
      if (x.fund === 'adie') {
        expect(x.isMicroEntrepreneur).toBe(true);
        expect(x.sizeBand).toBe('micro');
        expect(x.amountEur).toBeLessThanOrEqual(12_000);
        expect(jobsOf(x)).toBeGreaterThanOrEqual(1);
        expect(jobsOf(x)).toBeLessThanOrEqual(2);
      } else {
        expect(x.isMicroEntrepreneur).toBe(false);
      }
    }
    const avg = (f: string) => {
      const r = s.filter((x) => x.fund === f);
      return r.reduce((a, x) => a + x.amountEur, 0) / r.length;
    };
    expect(avg('ampa')).toBeGreaterThan(avg('airbus'));
    expect(avg('airbus')).toBeGreaterThan(avg('adie'));
    const adie = s.filter((x) => x.fund === 'adie');
    expect(adie.filter((x) => x.qpvCode).length / adie.length).toBeGreaterThan(0.5);
  });

  it('places every row in Bouches-du-Rhône, consistently with the reference locator', () => {
    const communeCodes = new Set(inputs.index.communes.map((c) => c.code));
    const locator = createTurfLocator(inputs.communes, inputs.arrondissements, inputs.qpv);
    for (const x of s) {
      expect(communeCodes.has(x.communeCode)).toBe(true);
      expect(x.location[0]).toBeGreaterThan(4.2);
      expect(x.location[0]).toBeLessThan(5.82);
      expect(x.location[1]).toBeGreaterThan(43.15);
      expect(x.location[1]).toBeLessThan(43.93);
      if (x.precision === 'point') {
        const l = locator.locate(x.location);
        expect(l).toEqual({ communeCode: x.communeCode, arrondissementCode: x.arrondissementCode, qpvCode: x.qpvCode, snapped: false });
        expect(x.qpvSource).toBe(x.qpvCode ? 'computed' : null);
      } else {
        expect(x.qpvCode).toBeNull();
        expect(x.qpvSource).toBeNull();
      }
      if (x.communeCode !== '13055') expect(x.arrondissementCode).toBeNull();
      if (x.precision === 'arrondissement') expect(x.arrondissementCode).toMatch(/^132(0[1-9]|1[0-6])$/);
    }
  });

  it('has 15–25 fictitious layoffs, some in communes that got nothing (gap analysis)', () => {
    const l = committed.layoffs;
    expect(l.length).toBeGreaterThanOrEqual(15);
    expect(l.length).toBeLessThanOrEqual(25);
    const communeCodes = new Set(inputs.index.communes.map((c) => c.code));
    for (const x of l) {
      expect(communeCodes.has(x.communeCode)).toBe(true);
      expect(x.jobsCut).toBeGreaterThanOrEqual(20);
      expect(x.jobsCut).toBeLessThanOrEqual(400);
    }
    const supported = new Set(s.map((x) => x.communeCode));
    const affectedWithout = [...new Set(l.map((x) => x.communeCode))].filter((c) => !supported.has(c));
    for (const c of DEMO_GAP_COMMUNES) expect(affectedWithout).toContain(c);
  });

  it('ships the same supports as a French-style CSV (BOM, ";", CRLF)', () => {
    const csv = read('src/data/demo-dataset.csv');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n').filter((x) => x !== '');
    expect(lines[0].split(';')).toEqual(SUPPORTS_CSV_HEADER);
    expect(lines).toHaveLength(s.length + 1);
    const rows = lines.slice(1).map((x) => x.split(';'));
    const col = (name: string) => SUPPORTS_CSV_HEADER.indexOf(name);
    expect(rows.reduce((a, r) => a + Number(r[col('Montant (€)')]), 0)).toBe(DEMO_TARGETS.amountEur);
    rows.forEach((r, i) => {
      expect(r).toHaveLength(SUPPORTS_CSV_HEADER.length);
      expect(r[col('SIRET')]).toBe(s[i].siret);
      expect(r[col('Date')]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    });
    const lcsv = read('src/data/demo-layoffs.csv');
    expect(lcsv.charCodeAt(0)).toBe(0xfeff);
    const llines = lcsv.slice(1).split('\r\n').filter((x) => x !== '');
    expect(llines[0].split(';')).toEqual(LAYOFFS_CSV_HEADER);
    expect(llines).toHaveLength(committed.layoffs.length + 1);
  });

  it('has a « Diffusion » column: some companies consent, some do not, micro-entrepreneurs never', () => {
    const yes = s.filter((x) => x.publishable === true);
    const no = s.filter((x) => x.publishable === false);
    expect(yes.length + no.length).toBe(s.length);
    expect(yes.length).toBeGreaterThan(5);
    expect(no.filter((x) => !x.isMicroEntrepreneur).length).toBeGreaterThan(5);
    expect(yes.some((x) => x.isMicroEntrepreneur)).toBe(false);
    const rows = read('src/data/demo-dataset.csv').slice(1).split('\r\n').filter((x) => x !== '').slice(1).map((x) => x.split(';'));
    const col = SUPPORTS_CSV_HEADER.indexOf('Diffusion');
    rows.forEach((r, i) => expect(r[col]).toBe(s[i].publishable ? 'oui' : 'non'));
  });
});

describe('demo review columns (own random stream)', () => {
  it('co-financing and creation date are mostly known, plausible, never after the support', () => {
    const s = committed.supports;
    const cof = s.filter((x) => x.cofinancingEur !== null && x.cofinancingEur !== undefined);
    const created = s.filter((x) => !!x.companyCreated);
    expect(cof.length).toBeGreaterThan(140);
    expect(cof.length).toBeLessThan(170);
    expect(created.length).toBeGreaterThan(140);
    expect(created.length).toBeLessThan(170);
    for (const x of cof) expect(x.cofinancingEur!).toBeGreaterThanOrEqual(0);
    for (const x of created) expect(x.companyCreated! <= x.date).toBe(true);
  });
});
