// Public figures (publication/figures.ts) and how every output treats a suppressed figure: the
// choropleth and the bivariate map never class it, the zones blanches never list it, the gap
// table and its exports write « secret statistique » (class included).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/lib/analysis/aggregate.ts';
import { buildChoropleth, SECRET_COLOR, SECRET_LEGEND_LABEL } from '../../src/lib/analysis/choropleth.ts';
import { bivariate, buildGapRows, whiteZones } from '../../src/lib/analysis/gaps.ts';
import type { Dataset } from '../../src/lib/domain/types.ts';
import type { TerritoriesIndex } from '../../src/lib/geodata/types.ts';
import { datasetOfPublication, figuresOfCell, layoffTablesOf, parsePublication, publicAggregation } from '../../src/lib/publication/figures.ts';
import { formatDateFr, isIsoDate } from '../../src/lib/publication/labels.ts';
import type { ProtectedTables, PublishedDataset } from '../../src/lib/publication/types.ts';
import { gapColumns } from '../../src/lib/views/gap-columns.ts';

const index = JSON.parse(readFileSync('public/data/territoires.json', 'utf8')) as TerritoriesIndex;
const demo = JSON.parse(readFileSync('src/data/demo-dataset.json', 'utf8')) as Dataset;
const raw = aggregate(demo.supports, demo.layoffs, index);

/** Published tables equal to the raw figures, with some cells suppressed by hand. */
function tablesOf(suppressed: Record<string, ('companies' | 'jobs' | 'amountEur')[]>): ProtectedTables {
  const cell = (f: { companies: number; jobs: number; amountEur: number }, code: string) => {
    const c = { companies: f.companies, jobs: f.jobs, amountEur: f.amountEur } as { companies: number | null; jobs: number | null; amountEur: number | null };
    for (const m of suppressed[code] ?? []) c[m] = null;
    return c;
  };
  const rec = (r: Record<string, { companies: number; jobs: number; amountEur: number }>) => Object.fromEntries(Object.entries(r).map(([k, f]) => [k, cell(f, k)]));
  return {
    departement: cell(raw.totals, 'departement'),
    epci: rec(raw.byEpci),
    zonesEmploi: rec(raw.byZoneEmploi),
    communes: rec(raw.byCommune),
    arrondissements: rec(raw.byArrondissement),
    qpv: rec(raw.byQpv),
    rural: cell(raw.rural, 'rural'),
    urban: cell(raw.urban, 'urban'),
    funds: { ampa: { companies: 1, jobs: 1, amountEur: 1 }, airbus: { companies: 1, jobs: 1, amountEur: 1 }, adie: { companies: 1, jobs: 1, amountEur: 1 } },
    years: {},
    suppressions: [],
  };
}

const ARLES = '13004';
const tables = tablesOf({ [ARLES]: ['companies', 'jobs', 'amountEur'], '13001': ['amountEur'] });
const pub = publicAggregation(tables, layoffTablesOf(raw), index);

describe('publicAggregation', () => {
  it('keeps published figures, flags suppressed ones (0, never the value) and their ratios', () => {
    expect(pub.byCommune['13005']).toEqual({ ...raw.byCommune['13005'] });
    const arles = pub.byCommune[ARLES];
    expect(arles.secret).toEqual({ companies: true, jobs: true, amountEur: true });
    expect([arles.companies, arles.jobs, arles.amountEur, arles.jobsPer1000, arles.eurPerJob]).toEqual([0, 0, 0, null, null]);
    expect(arles.jobsCut).toBe(raw.byCommune[ARLES].jobsCut);
    const aix = pub.byCommune['13001'];
    expect(aix.secret).toEqual({ amountEur: true });
    expect(aix.jobsPer1000).toBeCloseTo(raw.byCommune['13001'].jobsPer1000!, 9);
    expect(aix.eurPerJob).toBeNull();
  });

  it('gives layoffs of groups as the sum of their communes, and shares only from published cells', () => {
    for (const e of index.epci) expect(pub.byEpci[e.code].jobsCut).toBe(raw.byEpci[e.code].jobsCut);
    expect(pub.rural.jobsCut).toBe(raw.rural.jobsCut);
    expect(pub.shares.rural.jobs).toBeCloseTo(raw.shares.rural.jobs!, 9);
    const qpvSecret = publicAggregation(tablesOf({ [index.qpv[0].code]: ['jobs'] }), layoffTablesOf(raw), index);
    expect(qpvSecret.shares.qpv.jobs).toBeNull();
    expect(qpvSecret.shares.qpv.companies).toBeCloseTo(raw.shares.qpv.companies!, 9);
    const depSecret = publicAggregation(tablesOf({ departement: ['jobs'] }), layoffTablesOf(raw), index);
    expect(depSecret.totals.secret).toEqual({ jobs: true });
    expect(depSecret.shares.rural.jobs).toBeNull();
  });

  it('reads a territory missing from a table as one that got nothing', () => {
    expect(figuresOfCell(undefined, 1000)).toMatchObject({ companies: 0, jobs: 0, amountEur: 0, jobsPer1000: 0 });
  });
});

describe('a suppressed territory is never classed', () => {
  it('choropleth: own « secret statistique » class, out of the breaks and their counts', () => {
    const open = buildChoropleth(raw.byCommune, 'jobs', 'quantile', 5);
    const c = buildChoropleth(pub.byCommune, 'jobs', 'quantile', 5);
    const secretIdx = c.colors.indexOf(SECRET_COLOR);
    expect(c.classes.get(ARLES)).toBe(secretIdx);
    expect(c.legend.at(-1)).toEqual({ label: SECRET_LEGEND_LABEL, color: SECRET_COLOR, count: 1 });
    // The breaks are those of the other communes.
    const others = Object.fromEntries(Object.entries(raw.byCommune).filter(([k]) => k !== ARLES));
    expect(c.breaks).toEqual(buildChoropleth(others, 'jobs', 'quantile', 5).breaks);
    expect(c.legend.reduce((a, l) => a + l.count, 0)).toBe(119);
    expect(open.classes.get(ARLES)).not.toBe(open.colors.indexOf(SECRET_COLOR));
    // Indicators on another measure: Aix's euros per job are secret, its jobs are not.
    const perJob = buildChoropleth(pub.byCommune, 'eurPerJob', 'quantile', 5);
    expect(perJob.classes.get('13001')).toBe(perJob.colors.indexOf(SECRET_COLOR));
    expect(c.classes.get('13001')).not.toBe(secretIdx);
    // Layoffs are public: Arles is classed by jobs cut.
    const cut = buildChoropleth(pub.byCommune, 'jobsCut', 'quantile', 5);
    expect(cut.classes.get(ARLES)).not.toBe(cut.colors.indexOf(SECRET_COLOR));
  });

  it('bivariate map, zones blanches and gap table (screen and CSV): « secret statistique », never « soutien moyen »', () => {
    const rows = buildGapRows('commune', pub, index);
    const arlesRow = rows.find((r) => r.code === ARLES)!;
    expect(arlesRow.support.jobs).toBeNull();
    expect(arlesRow.secretSupport).toContain('jobs');
    const b = bivariate(rows, 'jobsCut', 'jobs');
    expect(b.secret).toEqual([ARLES]);
    expect(b.classes.has(ARLES)).toBe(false);
    expect(b.missing).not.toContain(ARLES);
    expect(b.counts.flat().reduce((a, n) => a + n, 0)).toBe(118);
    expect(whiteZones(rows, 'jobsCut', 'jobs').map((z) => z.code)).not.toContain(ARLES);
    const cols = gapColumns({ needId: 'jobsCut', supportId: 'jobs', result: b, white: new Map() });
    const col = (key: string) => cols.find((c) => c.key === key)!;
    expect(col('class').value(arlesRow)).toBe('secret statistique');
    expect(col('class').display(arlesRow)).toBe('secret statistique');
    expect(col('support.jobs').display(arlesRow)).toBe('secret statistique');
    expect(col('figures.jobs').display(arlesRow)).toBe('secret statistique');
    expect(col('coverage').display(arlesRow)).toBe('secret statistique');
    // The same rows in internal figures are classed.
    const internal = bivariate(buildGapRows('commune', raw, index), 'jobsCut', 'jobs');
    expect(internal.classes.has(ARLES)).toBe(true);
  });
});

describe('published package', () => {
  const pkg: PublishedDataset = {
    format: 'carte-fonds-revitalisation-13/publication',
    version: 1,
    date: '2026-03-31',
    sources: ['fonds-2026.xlsx'],
    demo: false,
    tables,
    companies: [
      { id: 'e1', name: 'Atelier', location: [5.4, 43.3], precision: 'point', communeCode: '13001', arrondissementCode: null, qpvCode: null, fund: 'ampa', year: 2021, jobs: 4, sector: 'C' },
      { id: 'e2', name: 'Sans date', location: [5.4, 43.3], precision: 'commune', communeCode: '13001', arrondissementCode: null, qpvCode: null, fund: 'airbus', year: null, jobs: 1, sector: null },
    ],
    layoffs: { departement: { jobsCut: 0, layoffs: 0 }, communes: {}, arrondissements: {} },
  };

  it('is checked before use, with a French message', () => {
    expect(parsePublication(pkg)).toEqual({ ok: true, publication: pkg });
    expect(parsePublication(null).ok).toBe(false);
    expect(parsePublication({ ...pkg, format: 'autre' })).toMatchObject({ ok: false, error: expect.stringMatching(/n’est pas une publication/) });
    expect(parsePublication({ ...pkg, version: 2 })).toMatchObject({ ok: false, error: expect.stringMatching(/Version/) });
    expect(parsePublication({ ...pkg, tables: { ...tables, communes: undefined } }).ok).toBe(false);
    expect(parsePublication({ ...pkg, companies: undefined }).ok).toBe(false);
  });

  it('becomes a dataset of its published companies only: no SIRET, no amount, consenting', () => {
    const d = datasetOfPublication(pkg);
    expect(d.kind).toBe('import');
    expect(datasetOfPublication({ ...pkg, demo: true }).kind).toBe('demo');
    expect(d.supports.map((s) => [s.id, s.siret, s.amountEur, s.publishable, s.isMicroEntrepreneur, s.jobsAchieved])).toEqual([
      ['e1', null, 0, true, false, 4],
      ['e2', null, 0, true, false, 1],
    ]);
    expect(d.supports[0].date).toBe('2021-01-01');
    expect(d.supports[1].date).toBe('');
    expect(d.layoffs).toEqual([]);
  });

  it('writes the « Données au » date in French and checks the date field', () => {
    expect(formatDateFr('2026-03-31')).toBe('31 mars 2026');
    expect(formatDateFr('n’importe')).toBe('n’importe');
    expect([isIsoDate('2026-02-28'), isIsoDate('2026-02-30'), isIsoDate('26-02-28'), isIsoDate('')]).toEqual([true, false, false, false]);
  });
});
