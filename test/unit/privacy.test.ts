import { describe, expect, it } from 'vitest';
import {
  belowThreshold,
  displayValue,
  isSecret,
  maskFigures,
  SECRECY_THRESHOLD,
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
  it('uses a threshold of 3 companies', () => {
    expect(SECRECY_THRESHOLD).toBe(3);
    expect([0, 1, 2, 3, 10].map((n) => belowThreshold(n))).toEqual([false, true, true, false, false]);
  });

  it('hides every figure computed from 1 or 2 companies in public mode', () => {
    for (const n of [1, 2]) {
      const m = maskFigures(figures(n), 'public');
      expect(m.companies).toEqual({ secret: true, display: '< 3' });
      expect(m.jobs).toEqual({ secret: true, display: 'secret statistique' });
      expect(m.amountEur).toEqual({ secret: true, display: 'secret statistique' });
      expect(m.jobsPer1000).toEqual({ secret: true, display: 'secret statistique' });
      expect(m.eurPerJob).toEqual({ secret: true, display: 'secret statistique' });
      expect(m.population).toBe(5_000);
      expect(m.masked).toBe(true);
    }
  });

  it('shows zero and 3+ companies', () => {
    expect(maskFigures(figures(0), 'public')).toMatchObject({ companies: 0, jobs: 0, amountEur: 0, masked: false });
    expect(maskFigures(figures(3), 'public')).toMatchObject({ companies: 3, jobs: 12, amountEur: 30_000, masked: false });
  });

  it('shows everything in internal mode', () => {
    const m = maskFigures(figures(1, 1), 'interne');
    expect(m).toEqual({ ...figures(1, 1), masked: false });
  });

  it('leaves layoffs public by default, masks them on request', () => {
    expect(maskFigures(figures(5, 1), 'public')).toMatchObject({ jobsCut: 30, layoffs: 1, masked: false });
    const m = maskFigures(figures(5, 2), 'public', { maskLayoffs: true });
    expect(m.layoffs).toEqual({ secret: true, display: '< 3' });
    expect(m.jobsCut).toEqual({ secret: true, display: 'secret statistique' });
    expect(m.companies).toBe(5);
    expect(maskFigures(figures(5, 3), 'public', { maskLayoffs: true }).jobsCut).toBe(90);
  });

  it('takes another threshold', () => {
    const m = maskFigures(figures(4), 'public', { threshold: 5 });
    expect(m.companies).toEqual({ secret: true, display: '< 5' });
    expect(maskFigures(figures(5), 'public', { threshold: 5 }).companies).toBe(5);
  });
});

describe('display helpers', () => {
  it('displays numbers, secrets and nulls', () => {
    const m = maskFigures(figures(1), 'public');
    expect(isSecret(m.jobs)).toBe(true);
    expect(isSecret(3)).toBe(false);
    expect(isSecret(null)).toBe(false);
    expect(displayValue(m.jobs)).toBe('secret statistique');
    expect(displayValue(m.companies)).toBe('< 3');
    expect(displayValue(1234, (n) => `${n} €`)).toBe('1234 €');
    expect(displayValue(null)).toBe('–');
  });
});

describe('individual supports', () => {
  const micro = { ...support, id: 'm', isMicroEntrepreneur: true };
  const company = { ...support, id: 'c' };

  it('drops micro-entrepreneurs from individual lists in public mode only', () => {
    expect(visibleSupports([micro, company], 'public').map((s) => s.id)).toEqual(['c']);
    expect(visibleSupports([micro, company], 'interne').map((s) => s.id)).toEqual(['m', 'c']);
  });

  it('hides the amount in public mode and the whole micro-entrepreneur', () => {
    expect(supportPublicView(micro, 'public')).toBeNull();
    const v = supportPublicView(company, 'public')!;
    expect(v.amountEur).toEqual({ secret: true, display: 'secret statistique' });
    expect(v.companyName).toBe(company.companyName);
    expect(JSON.stringify(v)).not.toContain('3400');
    expect(supportPublicView(micro, 'interne')!.amountEur).toBe(3_400);
    // The input is not modified.
    expect(company.amountEur).toBe(3_400);
  });
});
