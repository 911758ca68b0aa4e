// A publication: the data package of a published site (data/publication.json), built from a
// dataset with statistical secrecy applied to the data itself. What it holds is safe by
// construction: protected tables (secrecy.ts), companies that consented (never a
// micro-entrepreneur, never a SIRET, an amount or an address), and layoffs per territory (public
// information, see domain/privacy.ts). Pure.

import { jobsOf, type Dataset, type Layoff, type Support } from '../domain/types.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import { isPublishedIndividually, placeOf, supportsInside, yearKey } from './cells.ts';
import { protectTables } from './secrecy.ts';
import { UNKNOWN_YEAR, type PublishedCompany, type PublishedDataset, type PublishedLayoffFigures } from './types.ts';

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Companies published individually, in a stable order (commune, name), with opaque ids. */
export function publishedCompanies(supports: readonly Support[]): PublishedCompany[] {
  return supports
    .filter(isPublishedIndividually)
    .map((s) => {
      const { commune, arrondissement } = placeOf(s);
      const y = yearKey(s);
      return {
        id: '',
        name: s.companyName,
        location: [round5(s.location[0]), round5(s.location[1])] as [number, number],
        precision: s.precision,
        communeCode: commune,
        arrondissementCode: arrondissement,
        qpvCode: s.qpvCode,
        fund: s.fund,
        year: y === UNKNOWN_YEAR ? null : Number(y),
        jobs: jobsOf(s),
        sector: s.sector,
      };
    })
    .sort((a, b) => a.communeCode.localeCompare(b.communeCode) || a.name.localeCompare(b.name, 'fr') || (a.year ?? 0) - (b.year ?? 0))
    .map((c, i) => ({ ...c, id: `e${i + 1}` }));
}

function layoffFigures(layoffs: readonly Layoff[], index: TerritoriesIndex): PublishedDataset['layoffs'] {
  const communes = new Set(index.communes.map((c) => c.code));
  const out: PublishedDataset['layoffs'] = { departement: { jobsCut: 0, layoffs: 0 }, communes: {}, arrondissements: {} };
  const add = (table: Record<string, PublishedLayoffFigures>, code: string, l: Layoff) => {
    const f = (table[code] ??= { jobsCut: 0, layoffs: 0 });
    f.jobsCut += l.jobsCut;
    f.layoffs += 1;
  };
  for (const l of layoffs) {
    const { commune, arrondissement } = placeOf({ communeCode: l.communeCode, arrondissementCode: l.arrondissementCode ?? null });
    if (!communes.has(commune)) continue;
    out.departement.jobsCut += l.jobsCut;
    out.departement.layoffs += 1;
    add(out.communes, commune, l);
    if (arrondissement) add(out.arrondissements, arrondissement, l);
  }
  return out;
}

export interface PublicationOptions {
  /** « Données au » date, AAAA-MM-JJ. */
  date: string;
  /** Source file names (a path is cut to its name). */
  sources: readonly string[];
}

export function buildPublication(dataset: Dataset, index: TerritoriesIndex, opts: PublicationOptions): PublishedDataset {
  const supports = supportsInside(dataset.supports, index);
  return {
    format: 'carte-fonds-revitalisation-13/publication',
    version: 1,
    date: opts.date,
    sources: opts.sources.map((s) => s.split(/[\\/]/).pop() ?? s),
    demo: dataset.kind === 'demo',
    tables: protectTables(supports, index),
    companies: publishedCompanies(supports),
    layoffs: layoffFigures(dataset.layoffs, index),
  };
}
