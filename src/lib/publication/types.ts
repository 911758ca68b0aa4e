// Contract of a publication: what a published site (npm run publish-site, « Préparer la
// publication ») contains. Pure types. Everything here is safe to publish by construction:
// statistical secrecy (publication/secrecy.ts) has been applied before these objects exist.

import type { FundId, LocationPrecision, LonLat } from '../domain/types.ts';

import type { Measure } from '../domain/figures.ts';

/** The three published measures (a domain type). Each is checked for secrecy on its own. */
export type { Measure };
export const MEASURES: readonly Measure[] = ['companies', 'jobs', 'amountEur'];

/** Figures of one published cell. `null` = suppressed (« secret statistique »). */
export interface PublishedFigures {
  companies: number | null;
  jobs: number | null;
  amountEur: number | null;
}

/** Tables of a publication; each cell is one territory (or fund, or year) of one level. */
export type CellLevel =
  | 'departement'
  | 'epci'
  | 'zonesEmploi'
  | 'communes'
  | 'arrondissements'
  | 'qpv'
  | 'rural'
  | 'urban'
  | 'funds'
  | 'years';

/**
 * Why a figure was suppressed.
 * - 'frequence': fewer than 3 companies (primary secrecy);
 * - 'dominance': one company accounts for more than 85 % of the figure (primary secrecy);
 * - 'residuel': the figure minus the companies published individually inside it would reveal
 *   fewer than 3 (or one dominant) unpublished companies (primary secrecy of the remainder);
 * - 'secondaire': complementary suppression, so that no suppressed figure can be recovered by
 *   subtraction within a hierarchy the site shows.
 */
export type SuppressionReason = 'frequence' | 'dominance' | 'residuel' | 'secondaire';

export interface Suppression {
  level: CellLevel;
  /** Territory code, fund id or year ('departement', 'rural', 'urban' for the single cells). */
  code: string;
  measure: Measure;
  reason: SuppressionReason;
}

export { UNKNOWN_YEAR } from '../domain/types.ts';

/** Every table after secrecy. Keys are codes (INSEE, SIREN, ZE, QPV), fund ids or years. */
export interface ProtectedTables {
  departement: PublishedFigures;
  epci: Record<string, PublishedFigures>;
  zonesEmploi: Record<string, PublishedFigures>;
  communes: Record<string, PublishedFigures>;
  arrondissements: Record<string, PublishedFigures>;
  qpv: Record<string, PublishedFigures>;
  rural: PublishedFigures;
  urban: PublishedFigures;
  funds: Record<FundId, PublishedFigures>;
  /** By year of the support ('2021'…, UNKNOWN_YEAR for rows without a date). */
  years: Record<string, PublishedFigures>;
  /** Every suppressed figure, with its reason. */
  suppressions: Suppression[];
}

/**
 * A company published individually: it consented (Support.publishable) and is not a
 * micro-entrepreneur. No SIRET, no amount, no address. `id` is opaque (not the file's row).
 */
export interface PublishedCompany {
  id: string;
  name: string;
  location: LonLat;
  precision: LocationPrecision;
  communeCode: string;
  arrondissementCode: string | null;
  qpvCode: string | null;
  fund: FundId;
  /** Year of the support, null when the row had no date. */
  year: number | null;
  jobs: number;
  /** NAF section letter, or null. */
  sector: string | null;
}

/** Layoffs are public information (see domain/privacy.ts): published per territory. */
export interface PublishedLayoffFigures {
  jobsCut: number;
  layoffs: number;
}

/** The published data package: `data/publication.json` of a published site. */
export interface PublishedDataset {
  format: 'carte-fonds-revitalisation-13/publication';
  version: 1;
  /** « Données au » date, AAAA-MM-JJ. */
  date: string;
  /** Names of the source files (names only, no path). */
  sources: string[];
  /** True when built from the demo dataset (the site then still says « Données de démonstration »). */
  demo: boolean;
  tables: ProtectedTables;
  companies: PublishedCompany[];
  layoffs: {
    departement: PublishedLayoffFigures;
    communes: Record<string, PublishedLayoffFigures>;
    arrondissements: Record<string, PublishedLayoffFigures>;
  };
}

/** Path of the package inside a published site (relative to index.html). */
export const PUBLICATION_PATH = 'data/publication.json';
/** `<meta name=…>` that publish-site adds to a published site's page: the app then never asks for the demo. */
export const PUBLISHED_SITE_META = 'fonds-revitalisation-publication';
