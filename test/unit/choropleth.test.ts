import { describe, expect, it } from 'vitest';
import { buildChoropleth, ZERO_COLOR } from '../../src/lib/analysis/choropleth.ts';
import { NO_DATA_COLOR, paletteFor } from '../../src/lib/analysis/palettes.ts';
import { emptyFigures, type TerritoryFigures } from '../../src/lib/analysis/types.ts';

const clean = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const byJobs = (jobs: number[]): Record<string, TerritoryFigures> =>
  Object.fromEntries(jobs.map((j, i) => [`C${i}`, emptyFigures({ jobs: j, population: 1_000, jobsPer1000: j })]));

describe('buildChoropleth', () => {
  it('classes the positive values, gives zeros their own "Aucun" class and lists the legend top class first', () => {
    const c = buildChoropleth(byJobs([0, 0, 1, 2, 3, 4, 10, 20]), 'jobs', 'quantile', 3);
    expect(c.breaks).toEqual([1, 2, 4, 20]);
    expect(c.colors).toEqual([...paletteFor('blues', 3), ZERO_COLOR, NO_DATA_COLOR]);
    expect(Object.fromEntries(c.classes)).toEqual({ C0: 3, C1: 3, C2: 0, C3: 0, C4: 1, C5: 1, C6: 2, C7: 2 });
    expect(c.legend.map((l) => [clean(l.label), l.count])).toEqual([
      ['plus de 4 à 20', 2],
      ['plus de 2 à 4', 2],
      ['1 à 2', 2],
      ['Aucun', 2],
    ]);
    expect(c.legend[0].color).toBe(c.colors[2]);
  });

  it('formats the bounds with the indicator (thousands, euros)', () => {
    const f = (amountEur: number) => emptyFigures({ amountEur });
    const c = buildChoropleth({ A: f(1_000), B: f(25_000), C: f(120_000) }, 'amountEur', 'equal', 3);
    expect(clean(c.legend[0].label)).toBe('plus de 25 000 € à 120 000 €');
    expect(c.indicator.id).toBe('amountEur');
  });

  it('a ratio without value goes to "Sans objet", a zero ratio to "0"', () => {
    const c = buildChoropleth(
      {
        A: emptyFigures({ jobs: 3, population: 1_000, jobsPer1000: 3 }),
        B: emptyFigures({ jobs: 0, population: 500, jobsPer1000: 0 }),
        Q: emptyFigures({ jobs: 2, population: null, jobsPer1000: null }),
      },
      'jobsPer1000',
      'quantile',
      5,
    );
    const labels = c.legend.map((l) => l.label);
    expect(labels).toEqual(['3,0', '0', 'Sans objet']);
    expect(c.classes.get('Q')).toBe(c.colors.length - 1);
    expect(c.colors[c.classes.get('B')!]).toBe(ZERO_COLOR);
  });

  it('no territory with a value: no class, only the zero entry', () => {
    const c = buildChoropleth(byJobs([0, 0]), 'jobs', 'jenks', 5);
    expect(c.breaks).toEqual([]);
    expect(c.legend).toEqual([{ label: 'Aucun', color: ZERO_COLOR, count: 2 }]);
    expect(buildChoropleth({}, 'jobs', 'quantile', 5).legend).toEqual([]);
  });

  it('never asks for more classes than there are distinct values', () => {
    const c = buildChoropleth(byJobs([5, 5, 7]), 'jobs', 'quantile', 7);
    expect(c.legend.filter((l) => l.color !== ZERO_COLOR).map((l) => clean(l.label))).toEqual(['plus de 5 à 7', '5']);
  });
});

describe('choropleth legend in English', () => {
  it('writes the same classes with English words and number formats', async () => {
    const { legendIn, classifyMethods } = await import('../../src/lib/analysis/choropleth.ts');
    const c = buildChoropleth(byJobs([0, 0, 1, 2, 3, 4, 1000, 2000]), 'jobs', 'quantile', 3);
    expect(legendIn(c, 'en').map((l) => [l.label, l.count])).toEqual([
      ['over 4 to 2,000', 2],
      ['over 2 to 4', 2],
      ['1 to 2', 2],
      ['None', 2],
    ]);
    // French stays the default and the classes do not move.
    expect(legendIn(c, 'fr')).toEqual(c.legend);
    expect(legendIn(c, 'en').map((l) => l.color)).toEqual(c.legend.map((l) => l.color));
    const eur = buildChoropleth({ A: emptyFigures({ amountEur: 1_000 }), B: emptyFigures({ amountEur: 25_000 }), C: emptyFigures({ amountEur: 120_000 }) }, 'amountEur', 'equal', 3);
    expect(legendIn(eur, 'en')[0].label).toBe('over €25,000 to €120,000');
    const ratio = buildChoropleth({ Q: emptyFigures({ jobs: 2, population: null, jobsPer1000: null }), A: emptyFigures({ jobs: 3, population: 1_000, jobsPer1000: 3 }) }, 'jobsPer1000', 'quantile', 5);
    expect(legendIn(ratio, 'en').map((l) => l.label)).toEqual(['3.0', 'Not applicable']);
    expect(classifyMethods('en').map((m) => m.label)).toEqual(['Quantiles (equal counts)', 'Equal intervals', 'Natural breaks (Jenks)']);
    expect(classifyMethods().map((m) => m.label)[0]).toBe('Quantiles (effectifs égaux)');
  });
});
