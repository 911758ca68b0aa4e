// The annual review's figures against a HAND-COMPUTED fixture: every expected number below was
// worked out by hand from the six rows and three layoffs (the working is in the comments), not
// by calling the code.
import { describe, expect, it } from 'vitest';
import { ageBand, ageInYears, affectedCommunes, buildReview, groupFigures } from '../../src/lib/analysis/review.ts';
import type { Layoff, Support } from '../../src/lib/domain/types.ts';

function sup(p: Partial<Support> & Pick<Support, 'id' | 'fund' | 'date' | 'amountEur' | 'communeCode'>): Support {
  return {
    companyName: p.id,
    siret: null,
    naf: null,
    sector: null,
    sizeBand: 'pme',
    jobsPlanned: null,
    jobsAchieved: null,
    address: null,
    location: [5, 43],
    precision: 'point',
    arrondissementCode: null,
    qpvCode: null,
    qpvSource: null,
    isMicroEntrepreneur: false,
    ...p,
  };
}

const A = '99999000100011';
const B = '99999000200011';
const C = '99999000300011';

// s1 (2020) and s6 (2021) are the same company (SIRET A).
const supports: Support[] = [
  sup({ id: 's1', siret: A, fund: 'ampa', date: '2020-03-01', amountEur: 50_000, jobsPlanned: 10, jobsAchieved: 8, communeCode: '13001', sector: 'J', cofinancingEur: 100_000, companyCreated: '2018-01-01' }),
  sup({ id: 's2', siret: B, fund: 'airbus', date: '2021-05-10', amountEur: 20_000, jobsPlanned: 12, jobsAchieved: 15, communeCode: '13001', sector: 'C', cofinancingEur: 30_000, companyCreated: '2001-06-01' }),
  sup({ id: 's3', siret: C, fund: 'airbus', date: '2021-06-01', amountEur: 30_000, jobsPlanned: 20, jobsAchieved: null, communeCode: '13055', arrondissementCode: '13203', qpvCode: 'QN01301M', sector: 'C', sizeBand: 'eti', cofinancingEur: null, companyCreated: null }),
  sup({ id: 's4', fund: 'adie', date: '2021-02-01', amountEur: 5_000, jobsPlanned: 1, jobsAchieved: 1, communeCode: '13002', sector: 'G', sizeBand: 'micro', isMicroEntrepreneur: true, cofinancingEur: 2_000, companyCreated: '2021-01-15' }),
  sup({ id: 's5', fund: 'adie', date: '2021-09-01', amountEur: 3_000, jobsPlanned: 2, jobsAchieved: null, communeCode: '13055', arrondissementCode: '13201', qpvCode: 'QN01302M', sizeBand: 'micro', isMicroEntrepreneur: true, cofinancingEur: 0, companyCreated: '2020-10-01' }),
  sup({ id: 's6', siret: A, fund: 'ampa', date: '2021-11-30', amountEur: 40_000, jobsPlanned: 5, jobsAchieved: 6, communeCode: '13001', sector: 'J', cofinancingEur: 60_000, companyCreated: '2018-01-01' }),
];

const layoff = (id: string, communeCode: string, date: string, jobsCut: number): Layoff => ({
  id, employer: id, siret: null, communeCode, location: [5, 43], precision: 'point', date, jobsCut,
});
// Marseille's layoff is written with its arrondissement code (13201 → commune 13055).
const layoffs = [layoff('l1', '13001', '2020-06-01', 100), layoff('l2', '13201', '2021-03-01', 50), layoff('l3', '13002', '2022-01-10', 70)];

const index = {
  communes: [
    { code: '13001', rural: false },
    { code: '13002', rural: true },
    { code: '13055', rural: false },
  ],
} as unknown as Parameters<typeof buildReview>[2];

const review = buildReview(supports, layoffs, index, 2021)!;

describe('annual review, year 2021 (rows s2–s6)', () => {
  const y = review.yearScope;

  it('totals: 5 companies, 44 jobs created, 40 planned, 22 achieved, rate 22/18, 98,000 €', () => {
    // companies: B, C, s4, s5, A = 5; jobs (achieved else planned): 15 + 20 + 1 + 2 + 6 = 44
    // planned 12+20+1+2+5 = 40; achieved 15+1+6 = 22; both known: s2, s4, s6 → 22 / (12+1+5 = 18)
    expect(y.total.companies).toBe(5);
    expect(y.total.jobs).toBe(44);
    expect(y.total.jobsPlanned).toBe(40);
    expect(y.total.jobsAchieved).toBe(22);
    expect(y.total.achievementRate).toBeCloseTo(22 / 18, 10);
    expect(y.total.amountEur).toBe(98_000);
    expect(y.total.eurPerJob).toBeCloseTo(98_000 / 44, 8);
  });

  it('per fund', () => {
    const f = Object.fromEntries(y.byFund.map((r) => [r.fund, r.group]));
    // AMPA: s6 only.
    expect(f.ampa).toEqual({ companies: 1, jobs: 6, jobsPlanned: 5, jobsAchieved: 6, achievementRate: 6 / 5, amountEur: 40_000, eurPerJob: 40_000 / 6 });
    // Airbus: s2 + s3; rate only on s2 (15 / 12).
    expect(f.airbus).toEqual({ companies: 2, jobs: 35, jobsPlanned: 32, jobsAchieved: 15, achievementRate: 15 / 12, amountEur: 50_000, eurPerJob: 50_000 / 35 });
    // ADIE: s4 + s5; rate only on s4 (1 / 1).
    expect(f.adie).toEqual({ companies: 2, jobs: 3, jobsPlanned: 3, jobsAchieved: 1, achievementRate: 1, amountEur: 8_000, eurPerJob: 8_000 / 3 });
  });

  it('affected territories: 13001 and Marseille (not 13002, hit in 2022), coverage 43 / 50', () => {
    expect(y.affected.communes).toEqual(['13001', '13055']);
    // rows in 13001 or 13055: s2, s3, s5, s6 → companies B, C, s5, A = 4; jobs 15+20+2+6 = 43; 20+30+3+40 k€ = 93,000
    expect(y.affected.group.companies).toBe(4);
    expect(y.affected.group.jobs).toBe(43);
    expect(y.affected.group.amountEur).toBe(93_000);
    expect(y.affected.shareCompanies).toBeCloseTo(4 / 5, 10);
    expect(y.affected.shareJobs).toBeCloseTo(43 / 44, 10);
    expect(y.affected.shareAmount).toBeCloseTo(93 / 98, 10);
    // jobs cut in 2021 in the affected communes: Marseille's 50 (13001's was in 2020).
    expect(y.affected.jobsCut).toBe(50);
    expect(y.affected.coverage).toBeCloseTo(0.86, 10);
  });

  it('QPV (s3, s5) and rural (s4)', () => {
    expect(y.qpv.group).toMatchObject({ companies: 2, jobs: 22, amountEur: 33_000 });
    expect(y.qpv.shareCompanies).toBeCloseTo(0.4, 10);
    expect(y.qpv.shareJobs).toBeCloseTo(0.5, 10);
    expect(y.qpv.shareAmount).toBeCloseTo(33 / 98, 10);
    expect(y.rural.group).toMatchObject({ companies: 1, jobs: 1, amountEur: 5_000 });
    expect(y.rural.shareCompanies).toBeCloseTo(0.2, 10);
    expect(y.rural.shareJobs).toBeCloseTo(1 / 44, 10);
  });

  it('sectors and the industry share (B–E) over rows with a known sector', () => {
    expect(y.sectors.map((r) => [r.section, r.group.companies, r.group.jobs, r.group.amountEur])).toEqual([
      ['C', 2, 35, 50_000],
      ['G', 1, 1, 5_000],
      ['J', 1, 6, 40_000],
      ['', 1, 2, 3_000],
    ]);
    // known-sector rows s2, s3, s4, s6: 4 companies, 42 jobs, 95,000 €; industry = C: 2, 35, 50,000
    expect(y.industry.group).toMatchObject({ companies: 2, jobs: 35, amountEur: 50_000 });
    expect(y.industry.shareCompanies).toBeCloseTo(0.5, 10);
    expect(y.industry.shareJobs).toBeCloseTo(35 / 42, 10);
    expect(y.industry.shareAmount).toBeCloseTo(50 / 95, 10);
  });

  it('company size bands', () => {
    expect(y.sizes.map((r) => [r.band, r.group.companies, r.group.jobs])).toEqual([
      ['micro', 2, 3],
      ['pme', 2, 21],
      ['eti', 1, 20],
      ['ge', 0, 0],
    ]);
  });

  it('company age where known (4 known, 1 unknown), median 2.4 years', () => {
    // s4: 17 days → <1; s5: 335 days → <1; s6: 3 y 10 m → 3–10; s2: 19 y 11 m → 10+
    expect(y.age.rows.map((r) => [r.band, r.group.companies, r.group.jobs])).toEqual([
      ['moins1', 2, 3],
      ['1a3', 0, 0],
      ['3a10', 1, 6],
      ['10plus', 1, 15],
    ]);
    expect(y.age.known).toBe(4);
    expect(y.age.unknown).toBe(1);
    // median of 0.05, 0.92 (335/365.25), 3.91 (1429/365.25), 19.9 → (0.917 + 3.912) / 2 = 2.41 → 2.4
    expect(y.age.medianYears).toBe(2.4);
  });

  it('leverage: 92,000 € of co-financing for 68,000 € of fund where known', () => {
    // known: s2 30,000/20,000, s4 2,000/5,000, s5 0/3,000, s6 60,000/40,000; s3 unknown
    expect(y.leverage).toEqual({ cofinancingEur: 92_000, fundEur: 68_000, perEuro: 92_000 / 68_000, known: 4, unknown: 1 });
  });
});

describe('annual review, cumulative 2020–2021 and trends', () => {
  const c = review.cumulative;

  it('cumulative totals count company A once', () => {
    expect(c.yearFrom).toBe(2020);
    expect(c.total).toMatchObject({ companies: 5, jobs: 52, jobsPlanned: 50, jobsAchieved: 30, amountEur: 148_000 });
    expect(c.total.achievementRate).toBeCloseTo(30 / 28, 10);
    const ampa = c.byFund.find((r) => r.fund === 'ampa')!.group;
    expect(ampa).toMatchObject({ companies: 1, jobs: 14, jobsPlanned: 15, jobsAchieved: 14, amountEur: 90_000 });
    expect(ampa.achievementRate).toBeCloseTo(14 / 15, 10);
  });

  it('affected since 2020: jobs cut 100 + 50, coverage 51 / 150', () => {
    expect(c.affected.jobsCut).toBe(150);
    expect(c.affected.group.jobs).toBe(51);
    expect(c.affected.coverage).toBeCloseTo(0.34, 10);
  });

  it('series since the first year and change against N−1', () => {
    expect(review.firstYear).toBe(2020);
    expect(review.years).toEqual([2020, 2021]);
    expect(review.series.map((p) => [p.year, p.group.companies, p.group.jobs, p.group.amountEur])).toEqual([
      [2020, 1, 8, 50_000],
      [2021, 5, 44, 98_000],
    ]);
    expect(review.change).toEqual({
      companies: { delta: 4, relative: 4 },
      jobs: { delta: 36, relative: 4.5 },
      amountEur: { delta: 48_000, relative: 0.96 },
    });
  });

  it('the first year has no change; a year before the data has no review', () => {
    expect(buildReview(supports, layoffs, index, 2020)!.change).toBeNull();
    expect(buildReview(supports, layoffs, index, 2019)).toBeNull();
    expect(buildReview([], layoffs, index, 2021)).toBeNull();
  });
});

describe('review helpers', () => {
  it('ages and bands', () => {
    expect(ageInYears('2001-06-01', '2021-05-10')).toBe(19);
    expect(ageInYears('2001-05-10', '2021-05-10')).toBe(20);
    expect(ageInYears('2022-01-01', '2021-05-10')).toBe(0);
    expect([0, 0.9, 1, 2.99, 3, 9, 10, 40].map(ageBand)).toEqual(['moins1', 'moins1', '1a3', '1a3', '3a10', '3a10', '10plus', '10plus']);
  });

  it('affected communes fold Marseille arrondissements', () => {
    expect(affectedCommunes(layoffs, 2022)).toEqual(['13001', '13002', '13055']);
    expect(affectedCommunes(layoffs, 2019)).toEqual([]);
  });

  it('an empty group has null ratios', () => {
    expect(groupFigures([])).toEqual({ companies: 0, jobs: 0, jobsPlanned: 0, jobsAchieved: 0, achievementRate: null, amountEur: 0, eurPerJob: null });
  });
});
