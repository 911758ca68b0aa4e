// Statistical secrecy applied to the data: primary rules (3 companies, 85 % dominance), the
// remainder after companies published individually, complementary suppression, and an auditor
// that tries every subtraction on randomized datasets.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOMINANCE_SHARE, primaryVerdict } from '../../src/lib/domain/privacy.ts';
import type { FundId, Support } from '../../src/lib/domain/types.ts';
import type { TerritoriesIndex } from '../../src/lib/geodata/types.ts';
import { auditTables, protectTables } from '../../src/lib/publication/secrecy.ts';
import type { ProtectedTables, PublishedFigures } from '../../src/lib/publication/types.ts';
import { supportFixture } from '../fixtures/support.ts';

const index = JSON.parse(readFileSync('public/data/territoires.json', 'utf8')) as TerritoriesIndex;

let n = 0;
function company(communeCode: string, jobs: number, amountEur: number, over: Partial<Support> = {}): Support {
  n++;
  return supportFixture({ id: `r${n}`, companyName: `Entreprise ${n}`, siret: null, communeCode, jobsAchieved: jobs, amountEur, ...over });
}

describe('primary rules (domain/privacy)', () => {
  it('frequency: 1 or 2 companies are secret, 0 and 3 are not', () => {
    expect(primaryVerdict(0)).toBeNull();
    expect(primaryVerdict(1)).toBe('frequence');
    expect(primaryVerdict(2)).toBe('frequence');
    expect(primaryVerdict(3)).toBeNull();
  });
  it('dominance: one company above 85 % of the figure', () => {
    expect(DOMINANCE_SHARE).toBe(0.85);
    expect(primaryVerdict(3, 100, 85)).toBeNull();
    expect(primaryVerdict(3, 100, 85.01)).toBe('dominance');
    expect(primaryVerdict(5, 0, 0)).toBeNull();
  });
});

describe('protectTables', () => {
  it('suppresses a commune with fewer than 3 companies, and enough around it', () => {
    // Fontvieille (13038, CC VBA, ZE 0052) has 2 companies; Mouriès (13065) and Paradou (13068) have 3 each.
    const rows = [
      company('13038', 5, 10000),
      company('13038', 4, 12000),
      ...[1, 2, 3].map(() => company('13065', 3, 20000)),
      ...[1, 2, 3].map(() => company('13068', 6, 30000)),
    ];
    const t = protectTables(rows, index);
    expect(t.communes['13038']).toEqual({ companies: null, jobs: null, amountEur: null });
    expect(t.suppressions).toContainEqual({ level: 'communes', code: '13038', measure: 'jobs', reason: 'frequence' });
    // The EPCI total is published, so one more commune of the EPCI is suppressed: the smaller, Mouriès.
    expect(t.epci['241300375']).toEqual({ companies: 8, jobs: 36, amountEur: 172000 });
    expect(t.communes['13065'].jobs).toBeNull();
    expect(t.suppressions).toContainEqual({ level: 'communes', code: '13065', measure: 'jobs', reason: 'secondaire' });
    expect(t.communes['13068'].jobs).toBe(18);
    expect(auditTables(rows, index, t)).toEqual([]);
  });

  it('applies dominance to jobs and amounts separately', () => {
    const rows = [company('13004', 90, 1000), company('13004', 5, 1000), company('13004', 5, 1000)];
    const t = protectTables(rows, index);
    expect(t.suppressions).toContainEqual({ level: 'communes', code: '13004', measure: 'jobs', reason: 'dominance' });
    expect(t.suppressions.some((s) => s.code === '13004' && s.level === 'communes' && s.measure === 'amountEur' && s.reason !== 'secondaire')).toBe(false);
    expect(t.communes['13004'].companies).toBe(3);
    expect(auditTables(rows, index, t)).toEqual([]);
  });

  it('suppresses jobs whose remainder after published companies would reveal an unpublished company', () => {
    const rows = [
      company('13004', 4, 1000, { publishable: true }),
      company('13004', 4, 1000, { publishable: true }),
      company('13004', 4, 1000, { publishable: true }),
      company('13004', 7, 1000),
      ...[1, 2, 3].map(() => company('13097', 2, 1000)),
    ];
    const t = protectTables(rows, index);
    expect(t.suppressions).toContainEqual({ level: 'communes', code: '13004', measure: 'jobs', reason: 'residuel' });
    expect(t.communes['13004'].companies).toBe(4);
    expect(auditTables(rows, index, t)).toEqual([]);
  });

  it('never publishes a micro-entrepreneur as a published cell, even when it consents', () => {
    const rows = [1, 2, 3, 4].map(() => company('13004', 1, 1000, { publishable: true, isMicroEntrepreneur: true }));
    const t = protectTables(rows, index);
    expect(t.communes['13004'].jobs).toBe(4); // 4 hidden companies: nothing published individually, nothing residual
  });

  it('protects the Marseille rows without an arrondissement (a remainder of 1 company)', () => {
    const rows = [
      ...[1, 2, 3].map(() => company('13055', 2, 1000, { arrondissementCode: '13201' })),
      ...[1, 2, 3].map(() => company('13055', 3, 1000, { arrondissementCode: '13202' })),
      company('13055', 9, 5000, { arrondissementCode: null }),
    ];
    const t = protectTables(rows, index);
    const marseille = t.communes['13055'];
    const arr = ['13201', '13202'].map((c) => t.arrondissements[c]);
    // Marseille − Σ arrondissements must not give the 9 jobs of the company without arrondissement.
    expect(marseille.jobs === null || arr.some((a) => a.jobs === null)).toBe(true);
    expect(auditTables(rows, index, t)).toEqual([]);
  });

  it('protects the part of a commune outside its QPV', () => {
    // Arles: 4 companies, 3 of them in one QPV: Arles − QPV would give the 4th.
    const rows = [
      ...[1, 2, 3].map(() => company('13004', 2, 1000, { qpvCode: 'QN01309M' })),
      company('13004', 5, 3000),
      ...[1, 2, 3].map(() => company('13097', 2, 1000)),
    ];
    const t = protectTables(rows, index);
    expect(t.communes['13004'].jobs === null || t.qpv['QN01309M'].jobs === null).toBe(true);
    expect(auditTables(rows, index, t)).toEqual([]);
  });

  it('ignores rows outside the département', () => {
    const rows = [1, 2, 3].map(() => company('05127', 3, 1000));
    const t = protectTables(rows, index);
    expect(t.departement).toEqual({ companies: 0, jobs: 0, amountEur: 0 });
  });
});

// ---- Randomized datasets and an auditor that tries every subtraction.

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMUNES = ['13004', '13038', '13065', '13068', '13100', '13001', '13005', '13047', '13056', '13097', '13012', '13109', '13055', '13055', '13055', '13070'];
const FUNDS: FundId[] = ['ampa', 'airbus', 'adie'];

function randomDataset(seed: number): Support[] {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const rows: Support[] = [];
  const count = 15 + Math.floor(r() * 80);
  for (let i = 0; i < count; i++) {
    const commune = pick(COMMUNES);
    const qpvs = index.qpv.filter((q) => q.communes.includes(commune));
    const arr = commune === '13055' && r() < 0.85 ? pick(index.arrondissements).code : null;
    rows.push(
      supportFixture({
        id: `s${seed}-${i}`,
        companyName: `E${seed}-${i}`,
        // A few companies have two rows (same SIRET).
        siret: r() < 0.1 && i > 0 ? `9999900000${String(seed % 10)}${String(i - 1).padStart(3, '0')}`.slice(0, 14) : null,
        communeCode: commune,
        arrondissementCode: arr,
        qpvCode: qpvs.length > 0 && r() < 0.4 ? pick(qpvs).code : null,
        fund: pick(FUNDS),
        date: r() < 0.1 ? '' : `${2019 + Math.floor(r() * 5)}-03-01`,
        jobsAchieved: r() < 0.05 ? 150 + Math.floor(r() * 100) : Math.floor(r() * 12),
        amountEur: r() < 0.05 ? 500000 : 5000 + Math.floor(r() * 60000),
        publishable: r() < 0.3,
        isMicroEntrepreneur: r() < 0.2,
      }),
    );
  }
  return rows;
}

/** Tables as flat cells: every equation a visitor can read off the site, written independently of the engine. */
function naiveEquations(t: ProtectedTables): { name: string; total: PublishedFigures; parts: PublishedFigures[] }[] {
  const communesOf = (pred: (c: TerritoriesIndex['communes'][number]) => boolean) => index.communes.filter(pred).map((c) => t.communes[c.code]);
  return [
    { name: 'dept/communes', total: t.departement, parts: communesOf(() => true) },
    { name: 'dept/epci', total: t.departement, parts: Object.values(t.epci) },
    { name: 'dept/ze', total: t.departement, parts: Object.values(t.zonesEmploi) },
    { name: 'dept/rural', total: t.departement, parts: [t.rural, t.urban] },
    { name: 'dept/funds', total: t.departement, parts: Object.values(t.funds) },
    { name: 'dept/years', total: t.departement, parts: Object.values(t.years) },
    ...index.epci.map((e) => ({ name: `epci ${e.code}`, total: t.epci[e.code], parts: communesOf((c) => c.epci === e.code) })),
    ...index.zonesEmploi.map((z) => ({ name: `ze ${z.code}`, total: t.zonesEmploi[z.code], parts: communesOf((c) => c.ze === z.code) })),
  ];
}

describe('auditor on randomized datasets', () => {
  it('finds no derivable secret figure, by any subtraction, in 40 random datasets', () => {
    let suppressed = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rows = randomDataset(seed);
      const t = protectTables(rows, index);
      suppressed += t.suppressions.length;
      // Exact rank test over every hierarchy (engine-independent sensitivity, recomputed from the rows).
      expect(auditTables(rows, index, t), `seed ${seed}`).toEqual([]);
      // Plain subtraction, written here without the engine: no equation has exactly one hidden figure.
      for (const e of naiveEquations(t)) {
        for (const m of ['companies', 'jobs', 'amountEur'] as const) {
          const hidden = [e.total, ...e.parts].filter((f) => f[m] === null).length;
          expect(hidden === 1, `seed ${seed}, ${e.name}, ${m}`).toBe(false);
        }
      }
      // Totals add up where everything is published.
      const parts = Object.values(t.epci);
      if ([t.departement, ...parts].every((f) => f.jobs !== null)) {
        expect(parts.reduce((a, f) => a + f.jobs!, 0)).toBe(t.departement.jobs);
      }
    }
    expect(suppressed).toBeGreaterThan(100); // the datasets do exercise the rules
  });

  it('catches a leak: publishing back one complementary suppression is detected', () => {
    const rows = [
      company('13038', 5, 10000),
      company('13038', 4, 12000),
      ...[1, 2, 3].map(() => company('13065', 3, 20000)),
      ...[1, 2, 3].map(() => company('13068', 6, 30000)),
    ];
    const t = protectTables(rows, index);
    const leaky: ProtectedTables = structuredClone(t);
    leaky.communes['13065'] = { companies: 3, jobs: 9, amountEur: 60000 };
    expect(auditTables(rows, index, leaky)).toContainEqual({ level: 'communes', code: '13038', measure: 'jobs' });
    const direct: ProtectedTables = structuredClone(t);
    direct.communes['13038'] = { companies: 2, jobs: 9, amountEur: 22000 };
    expect(auditTables(rows, index, direct)).toContainEqual({ level: 'communes', code: '13038', measure: 'companies' });
  });
});

describe('buildPublication', () => {
  it('lists only consenting, non-micro companies, without SIRET, amount or address', async () => {
    const { buildPublication } = await import('../../src/lib/publication/publish.ts');
    const rows = [
      company('13004', 3, 1000, { publishable: true, siret: '99999000000018', address: '1 rue X', companyName: 'Publiée' }),
      company('13004', 3, 1000, { publishable: true, isMicroEntrepreneur: true, companyName: 'Micro' }),
      company('13004', 3, 1000, { publishable: false, companyName: 'Discrète' }),
      company('05127', 3, 1000, { publishable: true, companyName: 'Hors département' }),
    ];
    const p = buildPublication({ kind: 'import', label: '', createdAt: '', supports: rows, layoffs: [] }, index, { date: '2026-12-01', sources: ['/tmp/x/fonds.csv'] });
    expect(p.sources).toEqual(['fonds.csv']);
    expect(p.companies.map((c) => c.name)).toEqual(['Publiée']);
    expect(Object.keys(p.companies[0]).sort()).toEqual(['arrondissementCode', 'communeCode', 'fund', 'id', 'jobs', 'location', 'name', 'precision', 'qpvCode', 'sector', 'year']);
    expect(p.tables.departement.companies).toBe(3);
  });

  it('on the demo dataset, Arles and Saintes-Maries-de-la-Mer (1 or 2 companies) are secret and the département is published', async () => {
    const { buildPublication } = await import('../../src/lib/publication/publish.ts');
    const demo = JSON.parse(readFileSync('src/data/demo-dataset.json', 'utf8'));
    const p = buildPublication(demo, index, { date: '2026-12-01', sources: [] });
    expect(p.tables.communes['13004']).toEqual({ companies: null, jobs: null, amountEur: null });
    expect(p.tables.communes['13096']).toEqual({ companies: null, jobs: null, amountEur: null });
    expect(p.tables.departement).toEqual({ companies: 170, jobs: 1100, amountEur: 1325000 });
    expect(auditTables(demo.supports, index, p.tables)).toEqual([]);
  });
});
