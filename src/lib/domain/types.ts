// Core domain types shared by the app, the worker and the command line.
// Pure data: no DOM, no Svelte, no MapLibre.

/** The three pooled revitalisation funds of Bouches-du-Rhône. */
export type FundId = 'ampa' | 'airbus' | 'adie';

export type LonLat = [number, number];

/**
 * How precisely a row is located.
 * - `point`: exact coordinates given in the file (WGS84 or Lambert-93);
 * - `commune`: only the commune is known, placed on its representative point;
 * - `arrondissement`: a Marseille arrondissement is known, placed on its representative point.
 */
export type LocationPrecision = 'point' | 'commune' | 'arrondissement';

export type SizeBand = 'micro' | 'pme' | 'eti' | 'ge' | 'inconnue';

/** One supported company (one row of a funds file). */
export interface Support {
  /** Stable id within the dataset (row number for imports, generator id for the demo). */
  id: string;
  companyName: string;
  /** 14 digits, checksum-valid, or null when not given. */
  siret: string | null;
  /** NAF rev. 2 code, e.g. "62.01Z", or null. */
  naf: string | null;
  /** NAF section letter (A–U) derived from the code, or null. */
  sector: string | null;
  sizeBand: SizeBand;
  fund: FundId;
  amountEur: number;
  /** Jobs planned at signature, when known. */
  jobsPlanned: number | null;
  /** Jobs actually created, when known. */
  jobsAchieved: number | null;
  /** ISO date (yyyy-mm-dd). A year alone is stored as yyyy-01-01 with `dateIsYearOnly`. */
  date: string;
  dateIsYearOnly?: boolean;
  address: string | null;
  location: LonLat;
  precision: LocationPrecision;
  /** INSEE code of the commune (13055 for Marseille). */
  communeCode: string;
  /** Marseille arrondissement (13201–13216) when known. */
  arrondissementCode: string | null;
  /** QPV code: computed for exact points, declared otherwise, else null. */
  qpvCode: string | null;
  /** Where `qpvCode` comes from. */
  qpvSource: 'computed' | 'declared' | null;
  /** True for micro-entrepreneurs (individuals): never shown individually in public mode. */
  isMicroEntrepreneur: boolean;
  /**
   * The company agreed to be published individually (a « Diffusion » or « Publication » column
   * saying oui). Absent or false = non: the company exists in published data only inside
   * aggregates. Micro-entrepreneurs are never published individually, whatever this says.
   */
  publishable?: boolean;
  /**
   * Co-financing mobilised beside the fund (bank loans, other public or private funding), in
   * euros, from an optional « Cofinancement » / « Prêts bancaires » column. Absent or null = not known.
   */
  cofinancingEur?: number | null;
  /** Company creation date (ISO yyyy-mm-dd), from an optional « Date de création » column. */
  companyCreated?: string | null;
}

/** A collective layoff that makes a territory "affected". */
export interface Layoff {
  id: string;
  employer: string;
  siret: string | null;
  /** INSEE code of the commune (13055 for Marseille; an arrondissement code 132xx is also accepted by aggregate()). */
  communeCode: string;
  /** Marseille arrondissement (13201–13216) when known. Optional, added for layoffs located in Marseille. */
  arrondissementCode?: string | null;
  location: LonLat;
  precision: LocationPrecision;
  /** ISO date. */
  date: string;
  jobsCut: number;
}

export interface Dataset {
  /** 'demo' for the generated demonstration data, 'import' for a user's file. */
  kind: 'demo' | 'import';
  label: string;
  createdAt: string;
  supports: Support[];
  layoffs: Layoff[];
}

/** Year key of the rows without a date (« année non renseignée »). */
export const UNKNOWN_YEAR = 'inconnue';

/** The jobs figure used everywhere: achieved when known, else planned, else 0. */
export function jobsOf(s: Pick<Support, 'jobsAchieved' | 'jobsPlanned'>): number {
  return s.jobsAchieved ?? s.jobsPlanned ?? 0;
}
