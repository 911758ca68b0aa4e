// Commune profile for elected officials (`#/commune/<code>`): what the page shows about one commune
// or one Marseille arrondissement. Pure: no DOM, no Svelte, no MapLibre.
//
// - `resolveProfile(code, index)`: the territory (commune or arrondissement) with its context
//   (EPCI, density, FRR, zone d'emploi and its unemployment rate, income, QPV). An arrondissement
//   takes the commune-level attributes of Marseille (EPCI, density, zone d'emploi) and its own
//   population, income and social minima.
// - `comparisonColumns(...)`: the territory beside its EPCI and the département (and Marseille for
//   an arrondissement), masked for the public mode.
// - `yearlySeries(...)`: companies and jobs per year.
// - `supportsOf` / `layoffsOf`: rows of the territory. `supportList(...)`: what may be listed.
// - `similarTerritories(...)`: comparable communes (same density class or same EPCI).
//
// Privacy: every figure goes through maskFigures() (see domain/privacy.ts); public figures come
// from the secrecy engine's tables and carry their suppressions.
// Known limit (as stated there): secondary secrecy is not handled (a masked year can sometimes be
// recovered from the commune total minus the other years).

import { jobsOf, UNKNOWN_YEAR, type Layoff, type Support } from '../domain/types.ts';
import type { AggregationResult, TerritoryFigures } from './types.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import { DEFAULT_LOCALE, LOCALE_TAGS, type Locale } from '../text/locale.ts';
import { profile as profileText } from '../i18n/messages/profile.ts';
import { maskFigures, SECRET, visibleSupports, type MaskedFigures, type MaybeSecret, type PrivacyMode } from '../domain/privacy.ts';

export const MARSEILLE = '13055';
const ARRONDISSEMENT_RE = /^132(0[1-9]|1[0-6])$/;

type IndexCommune = TerritoriesIndex['communes'][number];
type IndexQpv = TerritoriesIndex['qpv'][number];
export type Bbox = [number, number, number, number];

export const isArrondissementCode = (code: string) => ARRONDISSEMENT_RE.test(code);

export interface ProfileTerritory {
  kind: 'commune' | 'arrondissement';
  code: string;
  /** With its article ("La Ciotat"), or "Marseille 3e arrondissement". */
  name: string;
  /** Short name for table headers ("Istres", "3e arr."). */
  shortName: string;
  population: number;
  bbox: Bbox;
  /** Commune to highlight on the map (13055 for an arrondissement). */
  mapCode: string;
  /** The commune itself, or Marseille for an arrondissement. */
  commune: IndexCommune;
  revenuMedian: number | null;
  partMinimaSociaux: number | null;
  postalCodes: string[];
  epci: { code: string; nom: string; population: number | null };
  zoneEmploi: { code: string; nom: string; tauxChomage: number | null; trimestre: string | null };
  /** QPV of the commune (none listed for an arrondissement: QPVs carry no arrondissement). */
  qpv: IndexQpv[];
}

/** The profile's territory, or null when the code is unknown. */
export function resolveProfile(code: string, index: TerritoriesIndex): ProfileTerritory | null {
  const arr = isArrondissementCode(code) ? index.arrondissements.find((a) => a.code === code) : undefined;
  const commune = index.communes.find((c) => c.code === (arr ? MARSEILLE : code));
  if (!commune || (isArrondissementCode(code) && !arr)) return null;
  const epci = index.epci.find((e) => e.code === commune.epci);
  const ze = index.zonesEmploi.find((z) => z.code === commune.ze);
  const base = {
    commune,
    epci: { code: commune.epci, nom: epci?.nom ?? commune.epciNom, population: epci?.population ?? null },
    zoneEmploi: { code: commune.ze, nom: ze?.nom ?? commune.zeNom, tauxChomage: ze?.tauxChomage ?? null, trimestre: ze?.trimestre ?? null },
  };
  if (arr) {
    return {
      ...base,
      kind: 'arrondissement',
      code: arr.code,
      name: arr.nom,
      shortName: arrondissementShortName(arr.nom),
      population: arr.population,
      bbox: arr.bbox,
      mapCode: MARSEILLE,
      revenuMedian: arr.revenuMedian,
      partMinimaSociaux: arr.partMinimaSociaux,
      postalCodes: arr.codesPostaux,
      qpv: [],
    };
  }
  return {
    ...base,
    kind: 'commune',
    code: commune.code,
    name: commune.nom,
    shortName: commune.nom,
    population: commune.population,
    bbox: commune.bbox,
    mapCode: commune.code,
    revenuMedian: commune.revenuMedian,
    partMinimaSociaux: commune.partMinimaSociaux,
    postalCodes: commune.codesPostaux,
    qpv: index.qpv.filter((q) => q.communes.includes(commune.code)).sort((a, b) => a.nom.localeCompare(b.nom, 'fr')),
  };
}

/** "Marseille 3e arrondissement" → "3e arr.". */
export function arrondissementShortName(nom: string): string {
  const m = /(\d+(?:er|e))\s+arrondissement/i.exec(nom);
  return m ? `${m[1]} arr.` : nom;
}

export { inPlace, ofPlace } from '../text/places.ts';

/** "2025-T4" → "4e trimestre 2025" ("Q4 2025" in English; anything else unchanged). */
export function formatQuarter(q: string | null, locale: Locale = DEFAULT_LOCALE): string | null {
  if (!q) return null;
  const m = /^(\d{4})-T([1-4])$/.exec(q);
  if (!m) return q;
  return profileText[locale].quarter(Number(m[2]), m[1]);
}

// ---------------------------------------------------------------------------------------------
// Figures

const EMPTY: TerritoryFigures = { companies: 0, jobs: 0, amountEur: 0, population: null, jobsPer1000: null, eurPerJob: null, jobsCut: 0, layoffs: 0 };

/** Figures of the profile's territory from the aggregation. */
export function territoryFigures(t: ProfileTerritory, agg: AggregationResult): TerritoryFigures {
  const rec = t.kind === 'arrondissement' ? agg.byArrondissement : agg.byCommune;
  return rec[t.code] ?? { ...EMPTY, population: t.population, jobsPer1000: 0 };
}

/** Département figures: the aggregation totals over the département's population. */
export function departementFigures(agg: AggregationResult, population: number): TerritoryFigures {
  const t = agg.totals;
  return {
    ...t,
    population,
    jobsPer1000: population > 0 ? (t.jobs / population) * 1000 : null,
    eurPerJob: t.jobs > 0 ? t.amountEur / t.jobs : null,
  };
}

/** Département by year as published (public mode: the only yearly table the secrecy engine protects). */
export function yearlyFromTables(
  tables: { years: Record<string, { companies: number | null; jobs: number | null }> },
  years: readonly number[],
): YearPoint[] {
  const point = (year: number | null, key: string): YearPoint => {
    const f = tables.years[key];
    if (!f) return { year, companies: 0, jobs: 0 };
    return { year, companies: f.companies === null ? SECRET : f.companies, jobs: f.jobs === null ? SECRET : f.jobs };
  };
  const out = years.map((year) => point(year, String(year)));
  return tables.years[UNKNOWN_YEAR] ? [...out, point(null, UNKNOWN_YEAR)] : out;
}

export interface ComparisonColumn {
  /** 'self' | 'marseille' | 'epci' | 'departement'; 'a' | 'b' for the two territories of a comparison. */
  id: 'self' | 'marseille' | 'epci' | 'departement' | 'a' | 'b';
  /** Column header. */
  label: string;
  /** Full name (caption, title). */
  fullName: string;
  figures: MaskedFigures;
}

/** The territory beside Marseille (arrondissement only), its EPCI and the département. */
export function comparisonColumns(t: ProfileTerritory, agg: AggregationResult, index: TerritoriesIndex): ComparisonColumn[] {
  const cols: ComparisonColumn[] = [{ id: 'self', label: t.shortName, fullName: t.name, figures: maskFigures(territoryFigures(t, agg)) }];
  if (t.kind === 'arrondissement') {
    cols.push({ id: 'marseille', label: 'Marseille', fullName: 'Marseille', figures: maskFigures(agg.byCommune[MARSEILLE] ?? EMPTY) });
  }
  cols.push({ id: 'epci', label: 'Intercommunalité', fullName: t.epci.nom, figures: maskFigures(agg.byEpci[t.epci.code] ?? EMPTY) });
  cols.push({
    id: 'departement',
    label: 'Département',
    fullName: index.departement.nom,
    figures: maskFigures(departementFigures(agg, index.departement.population)),
  });
  return cols;
}

// ---------------------------------------------------------------------------------------------
// Rows of the territory

function normalise(communeCode: string, arrondissementCode: string | null | undefined) {
  if (isArrondissementCode(communeCode)) return { commune: MARSEILLE, arr: arrondissementCode ?? communeCode };
  return { commune: communeCode, arr: communeCode === MARSEILLE ? (arrondissementCode ?? null) : null };
}

function inTerritory(code: string, communeCode: string, arrondissementCode: string | null | undefined): boolean {
  const n = normalise(communeCode, arrondissementCode);
  return isArrondissementCode(code) ? n.arr === code : n.commune === code;
}

/** Supports of a commune (all of Marseille for 13055) or of an arrondissement. */
export function supportsOf<S extends Pick<Support, 'communeCode' | 'arrondissementCode'>>(supports: readonly S[], code: string): S[] {
  return supports.filter((s) => inTerritory(code, s.communeCode, s.arrondissementCode));
}

/** Layoffs of a commune or arrondissement, most recent first. */
export function layoffsOf(layoffs: readonly Layoff[], code: string): Layoff[] {
  return layoffs.filter((l) => inTerritory(code, l.communeCode, l.arrondissementCode)).sort((a, b) => b.date.localeCompare(a.date));
}

/**
 * What the list of companies may show, most recent first: public mode lists only the companies
 * published individually (domain/privacy.ts); the others are counted in the figures only (no
 * count of them is given: it would be a figure outside the protected tables).
 */
export function supportList(supports: readonly Support[], mode: PrivacyMode): Support[] {
  return visibleSupports(supports, mode).sort((a, b) => b.date.localeCompare(a.date) || a.companyName.localeCompare(b.companyName, 'fr'));
}

/** Public mode: the line under the list of companies (French; the catalogue has the other languages). */
export const PUBLIC_LIST_LINE = profileText.fr.publicListLine;

// ---------------------------------------------------------------------------------------------
// Years

export interface YearPoint {
  /** null: rows without a date (« année non renseignée »). */
  year: number | null;
  companies: MaybeSecret;
  jobs: MaybeSecret;
}

/**
 * Companies (distinct, as in aggregate()) and jobs per year, for every year of `years`. Internal
 * mode only: per-territory years are no published table (public mode uses yearlyFromTables).
 */
export function yearlySeries(supports: readonly Support[], years: readonly number[]): YearPoint[] {
  const byYear = new Map<number, { keys: Set<string>; jobs: number }>();
  for (const y of years) byYear.set(y, { keys: new Set(), jobs: 0 });
  const undated = { keys: new Set<string>(), jobs: 0 };
  for (const s of supports) {
    const key = s.siret ? `siret:${s.siret}` : `id:${s.id}`;
    const acc = /^\d{4}/.test(s.date ?? '') ? byYear.get(Number(s.date.slice(0, 4))) : undated;
    if (!acc) continue;
    acc.keys.add(key);
    acc.jobs += jobsOf(s);
  }
  const out: YearPoint[] = years.map((year) => ({ year, companies: byYear.get(year)!.keys.size, jobs: byYear.get(year)!.jobs }));
  return undated.keys.size > 0 ? [...out, { year: null, companies: undated.keys.size, jobs: undated.jobs }] : out;
}

/** A "nice" maximum for a bar chart axis (1, 2, 5 × 10^k), at least 1. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

// ---------------------------------------------------------------------------------------------
// Comparable territories

export type SimilarBy = 'densite' | 'epci' | 'arrondissements';

export interface SimilarRow {
  code: string;
  name: string;
  population: number;
  figures: MaskedFigures;
  /** The profile's own territory (or Marseille for an arrondissement compared at commune level). */
  isSelf: boolean;
}

/**
 * Up to `limit` comparable territories, the territory itself included: the ones of the group
 * closest in population (ratio), then ordered by jobs per 1,000 inhabitants, highest first.
 * Masked figures (public mode) go last, by name, so that the order does not reveal them.
 * - 'densite': communes of the same INSEE density level;
 * - 'epci': communes of the same EPCI;
 * - 'arrondissements': the 16 arrondissements of Marseille.
 */
export function similarTerritories(
  t: ProfileTerritory,
  by: SimilarBy,
  agg: AggregationResult,
  index: TerritoriesIndex,
  limit = 10,
): SimilarRow[] {
  let candidates: { code: string; name: string; population: number; figures: TerritoryFigures }[];
  let selfCode: string;
  if (by === 'arrondissements') {
    candidates = index.arrondissements.map((a) => ({ code: a.code, name: a.nom, population: a.population, figures: agg.byArrondissement[a.code] ?? EMPTY }));
    selfCode = t.code;
  } else {
    const group = index.communes.filter((c) => (by === 'densite' ? c.densite === t.commune.densite : c.epci === t.commune.epci));
    candidates = group.map((c) => ({ code: c.code, name: c.nom, population: c.population, figures: agg.byCommune[c.code] ?? EMPTY }));
    selfCode = t.commune.code;
  }
  const self = candidates.find((c) => c.code === selfCode);
  const ref = Math.max(self?.population ?? t.population, 1);
  const distance = (p: number) => Math.abs(Math.log(Math.max(p, 1) / ref));
  const picked = candidates
    .filter((c) => c.code !== selfCode)
    .sort((a, b) => distance(a.population) - distance(b.population) || a.name.localeCompare(b.name, 'fr'))
    .slice(0, Math.max(0, limit - (self ? 1 : 0)));
  if (self) picked.push(self);
  const rows: SimilarRow[] = picked.map((c) => ({
    code: c.code,
    name: c.name,
    population: c.population,
    figures: maskFigures(c.figures),
    isSelf: c.code === selfCode,
  }));
  const num = (v: MaybeSecret<number | null>) => (typeof v === 'number' ? v : null);
  return rows.sort((a, b) => {
    const va = num(a.figures.jobsPer1000);
    const vb = num(b.figures.jobsPer1000);
    if (va === null && vb === null) return a.name.localeCompare(b.name, 'fr');
    if (va === null) return 1;
    if (vb === null) return -1;
    return vb - va || a.name.localeCompare(b.name, 'fr');
  });
}

// ---------------------------------------------------------------------------------------------
// Print

/** Sources line of the printed sheet. */
export function sourcesLine(isDemo: boolean, locale: Locale = DEFAULT_LOCALE): string {
  return profileText[locale].sources(isDemo);
}

/** "Fiche imprimée le 3 mars 2026" ("Profile printed on 3 March 2026"). */
export function printedOn(d: Date, locale: Locale = DEFAULT_LOCALE): string {
  return profileText[locale].printedOn(new Intl.DateTimeFormat(LOCALE_TAGS[locale], { day: 'numeric', month: 'long', year: 'numeric' }).format(d));
}
