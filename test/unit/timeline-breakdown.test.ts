import { describe, expect, it } from 'vitest';
import { nextYear, sliderPosition, sliderRange } from '../../src/lib/analysis/timeline.ts';
import { breakdowns } from '../../src/lib/analysis/breakdown.ts';
import type { Support } from '../../src/lib/domain/types.ts';

const years = [2019, 2020, 2021, 2022];

describe('year slider', () => {
  it('maps a position to a year filter and back', () => {
    expect(sliderRange(years, 'cumul', 2021)).toEqual({ yearFrom: 2019, yearTo: 2021 });
    expect(sliderRange(years, 'annee', 2021)).toEqual({ yearFrom: 2021, yearTo: 2021 });
    expect(sliderPosition(years, 2019, 2021)).toEqual({ mode: 'cumul', year: 2021 });
    expect(sliderPosition(years, 2021, 2021)).toEqual({ mode: 'annee', year: 2021 });
    expect(sliderPosition(years, 2019, 2019)).toEqual({ mode: 'cumul', year: 2019 });
    expect(sliderPosition(years, 2019, 2019, 'annee')).toEqual({ mode: 'annee', year: 2019 });
    expect(sliderPosition(years, 2020, 2022)).toBeNull();
    expect([2019, 2021, 2022, 1990].map((y) => nextYear(years, y))).toEqual([2020, 2022, null, 2019]);
  });
});

const sup = (id: string, fund: Support['fund'], sector: string | null, sizeBand: Support['sizeBand'], jobs: number): Support => ({
  id, companyName: id, siret: null, naf: null, sector, sizeBand, fund, amountEur: 1000, jobsPlanned: null, jobsAchieved: jobs,
  date: '2021-01-01', address: null, location: [5, 43], precision: 'point', communeCode: '13001', arrondissementCode: null,
  qpvCode: null, qpvSource: null, isMicroEntrepreneur: false,
});
const rows = [
  sup('1', 'airbus', 'C', 'pme', 10), sup('2', 'airbus', 'C', 'pme', 5), sup('3', 'airbus', 'C', 'eti', 20),
  sup('4', 'ampa', 'J', 'micro', 3), sup('5', 'ampa', 'J', 'pme', 2), sup('6', 'ampa', 'J', 'micro', 1), sup('7', 'adie', 'G', 'micro', 1),
];

describe('breakdowns (cross filter)', () => {
  it('counts jobs per sector, size and fund, largest sector first', () => {
    const [sector, size, fund] = breakdowns(rows, {}, 'interne');
    expect(sector.bars.map((b) => [b.key, b.figures.jobs])).toEqual([['C', 35], ['J', 6], ['G', 1]]);
    expect(size.bars.map((b) => [b.key, b.figures.jobs])).toEqual([['micro', 5], ['pme', 17], ['eti', 20]]);
    expect(fund.bars.map((b) => [b.key, b.figures.jobs])).toEqual([['ampa', 6], ['airbus', 35], ['adie', 1]]);
  });

  it('a chart ignores its own filter (its other bars stay clickable) but follows the others', () => {
    const [sector, size] = breakdowns(rows, { sectors: ['C'] }, 'interne');
    expect(sector.bars.map((b) => [b.key, b.selected])).toEqual([['C', true], ['J', false], ['G', false]]);
    expect(size.bars.map((b) => [b.key, b.figures.jobs])).toEqual([['pme', 15], ['eti', 20]]);
  });

  it('public mode masks a bar of fewer than 3 companies and puts it last', () => {
    const [sector] = breakdowns(rows, {}, 'public');
    expect(sector.bars.map((b) => b.key)).toEqual(['C', 'J', 'G']);
    expect(sector.bars[2].figures.jobs).toEqual({ secret: true, display: 'secret statistique' });
    const [, size] = breakdowns(rows, {}, 'public');
    expect(size.bars.find((b) => b.key === 'eti')!.figures.companies).toEqual({ secret: true, display: 'secret statistique' });
  });
});

import { timelineStory } from '../../src/lib/kiosk/timeline-story.ts';

describe('kiosk story « De 2019 à aujourd’hui »', () => {
  const s = (id: string, date: string, jobs: number): Support => ({ ...sup(id, 'airbus', 'C', 'pme', jobs), date });
  const rows2 = [s('a', '2019-02-01', 4), s('b', '2019-03-01', 5), s('c', '2019-04-01', 6), s('d', '2020-01-01', 10)];
  it('cumulative figures up to the year, the year alone in a sentence, masked under 3 companies', () => {
    const m = timelineStory(rows2, 2020, 'public');
    expect(m.figures.find((f) => f.id === 'jobs')!.value).toBe('25');
    expect(m.sentences[1]).toBe('En 2020 seulement : moins de 3 entreprises soutenues (secret statistique).');
    expect(m.masked).toBe(true);
    const first = timelineStory(rows2, 2019, 'public');
    expect(first.figures.find((f) => f.id === 'companies')!.value).toBe('3');
    expect(first.sentences[0]).toBe('2019 : la première année des fonds mutualisés.');
  });
});
