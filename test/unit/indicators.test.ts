import { describe, expect, it } from 'vitest';
import { CHOROPLETH_INDICATOR_IDS, INDICATOR_REGISTRY, SUPPORT_INDICATOR_IDS, indicatorById } from '../../src/lib/analysis/indicators.ts';
import { emptyFigures } from '../../src/lib/analysis/types.ts';

describe('indicator registry', () => {
  it('every id of the choropleth and gap lists is in the one registry, under its own id', () => {
    for (const id of [...CHOROPLETH_INDICATOR_IDS, ...SUPPORT_INDICATOR_IDS]) expect(INDICATOR_REGISTRY[id].id).toBe(id);
  });

  it('jobs per 1,000 inhabitants: one rule, null without a population, 0 with a population and no job', () => {
    const per1000 = indicatorById('jobsPer1000');
    expect(per1000.value(emptyFigures({ jobs: 3, population: 1_500, jobsPer1000: 2 }))).toBe(2);
    expect(per1000.value(emptyFigures({ jobs: 0, population: 1_500, jobsPer1000: 0 }))).toBe(0);
    // A QPV or a custom area: no population, so no per-inhabitant figure (not 0, not a guess).
    expect(per1000.value(emptyFigures({ jobs: 4, population: null, jobsPer1000: null }))).toBeNull();
    expect(per1000.value(emptyFigures({ jobs: 0, population: null, jobsPer1000: null }))).toBeNull();
    expect(per1000.format(2)).toBe('2,0');
  });

  it('amount per inhabitant divides by the population, null without one', () => {
    const a = indicatorById('amountPerInhabitant');
    expect(a.value(emptyFigures({ amountEur: 30_000, population: 2_000 }))).toBe(15);
    expect(a.value(emptyFigures({ amountEur: 30_000, population: 0 }))).toBeNull();
  });
});
