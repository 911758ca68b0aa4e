// The kiosk in English: the same stories, masked the same way, in English words with English
// number formats; French stays the default of every kiosk module; plurals agree in both languages.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { communeCard, keyFiguresStory, publicChoropleth, qpvStory, ruralStory } from '../../src/lib/kiosk/stories.ts';
import { timelineStory } from '../../src/lib/kiosk/timeline-story.ts';
import { buildTour, type CommuneRef } from '../../src/lib/kiosk/tour.ts';
import { kiosk } from '../../src/lib/i18n/messages/kiosk.ts';
import { common } from '../../src/lib/i18n/messages/common.ts';
import { numberFormats } from '../../src/lib/text/format.ts';
import { aggregate } from '../../src/lib/analysis/aggregate.ts';
import { protectTables } from '../../src/lib/publication/secrecy.ts';
import { layoffTablesOf, publicAggregation } from '../../src/lib/publication/figures.ts';
import type { Dataset, Support } from '../../src/lib/domain/types.ts';
import type { TerritoriesIndex } from '../../src/lib/geodata/types.ts';

const en = numberFormats('en');
const fr = numberFormats('fr');

describe('kiosk messages: plurals', () => {
  it('French: 0 and 1 singular; English: only 1', () => {
    expect(kiosk.fr.figCompanies(0)).toBe('entreprise soutenue');
    expect(kiosk.fr.figCompanies(1)).toBe('entreprise soutenue');
    expect(kiosk.fr.figCompanies(2)).toBe('entreprises soutenues');
    expect(kiosk.en.figCompanies(0)).toBe('companies supported');
    expect(kiosk.en.figCompanies(1)).toBe('company supported');
    expect(kiosk.en.figCompanies(2)).toBe('companies supported');
    // A secret figure (no count) takes the plural.
    expect(kiosk.fr.figJobs(null)).toBe('emplois créés');
    expect(kiosk.en.figJobs(null)).toBe('jobs created');
    expect(kiosk.fr.qpvReached('1', 1)).toBe('1 a accueilli au moins une entreprise soutenue.');
    expect(kiosk.fr.qpvReached('12', 12)).toBe('12 ont accueilli au moins une entreprise soutenue.');
    expect(kiosk.en.qpvReached('1', 1)).toBe('1 of them has received at least one supported company.');
    expect(kiosk.en.qpvReached('12', 12)).toBe('12 of them have received at least one supported company.');
    expect(kiosk.en.inhabitants('1', 1)).toBe('1 resident');
    expect(kiosk.en.inhabitants(en.int(143_097), 143_097)).toBe('143,097 residents');
    expect(kiosk.fr.layoffsJobs('1', 1)).toBe('1 emploi supprimé par des licenciements collectifs.');
    expect(kiosk.en.layoffsJobs('1', 1)).toBe('1 job cut by collective redundancies.');
    expect(kiosk.en.layoffsJobs('40', 40)).toBe('40 jobs cut by collective redundancies.');
  });
});

describe('kiosk stories in English', () => {
  const index = JSON.parse(readFileSync(resolve('public/data/territoires.json'), 'utf8')) as TerritoriesIndex;
  const demo = JSON.parse(readFileSync(resolve('src/data/demo-dataset.json'), 'utf8')) as Dataset;
  const raw = aggregate(demo.supports, demo.layoffs, index);
  const agg = publicAggregation(protectTables(demo.supports, index), layoffTablesOf(raw), index);

  it('keeps French as the default of every story', () => {
    expect(keyFiguresStory(agg)).toEqual(keyFiguresStory(agg, 'fr'));
    expect(qpvStory(agg, index)).toEqual(qpvStory(agg, index, 'fr'));
    expect(communeCard('13001', index, agg)).toEqual(communeCard('13001', index, agg, 'fr'));
    expect(buildTour([])).toEqual(buildTour([], 'fr'));
  });

  it('tells the key figures with English words and number formats, masked as in French', () => {
    const e = keyFiguresStory(agg, 'en');
    const f = keyFiguresStory(agg, 'fr');
    expect(e.masked).toBe(f.masked);
    expect(e.sentences.length).toBe(f.sentences.length);
    expect(e.figures.map((x) => x.id)).toEqual(['companies', 'jobs', 'amount']);
    expect(e.figures[0]).toMatchObject({ value: en.int(agg.totals.companies), label: 'companies supported' });
    expect(e.figures[2].label).toBe('in grants awarded');
    // €1,234,567: the euro first, commas between thousands.
    expect(e.figures[2].value).toBe(en.eur(agg.totals.amountEur));
    expect(e.figures[2].value).toMatch(/^€\d{1,3}(,\d{3})+$/);
    const rural = e.sentences.find((s) => s.includes('rural'))!;
    expect(rural).toMatch(/^\d+% of the jobs created were in a rural commune, home to \d+% of the population\.$/);
    expect(rural).toContain(en.percentWhole(agg.shares.rural.population));
    expect(e.sentences.join(' ')).not.toMatch(/[àéèù]|emplois|\u202f%/);
  });

  it('tells the QPV and rural stories in English', () => {
    const q = qpvStory(agg, index, 'en');
    expect(q.sentences[0]).toMatch(/^The Bouches-du-Rhône has \d+ priority neighbourhoods \(QPV\), \d+ of them in Marseille\.$/);
    expect(q.sentences.at(-1)).toBe('On the map, priority neighbourhoods are hatched in purple.');
    expect(q.figures.map((x) => x.label.replace(/^(company|job)\b/, '$1s'))).toEqual(['companies supported', 'jobs created']);
    const r = ruralStory(agg, index, 'en');
    expect(r.sentences[0]).toMatch(/^46 of the 119 communes are rural: \d+% of residents live there\.$/);
    expect(r.sentences[1]).toMatch(/^\d+ of them (has|have) received at least one supported company\.$/);
  });

  it('writes a commune card in English, the commune name unchanged, secret figures « confidential »', () => {
    const open = communeCard('13001', index, agg, 'en')!;
    expect(open.name).toBe('Aix-en-Provence');
    expect(open.population).toBe(`${en.int(index.communes.find((c) => c.code === '13001')!.population)} residents`);
    expect(open.population).toMatch(/^\d{1,3}(,\d{3})+ residents$/);
    expect(open.figures.map((x) => x.label)).toEqual(['companies supported', 'jobs created', 'in grants awarded']);
    expect(open.layoffs).toMatch(/collective redundancies/);
    const secret = index.communes.find((c) => raw.byCommune[c.code].companies === 1 || raw.byCommune[c.code].companies === 2)!;
    const card = communeCard(secret.code, index, agg, 'en')!;
    expect(card.figures.map((x) => x.value)).toEqual(['confidential', 'confidential', 'confidential']);
    expect(common.en.secretLabel).toBe('confidential');
    expect(card.name).toBe(communeCard(secret.code, index, agg, 'fr')!.name);
    // French: the same figures in French formats.
    expect(communeCard('13001', index, agg, 'fr')!.population).toBe(`${fr.int(index.communes.find((c) => c.code === '13001')!.population)} habitants`);
  });

  it('labels the choropleth classes in English, same classes and colours', () => {
    const e = publicChoropleth(agg.byCommune, 4, 'en');
    const f = publicChoropleth(agg.byCommune, 4);
    expect(e.colors).toEqual(f.colors);
    expect([...e.classes]).toEqual([...f.classes]);
    expect(e.legend.at(-1)!.label).toBe('Statistical confidentiality');
    expect(f.legend.at(-1)!.label).toBe('Secret statistique');
    for (const l of e.legend.slice(0, -2)) expect(l.label).toMatch(/^(over )?[\d,]+( to [\d,]+)? jobs?$/);
    expect(e.legend.map((l) => l.label)).toContain('No jobs');
    expect(f.legend.map((l) => l.label)).toContain('Aucun emploi');
    for (const l of f.legend.slice(0, -2)) expect(l.label).toMatch(/ emplois?$/);
  });

  it('captions the attract loop in English, same steps', () => {
    const ref: CommuneRef = { code: '13001', nom: 'Aix-en-Provence', rural: false, bbox: [5.2, 43.4, 5.6, 43.7] };
    const e = buildTour([ref], 'en');
    const f = buildTour([ref], 'fr');
    expect(e.map((s) => s.id)).toEqual(f.map((s) => s.id));
    expect(e.map((s) => s.caption)).toEqual(['Revitalisation funds in figures', 'In priority neighbourhoods', 'In rural communes', 'Aix-en-Provence']);
  });
});

describe('kiosk timeline story in English', () => {
  const sup = (id: string, date: string, jobs: number): Support => ({
    id, companyName: id, siret: null, naf: null, sector: 'C', sizeBand: 'pme', fund: 'airbus', amountEur: 1000, jobsPlanned: null, jobsAchieved: jobs,
    date, address: null, location: [5, 43], precision: 'point', communeCode: '13001', arrondissementCode: null,
    qpvCode: null, qpvSource: null, isMicroEntrepreneur: false,
  });
  const rows = [sup('a', '2019-02-01', 400), sup('b', '2019-03-01', 500), sup('c', '2019-04-01', 600), sup('d', '2020-01-01', 10)];

  it('says the year alone with English numbers and plurals, masked under 3 companies', () => {
    const first = timelineStory(rows, 2019, 'public', 'en');
    expect(first.sentences).toEqual(['2019: the first year of the pooled funds.', 'In 2019 alone: 3 companies supported, 1,500 jobs created.']);
    expect(first.figures.find((f) => f.id === 'jobs')).toMatchObject({ value: '1,500', label: 'jobs created' });
    const next = timelineStory(rows, 2020, 'public', 'en');
    expect(next.sentences).toEqual(['From 2019 to 2020, this is what the three funds made possible.', 'In 2020 alone: fewer than 3 companies supported (confidential).']);
    expect(next.masked).toBe(true);
    // French by default, French formats.
    expect(timelineStory(rows, 2019, 'public').sentences[1]).toBe('En 2019 seulement : 3 entreprises soutenues, 1\u202f500 emplois créés.');
  });
});
