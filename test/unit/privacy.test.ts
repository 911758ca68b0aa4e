import { describe, expect, it } from 'vitest';
import {
  DERIVED_FROM,
  displayValue,
  hasSecret,
  isSecret,
  isSecretFigure,
  mayShowIndividually,
  maskFigures,
  supportPublicView,
  visibleSupports,
} from '../../src/lib/domain/privacy.ts';
import type { TerritoryFigures } from '../../src/lib/analysis/types.ts';
import type { Support } from '../../src/lib/domain/types.ts';

const figures = (companies: number, layoffs = 0): TerritoryFigures => ({
  companies,
  jobs: companies * 4,
  amountEur: companies * 10_000,
  population: 5_000,
  jobsPer1000: companies * 0.8,
  eurPerJob: companies > 0 ? 2_500 : null,
  jobsCut: layoffs * 30,
  layoffs,
});

const support: Support = {
  id: 's1',
  companyName: 'Atelier (démo)',
  siret: '99999001400013',
  naf: '62.01Z',
  sector: 'J',
  sizeBand: 'micro',
  fund: 'adie',
  amountEur: 3_400,
  jobsPlanned: 2,
  jobsAchieved: 1,
  date: '2021-01-01',
  address: '1 rue X, 13001 Marseille',
  location: [5.4, 43.3],
  precision: 'point',
  communeCode: '13055',
  arrondissementCode: '13201',
  qpvCode: null,
  qpvSource: null,
  isMicroEntrepreneur: false,
};

describe('maskFigures', () => {
  it('shows everything when no figure is suppressed (internal figures carry no flags)', () => {
    expect(maskFigures(figures(1, 1))).toEqual({ ...figures(1, 1), masked: false });
    expect(maskFigures(figures(0))).toMatchObject({ companies: 0, jobs: 0, amountEur: 0, masked: false });
  });

  it('turns every suppressed measure, and every ratio built on it, into « secret statistique »', () => {
    const m = maskFigures({ ...figures(2), secret: { companies: true, jobs: true, amountEur: true } });
    for (const k of ['companies', 'jobs', 'amountEur', 'jobsPer1000', 'eurPerJob'] as const) expect(m[k]).toEqual({ secret: true, display: 'secret statistique' });
    expect(m.population).toBe(5_000);
    expect(m.masked).toBe(true);
  });

  it('checks each measure on its own: a dominated amount hides euros per job, not the jobs', () => {
    const m = maskFigures({ ...figures(4), secret: { amountEur: true } });
    expect(m.companies).toBe(4);
    expect(m.jobs).toBe(16);
    expect(m.jobsPer1000).toBe(3.2);
    expect(isSecret(m.amountEur)).toBe(true);
    expect(isSecret(m.eurPerJob)).toBe(true);
    expect(m.masked).toBe(true);
  });

  it('leaves layoffs public (announced collective layoffs)', () => {
    const m = maskFigures({ ...figures(1, 1), secret: { companies: true, jobs: true, amountEur: true } });
    expect(m).toMatchObject({ jobsCut: 30, layoffs: 1 });
  });

  it('tells which derived figures a suppression reaches', () => {
    const f = { secret: { jobs: true } } as const;
    expect(isSecretFigure(f, DERIVED_FROM.jobsPer1000)).toBe(true);
    expect(isSecretFigure(f, DERIVED_FROM.eurPerJob)).toBe(true);
    expect(isSecretFigure(f, DERIVED_FROM.amountEur)).toBe(false);
    expect(isSecretFigure(f, DERIVED_FROM.jobsCut)).toBe(false);
    expect(hasSecret({})).toBe(false);
  });
});

describe('display helpers', () => {
  it('displays numbers, secrets and nulls', () => {
    const m = maskFigures({ ...figures(1), secret: { jobs: true } });
    expect(isSecret(m.jobs)).toBe(true);
    expect(isSecret(3)).toBe(false);
    expect(isSecret(null)).toBe(false);
    expect(displayValue(m.jobs)).toBe('secret statistique');
    expect(displayValue(1234, (n) => `${n} €`)).toBe('1234 €');
    expect(displayValue(null)).toBe('–');
  });
});

describe('individual supports', () => {
  const micro = { ...support, id: 'm', isMicroEntrepreneur: true, publishable: true };
  const company = { ...support, id: 'c', publishable: true };
  const refused = { ...support, id: 'r', publishable: false };
  const unsaid = { ...support, id: 'u' };

  it('shows individually, in public mode, only consenting companies that are not micro-entrepreneurs', () => {
    expect([micro, company, refused, unsaid].map(mayShowIndividually)).toEqual([false, true, false, false]);
    expect(visibleSupports([micro, company, refused, unsaid], 'public').map((s) => s.id)).toEqual(['c']);
    expect(visibleSupports([micro, company, refused, unsaid], 'interne').map((s) => s.id)).toEqual(['m', 'c', 'r', 'u']);
  });

  it('hides the amount and the SIRET in public mode, and the whole company without consent', () => {
    expect(supportPublicView(micro, 'public')).toBeNull();
    expect(supportPublicView(refused, 'public')).toBeNull();
    const v = supportPublicView(company, 'public')!;
    expect(v.amountEur).toEqual({ secret: true, display: 'secret statistique' });
    expect(v.siret).toBeNull();
    expect(v.companyName).toBe(company.companyName);
    expect(JSON.stringify(v)).not.toContain('3400');
    expect(JSON.stringify(v)).not.toContain(support.siret!);
    expect(supportPublicView(micro, 'interne')!.amountEur).toBe(3_400);
    // The input is not modified.
    expect(company.amountEur).toBe(3_400);
  });
});

describe('protectBreakdown (complementary suppression inside one breakdown)', () => {
  it('hides a second part when one part alone is secret, the smallest non-empty first', async () => {
    const { protectBreakdown } = await import('../../src/lib/domain/privacy.ts');
    expect(protectBreakdown([14, 28, 2])).toEqual([true, false, true]);
    expect(protectBreakdown([5, 0, 1, 9])).toEqual([true, false, true, false]);
  });
  it('hides enough parts for the hidden ones to hold 3 companies together', async () => {
    const { protectBreakdown } = await import('../../src/lib/domain/privacy.ts');
    expect(protectBreakdown([1, 1, 8, 9])).toEqual([true, true, true, false]);
    expect(protectBreakdown([1, 2, 8])).toEqual([true, true, false]);
  });
  it('hides nothing when no part is secret, and zero is never secret', async () => {
    const { protectBreakdown } = await import('../../src/lib/domain/privacy.ts');
    expect(protectBreakdown([3, 0, 7])).toEqual([false, false, false]);
  });
});

describe('protectGrid (funds × years with their margins)', () => {
  it('never leaves a hidden cell alone in a row, a column or a margin', async () => {
    const { protectGrid } = await import('../../src/lib/domain/privacy.ts');
    // Rows: funds; columns: years. AMPA has 1 company in 2021.
    const cells = [
      [4, 1, 5],
      [6, 7, 8],
      [20, 30, 25],
    ];
    const g = protectGrid(cells, [10, 21, 75], [30, 38, 38]);
    expect(g.cells[0][1]).toBe(true); // primary
    const hiddenIn = (xs: boolean[]) => xs.filter(Boolean).length;
    for (const row of g.cells) expect(hiddenIn(row) === 1).toBe(false);
    for (let j = 0; j < 3; j++) expect(hiddenIn(g.cells.map((r) => r[j])) === 1).toBe(false);
    expect(hiddenIn(g.rowTotals) === 1).toBe(false);
    expect(hiddenIn(g.colTotals) === 1).toBe(false);
    // Least loss: the big fund's cells stay published.
    expect(g.cells[2]).toEqual([false, false, false]);
  });
});
