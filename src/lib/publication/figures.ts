// Public figures as the views read them: an AggregationResult rebuilt from the secrecy engine's
// tables (ProtectedTables), in the internal app's public mode (tables of the filtered data) and
// on a published site (tables of data/publication.json). A suppressed measure is flagged in
// `secret` and set to 0, so that every view keeps one shape of figures and domain/privacy.ts
// alone turns the flags into « secret statistique ». Pure.

import type { AggregationResult, SecretFlags, TerritoryFigures } from '../domain/figures.ts';
import type { Dataset, Support } from '../domain/types.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import { MEASURES, type ProtectedTables, type PublishedCompany, type PublishedDataset, type PublishedFigures, type PublishedLayoffFigures } from './types.ts';


/** Layoffs per territory: public information, published as is. */
export interface LayoffTables {
  departement: PublishedLayoffFigures;
  communes: Record<string, PublishedLayoffFigures>;
  arrondissements: Record<string, PublishedLayoffFigures>;
}

/** Layoff tables of a (raw) aggregation, for the internal app's public mode. */
export function layoffTablesOf(agg: AggregationResult): LayoffTables {
  const pick = (rec: Record<string, TerritoryFigures>) =>
    Object.fromEntries(Object.entries(rec).map(([code, f]) => [code, { jobsCut: f.jobsCut, layoffs: f.layoffs }]));
  return {
    departement: { jobsCut: agg.totals.jobsCut, layoffs: agg.totals.layoffs },
    communes: pick(agg.byCommune),
    arrondissements: pick(agg.byArrondissement),
  };
}

const NOTHING: PublishedFigures = { companies: 0, jobs: 0, amountEur: 0 };
const NO_LAYOFF: PublishedLayoffFigures = { jobsCut: 0, layoffs: 0 };

function flagsOf(cell: PublishedFigures): SecretFlags | undefined {
  const flags: SecretFlags = {};
  for (const m of MEASURES) if (cell[m] === null) flags[m] = true;
  return Object.keys(flags).length ? flags : undefined;
}

/** Figures of one published cell (a territory absent from the table got nothing). */
export function figuresOfCell(cell: PublishedFigures | undefined, population: number | null, cut: PublishedLayoffFigures = NO_LAYOFF): TerritoryFigures {
  const c = cell ?? NOTHING;
  const secret = flagsOf(c);
  const companies = c.companies ?? 0;
  const jobs = c.jobs ?? 0;
  const amountEur = c.amountEur ?? 0;
  return {
    companies,
    jobs,
    amountEur,
    population,
    jobsPer1000: population !== null && population > 0 && c.jobs !== null ? (jobs / population) * 1000 : null,
    eurPerJob: jobs > 0 && c.amountEur !== null && c.jobs !== null ? amountEur / jobs : null,
    jobsCut: cut.jobsCut,
    layoffs: cut.layoffs,
    ...(secret ? { secret } : {}),
  };
}

const sumLayoffs = (items: readonly (PublishedLayoffFigures | undefined)[]): PublishedLayoffFigures =>
  items.reduce<PublishedLayoffFigures>((a, x) => ({ jobsCut: a.jobsCut + (x?.jobsCut ?? 0), layoffs: a.layoffs + (x?.layoffs ?? 0) }), { jobsCut: 0, layoffs: 0 });

/** part / whole of one measure, null when either is suppressed (0 when the whole is 0). */
const shareOf = (part: number | null, whole: number | null): number | null => (part === null || whole === null ? null : whole > 0 ? part / whole : 0);

/** Sum of cells, null as soon as one is suppressed (the sum would reveal it). */
function sumCells(cells: readonly PublishedFigures[]): PublishedFigures {
  const out: PublishedFigures = { companies: 0, jobs: 0, amountEur: 0 };
  for (const c of cells) for (const m of MEASURES) out[m] = out[m] === null || c[m] === null ? null : out[m]! + c[m]!;
  return out;
}

/** The figures every view reads in public mode, from the engine's tables. */
export function publicAggregation(tables: ProtectedTables, layoffs: LayoffTables, index: TerritoriesIndex): AggregationResult {
  const cutOf = (code: string) => layoffs.communes[code];
  const members = (of: (c: TerritoriesIndex['communes'][number]) => boolean) => index.communes.filter(of);
  const popOf = (cs: readonly { population: number }[]) => cs.reduce((a, c) => a + c.population, 0);

  const byCommune: Record<string, TerritoryFigures> = {};
  for (const c of index.communes) byCommune[c.code] = figuresOfCell(tables.communes[c.code], c.population, cutOf(c.code));
  const byArrondissement: Record<string, TerritoryFigures> = {};
  for (const a of index.arrondissements) byArrondissement[a.code] = figuresOfCell(tables.arrondissements[a.code], a.population, layoffs.arrondissements[a.code]);
  const byQpv: Record<string, TerritoryFigures> = {};
  for (const q of index.qpv) byQpv[q.code] = figuresOfCell(tables.qpv[q.code], null);
  const byEpci: Record<string, TerritoryFigures> = {};
  for (const e of index.epci) byEpci[e.code] = figuresOfCell(tables.epci[e.code], e.population, sumLayoffs(members((c) => c.epci === e.code).map((c) => cutOf(c.code))));
  const byZoneEmploi: Record<string, TerritoryFigures> = {};
  for (const z of index.zonesEmploi) {
    const ms = members((c) => c.ze === z.code);
    byZoneEmploi[z.code] = figuresOfCell(tables.zonesEmploi[z.code], popOf(ms), sumLayoffs(ms.map((c) => cutOf(c.code))));
  }
  const ruralMembers = members((c) => c.rural);
  const urbanMembers = members((c) => !c.rural);
  const rural = figuresOfCell(tables.rural, popOf(ruralMembers), sumLayoffs(ruralMembers.map((c) => cutOf(c.code))));
  const urban = figuresOfCell(tables.urban, popOf(urbanMembers), sumLayoffs(urbanMembers.map((c) => cutOf(c.code))));

  const d = tables.departement;
  const dep = figuresOfCell(d, index.departement.population, layoffs.departement);
  const inQpv = sumCells(index.qpv.map((q) => tables.qpv[q.code] ?? NOTHING));
  const ruralPop = popOf(ruralMembers);
  const allPop = ruralPop + popOf(urbanMembers);
  return {
    totals: {
      companies: dep.companies,
      jobs: dep.jobs,
      amountEur: dep.amountEur,
      jobsCut: dep.jobsCut,
      layoffs: dep.layoffs,
      ...(dep.secret ? { secret: dep.secret } : {}),
    },
    byCommune,
    byArrondissement,
    byQpv,
    byEpci,
    byZoneEmploi,
    rural,
    urban,
    shares: {
      qpv: { companies: shareOf(inQpv.companies, d.companies), jobs: shareOf(inQpv.jobs, d.jobs), amountEur: shareOf(inQpv.amountEur, d.amountEur), population: null },
      rural: {
        companies: shareOf(tables.rural.companies, d.companies),
        jobs: shareOf(tables.rural.jobs, d.jobs),
        amountEur: shareOf(tables.rural.amountEur, d.amountEur),
        population: allPop > 0 ? ruralPop / allPop : 0,
      },
    },
  };
}

/** A published company as a Support the map and lists can draw (no SIRET, no amount: never shown in public mode). */
export function supportOfCompany(c: PublishedCompany): Support {
  return {
    id: c.id,
    companyName: c.name,
    siret: null,
    naf: null,
    sector: c.sector,
    sizeBand: 'inconnue',
    fund: c.fund,
    amountEur: 0,
    jobsPlanned: null,
    jobsAchieved: c.jobs,
    date: c.year !== null ? `${c.year}-01-01` : '',
    dateIsYearOnly: true,
    address: null,
    location: c.location,
    precision: c.precision,
    communeCode: c.communeCode,
    arrondissementCode: c.arrondissementCode,
    qpvCode: c.qpvCode,
    qpvSource: null,
    isMicroEntrepreneur: false,
    publishable: true,
  };
}

/** The dataset a published site shows: its published companies only (figures come from the tables). */
export function datasetOfPublication(p: PublishedDataset): Dataset {
  return { kind: p.demo ? 'demo' : 'import', label: p.demo ? 'Données de démonstration' : `Données au ${p.date}`, createdAt: p.date, supports: p.companies.map(supportOfCompany), layoffs: [] };
}

/** Layoff tables of a published package (Marseille's communes entry already includes its arrondissements). */
export const layoffTablesOfPublication = (p: PublishedDataset): LayoffTables => ({ ...p.layoffs });

/** The package, or an error in French when the file is not a publication of this app. */
export function parsePublication(json: unknown): { ok: true; publication: PublishedDataset } | { ok: false; error: string } {
  const p = json as Partial<PublishedDataset> | null;
  if (!p || typeof p !== 'object' || p.format !== 'carte-fonds-revitalisation-13/publication') {
    return { ok: false, error: 'Le fichier de données publiées n’est pas une publication de la carte des fonds de revitalisation.' };
  }
  if (p.version !== 1) return { ok: false, error: `Version de publication non prise en charge (${String(p.version)}).` };
  const t = p.tables as Partial<ProtectedTables> | undefined;
  const okTables = !!t && typeof t === 'object' && !!t.departement && !!t.communes && !!t.epci && !!t.zonesEmploi && !!t.arrondissements && !!t.qpv && !!t.rural && !!t.urban && !!t.funds && !!t.years && Array.isArray(t.suppressions);
  if (!okTables) return { ok: false, error: 'Publication incomplète : tableaux de chiffres manquants.' };
  if (!Array.isArray(p.companies) || !p.layoffs || typeof p.date !== 'string' || !Array.isArray(p.sources)) {
    return { ok: false, error: 'Publication incomplète : date, sources, entreprises ou licenciements manquants.' };
  }
  return { ok: true, publication: p as PublishedDataset };
}

