import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/lib/analysis/aggregate.ts';
import { formatEurShort } from '../../src/lib/text/format.ts';
import {
  arrondissementShortName,
  comparisonColumns,
  departementFigures,
  formatQuarter,
  inPlace,
  layoffsOf,
  niceMax,
  ofPlace,
  printedOn,
  resolveProfile,
  similarTerritories,
  sourcesLine,
  supportList,
  supportsOf,
  territoryFigures,
  yearlyFromTables,
  yearlySeries,
} from '../../src/lib/analysis/profile.ts';
import { protectTables } from '../../src/lib/publication/secrecy.ts';
import { layoffTablesOf, publicAggregation } from '../../src/lib/publication/figures.ts';
import { isSecret } from '../../src/lib/domain/privacy.ts';
import type { Dataset, Layoff, Support } from '../../src/lib/domain/types.ts';
import type { TerritoriesIndex } from '../../src/lib/geodata/types.ts';

const index = JSON.parse(readFileSync('public/data/territoires.json', 'utf8')) as TerritoriesIndex;
const demo = JSON.parse(readFileSync('src/data/demo-dataset.json', 'utf8')) as Dataset;
const agg = aggregate(demo.supports, demo.layoffs, index);
// Public figures: the secrecy engine's tables of the same data.
const tables = protectTables(demo.supports, index);
const pubAgg = publicAggregation(tables, layoffTablesOf(agg), index);

const support = (over: Partial<Support>): Support => ({
  id: 'x',
  companyName: 'Essai (démo)',
  siret: null,
  naf: null,
  sector: null,
  sizeBand: 'pme',
  fund: 'ampa',
  amountEur: 10_000,
  jobsPlanned: 2,
  jobsAchieved: null,
  date: '2021-05-01',
  address: null,
  location: [5, 43.5],
  precision: 'commune',
  communeCode: '13047',
  arrondissementCode: null,
  qpvCode: null,
  qpvSource: null,
  isMicroEntrepreneur: false,
  ...over,
});

describe('resolveProfile', () => {
  it('gives a commune with its context', () => {
    const t = resolveProfile('13047', index)!;
    expect(t.kind).toBe('commune');
    expect(t.name).toBe('Istres');
    expect(t.mapCode).toBe('13047');
    expect(t.epci.nom).toMatch(/Aix-Marseille-Provence/);
    expect(t.zoneEmploi.nom).toBe('Martigues-Salon');
    expect(t.zoneEmploi.tauxChomage).toBeTypeOf('number');
    expect(t.qpv.length).toBe(t.commune.qpvCount);
    expect(t.qpv.every((q) => q.communes.includes('13047'))).toBe(true);
  });

  it('keeps the article of the name', () => {
    expect(resolveProfile('13028', index)!.name).toBe('La Ciotat');
  });

  it('gives an arrondissement with Marseille’s attributes and its own population', () => {
    const t = resolveProfile('13203', index)!;
    expect(t.kind).toBe('arrondissement');
    expect(t.name).toBe('Marseille 3e arrondissement');
    expect(t.shortName).toBe('3e arr.');
    expect(t.mapCode).toBe('13055');
    expect(t.commune.code).toBe('13055');
    expect(t.population).toBe(index.arrondissements.find((a) => a.code === '13203')!.population);
    expect(t.qpv).toEqual([]);
  });

  it('returns null for an unknown code', () => {
    expect(resolveProfile('13999', index)).toBeNull();
    expect(resolveProfile('13217', index)).toBeNull();
  });
});

describe('French wording', () => {
  it('builds "à" and "de" with the article', () => {
    expect(inPlace('Istres')).toBe('à Istres');
    expect(inPlace('La Ciotat')).toBe('à La Ciotat');
    expect(inPlace('Le Rove')).toBe('au Rove');
    expect(inPlace('Les Pennes-Mirabeau')).toBe('aux Pennes-Mirabeau');
    expect(ofPlace('Istres')).toBe('d’Istres');
    expect(ofPlace('Éguilles')).toBe('d’Éguilles');
    expect(ofPlace('Le Rove')).toBe('du Rove');
    expect(ofPlace('Les Pennes-Mirabeau')).toBe('des Pennes-Mirabeau');
    expect(ofPlace('Marseille')).toBe('de Marseille');
  });

  it('formats quarters, arrondissement names and short amounts', () => {
    expect(formatQuarter('2025-T4')).toBe('4e trimestre 2025');
    expect(formatQuarter('2025-T1')).toBe('1er trimestre 2025');
    expect(formatQuarter(null)).toBeNull();
    expect(arrondissementShortName('Marseille 1er arrondissement')).toBe('1er arr.');
    const clean = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(clean(formatEurShort(84_500))).toBe('84 500 €');
    expect(clean(formatEurShort(845_000))).toBe('845 k€');
    expect(clean(formatEurShort(1_291_300))).toBe('1,29 M€');
  });

  it('writes the sources line and the printing date', () => {
    expect(sourcesLine(true)).toMatch(/^Sources : IGN.*données de démonstration/);
    expect(sourcesLine(false)).not.toMatch(/démonstration/);
    expect(printedOn(new Date(2026, 2, 3))).toBe('Fiche imprimée le 3 mars 2026');
  });
});

describe('figures and comparison', () => {
  it('takes the commune, EPCI and département figures, the département per 1,000 on its population', () => {
    const t = resolveProfile('13047', index)!;
    const cols = comparisonColumns(t, agg, index);
    expect(cols.map((c) => c.id)).toEqual(['self', 'epci', 'departement']);
    expect(cols[0].figures.companies).toBe(agg.byCommune['13047'].companies);
    expect(cols[1].figures.jobs).toBe(agg.byEpci[t.epci.code].jobs);
    const dep = departementFigures(agg, index.departement.population);
    expect(dep.jobsPer1000).toBeCloseTo((agg.totals.jobs / index.departement.population) * 1000, 6);
    expect(cols[2].figures.jobsPer1000).toBe(dep.jobsPer1000);
  });

  it('adds Marseille for an arrondissement', () => {
    const t = resolveProfile('13215', index)!;
    const cols = comparisonColumns(t, agg, index);
    expect(cols.map((c) => c.id)).toEqual(['self', 'marseille', 'epci', 'departement']);
    expect(territoryFigures(t, agg)).toBe(agg.byArrondissement['13215']);
  });

  it('masks a commune with 1 or 2 companies in the public figures only', () => {
    const t = resolveProfile('13028', index)!; // La Ciotat: 2 companies in the demo
    expect(agg.byCommune['13028'].companies).toBe(2);
    const pub = comparisonColumns(t, pubAgg, index)[0].figures;
    expect(pub.companies).toEqual({ secret: true, display: 'secret statistique' });
    expect(isSecret(pub.jobs) && pub.jobs.display).toBe('secret statistique');
    expect(isSecret(pub.jobsPer1000)).toBe(true);
    expect(pub.jobsCut).toBe(agg.byCommune['13028'].jobsCut); // layoffs are public
    expect(comparisonColumns(t, agg, index)[0].figures.companies).toBe(2);
  });
});

describe('rows of the territory', () => {
  it('selects supports of a commune, of Marseille and of an arrondissement', () => {
    const rows = [
      support({ id: 'a', communeCode: '13047' }),
      support({ id: 'b', communeCode: '13055', arrondissementCode: '13203' }),
      support({ id: 'c', communeCode: '13203' }),
      support({ id: 'd', communeCode: '13055' }),
    ];
    expect(supportsOf(rows, '13047').map((s) => s.id)).toEqual(['a']);
    expect(supportsOf(rows, '13055').map((s) => s.id)).toEqual(['b', 'c', 'd']);
    expect(supportsOf(rows, '13203').map((s) => s.id)).toEqual(['b', 'c']);
  });

  it('lists layoffs most recent first, arrondissement codes read as Marseille', () => {
    const l = (id: string, communeCode: string, date: string, arr: string | null = null): Layoff => ({
      id, employer: id, siret: null, communeCode, arrondissementCode: arr, location: [5, 43], precision: 'commune', date, jobsCut: 10,
    });
    const rows = [l('a', '13047', '2019-01-01'), l('b', '13047', '2022-01-01'), l('c', '13216', '2020-01-01'), l('d', '13055', '2021-01-01', '13216')];
    expect(layoffsOf(rows, '13047').map((x) => x.id)).toEqual(['b', 'a']);
    expect(layoffsOf(rows, '13055').map((x) => x.id)).toEqual(['d', 'c']);
    expect(layoffsOf(rows, '13216').map((x) => x.id)).toEqual(['d', 'c']);
  });

  it('lists in public mode only the consenting companies that are not micro-entrepreneurs, most recent first', () => {
    const rows = [
      support({ id: 'a', date: '2020-01-01', publishable: true }),
      support({ id: 'b', date: '2022-01-01', publishable: true }),
      support({ id: 'n', date: '2021-01-01', publishable: false }),
      support({ id: 'm1', isMicroEntrepreneur: true, fund: 'adie', publishable: true }),
      support({ id: 'm2', isMicroEntrepreneur: true, fund: 'adie' }),
    ];
    expect(supportList(rows, 'public').map((s) => s.id)).toEqual(['b', 'a']);
    expect(supportList(rows, 'interne')).toHaveLength(5);
  });
});

describe('yearlySeries', () => {
  const rows = [
    support({ id: 'a', siret: '1', date: '2020-02-01', jobsAchieved: 5 }),
    support({ id: 'b', siret: '1', date: '2020-09-01', jobsAchieved: 1 }), // same company
    support({ id: 'c', date: '2020-03-01', jobsPlanned: 3 }),
    support({ id: 'd', date: '2020-04-01', jobsPlanned: 2 }),
    support({ id: 'e', date: '2022-04-01', jobsPlanned: 7 }),
  ];

  it('counts distinct companies and jobs for every year, zeros included', () => {
    expect(yearlySeries(rows, [2019, 2020, 2021, 2022])).toEqual([
      { year: 2019, companies: 0, jobs: 0 },
      { year: 2020, companies: 3, jobs: 11 },
      { year: 2021, companies: 0, jobs: 0 },
      { year: 2022, companies: 1, jobs: 7 },
    ]);
  });

  it('puts the rows without a date in their own point, « année non renseignée », after the years', () => {
    const undated = [...rows, support({ id: 'f', date: '', jobsPlanned: 4 }), support({ id: 'g', date: '', jobsPlanned: 1 })];
    expect(yearlySeries(undated, [2020, 2022])).toEqual([
      { year: 2020, companies: 3, jobs: 11 },
      { year: 2022, companies: 1, jobs: 7 },
      { year: null, companies: 2, jobs: 5 },
    ]);
    const t = { ...tables, years: { '2020': { companies: 3, jobs: 11, amountEur: 100 }, inconnue: { companies: 4, jobs: 6, amountEur: 50 } } };
    expect(yearlyFromTables(t, [2020]).at(-1)).toEqual({ year: null, companies: 4, jobs: 6 });
  });

  it('reads the published département by year in public mode, suppressed years as secrets', () => {
    const t = { ...tables, years: { '2020': { companies: 3, jobs: 11, amountEur: 100 }, '2022': { companies: null, jobs: null, amountEur: null } } };
    const pub = yearlyFromTables(t, [2019, 2020, 2022]);
    expect(pub[0]).toEqual({ year: 2019, companies: 0, jobs: 0 });
    expect(pub[1]).toEqual({ year: 2020, companies: 3, jobs: 11 });
    expect(isSecret(pub[2].companies) && isSecret(pub[2].jobs)).toBe(true);
  });

  it('gives nice axis maxima', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(40)).toBe(50);
    expect(niceMax(132)).toBe(200);
    expect(niceMax(100)).toBe(100);
  });
});

describe('similarTerritories', () => {
  it('keeps up to 10 communes of the same density, the commune itself included, by jobs per 1,000', () => {
    const t = resolveProfile('13047', index)!;
    const rows = similarTerritories(t, 'densite', agg, index);
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => r.isSelf).map((r) => r.code)).toEqual(['13047']);
    const dens = new Map(index.communes.map((c) => [c.code, c.densite]));
    expect(rows.every((r) => dens.get(r.code) === t.commune.densite)).toBe(true);
    const v = rows.map((r) => r.figures.jobsPer1000 as number);
    expect([...v].sort((a, b) => b - a)).toEqual(v);
  });

  it('compares within the EPCI, and puts masked figures last in public mode', () => {
    const t = resolveProfile('13047', index)!;
    const rows = similarTerritories(t, 'epci', pubAgg, index);
    expect(rows.length).toBeLessThanOrEqual(10);
    const firstMasked = rows.findIndex((r) => isSecret(r.figures.jobsPer1000));
    if (firstMasked >= 0) expect(rows.slice(firstMasked).every((r) => isSecret(r.figures.jobsPer1000))).toBe(true);
  });

  it('compares an arrondissement with the other arrondissements, or Marseille with its EPCI', () => {
    const t = resolveProfile('13203', index)!;
    const arr = similarTerritories(t, 'arrondissements', agg, index);
    expect(arr).toHaveLength(10);
    expect(arr.find((r) => r.isSelf)?.code).toBe('13203');
    const epci = similarTerritories(t, 'epci', agg, index);
    expect(epci.find((r) => r.isSelf)?.code).toBe('13055');
  });
});
