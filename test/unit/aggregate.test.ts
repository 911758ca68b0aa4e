import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/lib/analysis/aggregate.ts';
import { filterLayoffs, filterSupports, yearsOf } from '../../src/lib/analysis/filter.ts';
import type { Layoff, Support } from '../../src/lib/domain/types.ts';
import type { TerritoriesIndex } from '../../src/lib/geodata/types.ts';
import { supportFixture } from '../fixtures/support.ts';
import { communeEntry } from '../fixtures/commune-entry.ts';

const commune = communeEntry;

const index: TerritoriesIndex = {
  communes: [
    commune('A1', 10_000, false, 'E1', 'Z1'),
    commune('R1', 1_000, true, 'E1', 'Z2'),
    commune('13055', 50_000, false, 'E2', 'Z1'),
    commune('G1', 2_000, false, 'E2', 'Z2'),
  ],
  arrondissements: [
    { code: '13201', nom: '1er', population: 20_000, revenuMedian: null, partMinimaSociaux: null, codesPostaux: [], labelPoint: [5, 43], bbox: [5, 43, 5, 43] },
    { code: '13202', nom: '2e', population: 30_000, revenuMedian: null, partMinimaSociaux: null, codesPostaux: [], labelPoint: [5, 43], bbox: [5, 43, 5, 43] },
  ],
  epci: [
    { code: 'E1', nom: 'E1', population: 11_000 },
    { code: 'E2', nom: 'E2', population: 52_000 },
  ],
  zonesEmploi: [
    { code: 'Z1', nom: 'Z1', tauxChomage: null, trimestre: null },
    { code: 'Z2', nom: 'Z2', tauxChomage: null, trimestre: null },
  ],
  qpv: [
    { code: 'Q1', nom: 'Q1', communes: ['13055'], labelPoint: [5, 43], bbox: [5, 43, 5, 43] },
    { code: 'Q2', nom: 'Q2', communes: ['A1'], labelPoint: [5, 43], bbox: [5, 43, 5, 43] },
  ],
  departement: { code: '13', nom: 'Bouches-du-Rhône', population: 63_000, bbox: [5, 43, 5, 43] },
};

const base: Support = supportFixture({ sizeBand: 'micro' });
const X = '99999001400013';
const supports: Support[] = [
  { ...base, id: 's1', siret: X, communeCode: 'A1', fund: 'ampa', amountEur: 10_000, jobsPlanned: 5, jobsAchieved: 4, qpvCode: 'Q2', qpvSource: 'computed', sector: 'J', date: '2019-05-01' },
  { ...base, id: 's2', communeCode: 'R1', fund: 'adie', amountEur: 3_000, jobsPlanned: 2, isMicroEntrepreneur: true, sector: 'A', date: '2021-02-01' },
  { ...base, id: 's3', communeCode: '13055', arrondissementCode: '13201', fund: 'airbus', amountEur: 20_000, jobsPlanned: 10, jobsAchieved: 0, qpvCode: 'Q1', qpvSource: 'computed', sector: 'C', date: '2022-03-01' },
  { ...base, id: 's4', siret: X, communeCode: '13055', fund: 'ampa', amountEur: 5_000, sector: 'J', date: '2023-01-01' },
  { ...base, id: 's5', communeCode: '84089', fund: 'airbus', amountEur: 1_000, jobsPlanned: 1, sector: null, date: '2023-06-01' },
];
const layoffBase: Layoff = { id: '', employer: '', siret: null, communeCode: '', location: [5, 43], precision: 'point', date: '2020-01-01', jobsCut: 0 };
const layoffs: Layoff[] = [
  { ...layoffBase, id: 'l1', communeCode: 'G1', jobsCut: 100, date: '2019-01-01' },
  { ...layoffBase, id: 'l2', communeCode: '13202', jobsCut: 50, date: '2021-01-01' },
  { ...layoffBase, id: 'l3', communeCode: '13055', arrondissementCode: '13201', jobsCut: 30, date: '2023-01-01' },
];

describe('aggregate', () => {
  const r = aggregate(supports, layoffs, index);

  it('totals: distinct companies (same SIRET once), jobsOf, euros, layoffs; out-of-index rows count', () => {
    expect(r.totals).toEqual({ companies: 4, jobs: 7, amountEur: 39_000, jobsCut: 180, layoffs: 3 });
  });

  it('communes, with zeros for the ones that got nothing', () => {
    expect(Object.keys(r.byCommune).sort()).toEqual(['13055', 'A1', 'G1', 'R1']);
    expect(r.byCommune.A1).toEqual({ companies: 1, jobs: 4, amountEur: 10_000, population: 10_000, jobsPer1000: 0.4, eurPerJob: 2_500, jobsCut: 0, layoffs: 0 });
    expect(r.byCommune.R1).toEqual({ companies: 1, jobs: 2, amountEur: 3_000, population: 1_000, jobsPer1000: 2, eurPerJob: 1_500, jobsCut: 0, layoffs: 0 });
    // jobsAchieved 0 wins over planned 10: no job → eurPerJob null.
    expect(r.byCommune['13055']).toEqual({ companies: 2, jobs: 0, amountEur: 25_000, population: 50_000, jobsPer1000: 0, eurPerJob: null, jobsCut: 80, layoffs: 2 });
    // Affected, no support: the gap.
    expect(r.byCommune.G1).toEqual({ companies: 0, jobs: 0, amountEur: 0, population: 2_000, jobsPer1000: 0, eurPerJob: null, jobsCut: 100, layoffs: 1 });
    expect(r.byCommune['84089']).toBeUndefined();
  });

  it('arrondissements: stored code, or a layoff whose communeCode is 132xx', () => {
    expect(r.byArrondissement['13201']).toEqual({ companies: 1, jobs: 0, amountEur: 20_000, population: 20_000, jobsPer1000: 0, eurPerJob: null, jobsCut: 30, layoffs: 1 });
    expect(r.byArrondissement['13202']).toEqual({ companies: 0, jobs: 0, amountEur: 0, population: 30_000, jobsPer1000: 0, eurPerJob: null, jobsCut: 50, layoffs: 1 });
  });

  it('QPV: population unknown → jobsPer1000 null; layoffs never in a QPV', () => {
    expect(r.byQpv.Q1).toEqual({ companies: 1, jobs: 0, amountEur: 20_000, population: null, jobsPer1000: null, eurPerJob: null, jobsCut: 0, layoffs: 0 });
    expect(r.byQpv.Q2).toEqual({ companies: 1, jobs: 4, amountEur: 10_000, population: null, jobsPer1000: null, eurPerJob: 2_500, jobsCut: 0, layoffs: 0 });
  });

  it('EPCI and zones d’emploi through the commune attributes', () => {
    expect(r.byEpci.E1).toMatchObject({ companies: 2, jobs: 6, amountEur: 13_000, population: 11_000, jobsCut: 0 });
    expect(r.byEpci.E1.jobsPer1000).toBeCloseTo((6 / 11_000) * 1000, 12);
    expect(r.byEpci.E2).toMatchObject({ companies: 2, jobs: 0, amountEur: 25_000, population: 52_000, jobsCut: 180, layoffs: 3, eurPerJob: null });
    // Z1 = A1 + 13055: s1 and s4 share a SIRET → 2 companies (X, s3).
    expect(r.byZoneEmploi.Z1).toMatchObject({ companies: 2, jobs: 4, amountEur: 35_000, population: 60_000, jobsCut: 80, layoffs: 2 });
    expect(r.byZoneEmploi.Z2).toMatchObject({ companies: 1, jobs: 2, amountEur: 3_000, population: 3_000, jobsCut: 100, layoffs: 1 });
  });

  it('rural / urban split', () => {
    expect(r.rural).toEqual({ companies: 1, jobs: 2, amountEur: 3_000, population: 1_000, jobsPer1000: 2, eurPerJob: 1_500, jobsCut: 0, layoffs: 0 });
    expect(r.urban).toMatchObject({ companies: 2, jobs: 4, amountEur: 35_000, population: 62_000, jobsCut: 180, layoffs: 3 });
  });

  it('shares of QPV and rural beside their population share', () => {
    expect(r.shares.qpv).toEqual({ companies: 2 / 4, jobs: 4 / 7, amountEur: 30_000 / 39_000, population: null });
    expect(r.shares.rural).toEqual({ companies: 1 / 4, jobs: 2 / 7, amountEur: 3_000 / 39_000, population: 1_000 / 63_000 });
  });

  it('empty dataset: every territory with zeros, shares 0', () => {
    const e = aggregate([], [], index);
    expect(e.totals).toEqual({ companies: 0, jobs: 0, amountEur: 0, jobsCut: 0, layoffs: 0 });
    expect(Object.keys(e.byCommune)).toHaveLength(4);
    expect(Object.keys(e.byQpv)).toHaveLength(2);
    expect(e.byCommune.A1).toEqual({ companies: 0, jobs: 0, amountEur: 0, population: 10_000, jobsPer1000: 0, eurPerJob: null, jobsCut: 0, layoffs: 0 });
    expect(e.shares.qpv).toEqual({ companies: 0, jobs: 0, amountEur: 0, population: null });
    expect(e.shares.rural.population).toBeCloseTo(1 / 63);
  });
});

describe('filterSupports / filterLayoffs', () => {
  it('filters by fund, years and sectors; empty or missing criteria keep everything', () => {
    expect(filterSupports(supports).map((s) => s.id)).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(filterSupports(supports, { funds: [] })).toHaveLength(5);
    expect(filterSupports(supports, { funds: ['ampa'] }).map((s) => s.id)).toEqual(['s1', 's4']);
    expect(filterSupports(supports, { yearFrom: 2021, yearTo: 2022 }).map((s) => s.id)).toEqual(['s2', 's3']);
    expect(filterSupports(supports, { sectors: ['J', 'C'] }).map((s) => s.id)).toEqual(['s1', 's3', 's4']);
    expect(filterSupports(supports, { sectors: [''] }).map((s) => s.id)).toEqual(['s5']);
    expect(filterSupports(supports, { funds: ['airbus'], yearFrom: 2023 }).map((s) => s.id)).toEqual(['s5']);
    expect(filterLayoffs(layoffs, { yearTo: 2021 }).map((l) => l.id)).toEqual(['l1', 'l2']);
    expect(yearsOf(supports)).toEqual([2019, 2021, 2022, 2023]);
  });
});
