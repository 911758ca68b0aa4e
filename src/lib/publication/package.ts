// Reading a published data package (data/publication.json, or the file « Préparer la
// publication » downloads) that comes from outside: checked field by field and copied through a
// whitelist, so that nothing but the contract's fields (no SIRET, no amount per company, no extra
// key a hand edit may have added) reaches a published site. Pure.

import { FUND_IDS } from '../domain/funds.ts';
import type { FundId, LocationPrecision } from '../domain/types.ts';
import {
  MEASURES,
  type CellLevel,
  type ProtectedTables,
  type PublishedCompany,
  type PublishedDataset,
  type PublishedFigures,
  type PublishedLayoffFigures,
  type Suppression,
  type SuppressionReason,
} from './types.ts';

export const PUBLICATION_FORMAT = 'carte-fonds-revitalisation-13/publication';

/** The package is unusable; the message (French) names the field. */
export class PackageError extends Error {}

const LEVELS: readonly CellLevel[] = ['departement', 'epci', 'zonesEmploi', 'communes', 'arrondissements', 'qpv', 'rural', 'urban', 'funds', 'years'];
const REASONS: readonly SuppressionReason[] = ['frequence', 'dominance', 'residuel', 'secondaire'];
const PRECISIONS: readonly LocationPrecision[] = ['point', 'commune', 'arrondissement'];

type Obj = Record<string, unknown>;

function bad(path: string, what: string): never {
  throw new PackageError(`Paquet de publication invalide : ${path} ${what}.`);
}

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(path, "n'est pas un objet");
  return v as Obj;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string') bad(path, "n'est pas un texte");
  return v;
}

function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) bad(path, "n'est pas un nombre positif");
  return v;
}

function strOrNull(v: unknown, path: string): string | null {
  return v === null ? null : str(v, path);
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
  if (!allowed.includes(v as T)) bad(path, `n'est pas l'une des valeurs ${allowed.join(', ')}`);
  return v as T;
}

function figures(v: unknown, path: string): PublishedFigures {
  const o = obj(v, path);
  const m = (k: 'companies' | 'jobs' | 'amountEur') => (o[k] === null ? null : num(o[k], `${path}.${k}`));
  return { companies: m('companies'), jobs: m('jobs'), amountEur: m('amountEur') };
}

// Record keys become object keys of the copy: refuse the ones that would not be plain data.
function record<T>(v: unknown, path: string, item: (x: unknown, p: string) => T): Record<string, T> {
  const o = obj(v, path);
  const out: Record<string, T> = {};
  for (const k of Object.keys(o)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') bad(`${path}.${k}`, "n'est pas un code de territoire");
    out[k] = item(o[k], `${path}.${k}`);
  }
  return out;
}

function tables(v: unknown): ProtectedTables {
  const o = obj(v, 'tables');
  const funds = obj(o.funds, 'tables.funds');
  const suppressions = o.suppressions;
  if (!Array.isArray(suppressions)) bad('tables.suppressions', "n'est pas une liste");
  return {
    departement: figures(o.departement, 'tables.departement'),
    epci: record(o.epci, 'tables.epci', figures),
    zonesEmploi: record(o.zonesEmploi, 'tables.zonesEmploi', figures),
    communes: record(o.communes, 'tables.communes', figures),
    arrondissements: record(o.arrondissements, 'tables.arrondissements', figures),
    qpv: record(o.qpv, 'tables.qpv', figures),
    rural: figures(o.rural, 'tables.rural'),
    urban: figures(o.urban, 'tables.urban'),
    funds: Object.fromEntries(FUND_IDS.map((f) => [f, figures(funds[f], `tables.funds.${f}`)])) as Record<FundId, PublishedFigures>,
    years: record(o.years, 'tables.years', figures),
    suppressions: suppressions.map((s, i): Suppression => {
      const p = `tables.suppressions[${i}]`;
      const x = obj(s, p);
      return {
        level: oneOf(x.level, LEVELS, `${p}.level`),
        code: str(x.code, `${p}.code`),
        measure: oneOf(x.measure, MEASURES, `${p}.measure`),
        reason: oneOf(x.reason, REASONS, `${p}.reason`),
      };
    }),
  };
}

function company(v: unknown, i: number): PublishedCompany {
  const p = `companies[${i}]`;
  const o = obj(v, p);
  const loc = o.location;
  if (!Array.isArray(loc) || loc.length !== 2 || !loc.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    bad(`${p}.location`, "n'est pas un point [longitude, latitude]");
  }
  const year = o.year;
  if (year !== null && !(typeof year === 'number' && Number.isInteger(year))) bad(`${p}.year`, "n'est pas une année");
  return {
    id: str(o.id, `${p}.id`),
    name: str(o.name, `${p}.name`),
    location: [loc[0], loc[1]],
    precision: oneOf(o.precision, PRECISIONS, `${p}.precision`),
    communeCode: str(o.communeCode, `${p}.communeCode`),
    arrondissementCode: strOrNull(o.arrondissementCode, `${p}.arrondissementCode`),
    qpvCode: strOrNull(o.qpvCode, `${p}.qpvCode`),
    fund: oneOf(o.fund, FUND_IDS, `${p}.fund`),
    year: year as number | null,
    jobs: num(o.jobs, `${p}.jobs`),
    sector: strOrNull(o.sector, `${p}.sector`),
  };
}

function layoffFigures(v: unknown, path: string): PublishedLayoffFigures {
  const o = obj(v, path);
  return { jobsCut: num(o.jobsCut, `${path}.jobsCut`), layoffs: num(o.layoffs, `${path}.layoffs`) };
}

/** True when a parsed JSON value claims to be a publication package (a funds GeoJSON does not). */
export function isPublicationPackage(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Obj).format === PUBLICATION_FORMAT;
}

/** Checks a package (parsed JSON) and returns a copy with the contract's fields only. Throws PackageError. */
export function parsePublishedDataset(value: unknown): PublishedDataset {
  const o = obj(value, 'le fichier');
  if (o.format !== PUBLICATION_FORMAT) bad('format', `n'est pas « ${PUBLICATION_FORMAT} »`);
  if (o.version !== 1) bad('version', "n'est pas 1 (paquet produit par une autre version de l'application)");
  const date = str(o.date, 'date');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) bad('date', "n'est pas une date AAAA-MM-JJ");
  if (!Array.isArray(o.sources)) bad('sources', "n'est pas une liste");
  if (typeof o.demo !== 'boolean') bad('demo', "n'est pas vrai ou faux");
  if (!Array.isArray(o.companies)) bad('companies', "n'est pas une liste");
  const layoffs = obj(o.layoffs, 'layoffs');
  return {
    format: PUBLICATION_FORMAT,
    version: 1,
    date,
    // Names only, never a path of the staff's machine.
    sources: o.sources.map((s, i) => str(s, `sources[${i}]`).split(/[\\/]/).pop() ?? ''),
    demo: o.demo,
    tables: tables(o.tables),
    companies: o.companies.map(company),
    layoffs: {
      departement: layoffFigures(layoffs.departement, 'layoffs.departement'),
      communes: record(layoffs.communes, 'layoffs.communes', layoffFigures),
      arrondissements: record(layoffs.arrondissements, 'layoffs.arrondissements', layoffFigures),
    },
  };
}
