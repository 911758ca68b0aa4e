// TEMPORARY STUB (app side of issue 12): the lead's publish.ts replaces this file on merge.

import type { Dataset, Support } from '../domain/types.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import { mayShowIndividually } from '../domain/privacy.ts';
import { protectTables } from './secrecy.ts';
import type { PublishedCompany, PublishedDataset, PublishedLayoffFigures } from './types.ts';

export function publishedCompanies(supports: readonly Support[]): PublishedCompany[] {
  return supports.filter(mayShowIndividually).map((s, i) => ({
    id: `e${i + 1}`,
    name: s.companyName,
    location: s.location,
    precision: s.precision,
    communeCode: s.communeCode,
    arrondissementCode: s.arrondissementCode,
    qpvCode: s.qpvCode,
    fund: s.fund,
    year: s.date ? Number(s.date.slice(0, 4)) : null,
    jobs: s.jobsAchieved ?? s.jobsPlanned ?? 0,
    sector: s.sector,
  }));
}

export function buildPublication(dataset: Dataset, index: TerritoriesIndex, opts: { date: string; sources: string[] }): PublishedDataset {
  const add = (rec: Record<string, PublishedLayoffFigures>, code: string, jobsCut: number) => {
    const r = (rec[code] ??= { jobsCut: 0, layoffs: 0 });
    r.jobsCut += jobsCut;
    r.layoffs += 1;
  };
  const communes: Record<string, PublishedLayoffFigures> = {};
  const arrondissements: Record<string, PublishedLayoffFigures> = {};
  for (const l of dataset.layoffs) {
    const arr = /^132\d\d$/.test(l.communeCode) ? l.communeCode : (l.arrondissementCode ?? null);
    add(communes, arr ? '13055' : l.communeCode, l.jobsCut);
    if (arr) add(arrondissements, arr, l.jobsCut);
  }
  return {
    format: 'carte-fonds-revitalisation-13/publication',
    version: 1,
    date: opts.date,
    sources: opts.sources,
    demo: dataset.kind === 'demo',
    tables: protectTables(dataset.supports, index),
    companies: publishedCompanies(dataset.supports),
    layoffs: {
      departement: { jobsCut: dataset.layoffs.reduce((a, l) => a + l.jobsCut, 0), layoffs: dataset.layoffs.length },
      communes,
      arrondissements,
    },
  };
}
