// The one registry of support indicators: id, label, unit, value and formatter. The choropleth
// (map home, kiosk) and the gap analysis pick their lists from it by id, so a label or a rule
// is written once. Pure: no DOM.

import type { TerritoryFigures } from './types.ts';
import type { PaletteName } from './palettes.ts';
import { formatDec1, formatInt, type NumberFormats } from '../text/format.ts';
import { messagesFor } from '../i18n/catalogue.ts';

export type IndicatorId = 'jobs' | 'companies' | 'amountEur' | 'jobsPer1000' | 'eurPerJob' | 'amountPerInhabitant' | 'jobsCut';

export interface Indicator {
  id: IndicatorId;
  /** French label for selects, table headers and legend titles. */
  label: string;
  /** Short unit shown in legends (and after the kiosk's class labels). */
  unit: string;
  /** Sequential palette of the choropleth. */
  palette: PaletteName;
  /** Counts have a meaningful zero ("aucun"), ratios may have no value ("sans objet"). */
  kind: 'count' | 'ratio';
  /** Null when it cannot be computed (a per-inhabitant figure without a population). */
  value: (f: TerritoryFigures) => number | null;
  /** The value as written: French (the registry's own form), or with `nf`, a language's formats. */
  format: (v: number, nf?: NumberFormats) => string;
}

/** French label and unit (the catalogue's; public pages read `common.indicators` of their language). */
const term = (id: IndicatorId) => messagesFor('fr').common.indicators[id];
const count = (v: number, nf?: NumberFormats) => (nf ? nf.int(v) : formatInt(v));
const decimal = (v: number, nf?: NumberFormats) => (nf ? nf.dec1(v) : formatDec1(v));
const euros = (v: number, nf?: NumberFormats) => (nf ? nf.eur(v) : `${formatInt(v)} €`);
const eurosDec1 = (v: number, nf?: NumberFormats) => (nf ? nf.eurDec1(v) : `${formatDec1(v)} €`);
/** Null without a known population: a QPV or a custom area has none, and 0 would read as "nothing". */
const perInhabitant = (f: TerritoryFigures, v: (population: number) => number) => (f.population !== null && f.population > 0 ? v(f.population) : null);

export const INDICATOR_REGISTRY: Readonly<Record<IndicatorId, Indicator>> = {
  jobs: { id: 'jobs', ...term('jobs'), palette: 'blues', kind: 'count', value: (f) => f.jobs, format: count },
  companies: { id: 'companies', ...term('companies'), palette: 'blues', kind: 'count', value: (f) => f.companies, format: count },
  amountEur: { id: 'amountEur', ...term('amountEur'), palette: 'ylGnBu', kind: 'count', value: (f) => f.amountEur, format: euros },
  // One rule for the map and the gap analysis: jobs / population × 1 000 when the population is
  // known (0 when no job), null otherwise (see aggregate.ts).
  jobsPer1000: {
    id: 'jobsPer1000',
    ...term('jobsPer1000'),
    palette: 'viridis',
    kind: 'ratio',
    value: (f) => perInhabitant(f, () => f.jobsPer1000 ?? 0),
    format: decimal,
  },
  eurPerJob: { id: 'eurPerJob', ...term('eurPerJob'), palette: 'ylGnBu', kind: 'ratio', value: (f) => f.eurPerJob, format: euros },
  amountPerInhabitant: {
    id: 'amountPerInhabitant',
    ...term('amountPerInhabitant'),
    palette: 'ylGnBu',
    kind: 'ratio',
    value: (f) => perInhabitant(f, (population) => f.amountEur / population),
    format: eurosDec1,
  },
  jobsCut: { id: 'jobsCut', ...term('jobsCut'), palette: 'orRd', kind: 'count', value: (f) => f.jobsCut, format: count },
};

/** The indicators the communes can be coloured by (map home), in menu order. */
export const CHOROPLETH_INDICATOR_IDS = ['jobs', 'companies', 'amountEur', 'jobsPer1000', 'eurPerJob', 'jobsCut'] as const satisfies readonly IndicatorId[];
export type ChoroplethIndicatorId = (typeof CHOROPLETH_INDICATOR_IDS)[number];

/** The support side of the gap analysis, in menu order. */
export const SUPPORT_INDICATOR_IDS = ['jobs', 'companies', 'amountEur', 'jobsPer1000', 'amountPerInhabitant'] as const satisfies readonly IndicatorId[];
export type SupportIndicatorId = (typeof SUPPORT_INDICATOR_IDS)[number];

/** The indicator the kiosk's map colours the communes by. */
export const KIOSK_INDICATOR: ChoroplethIndicatorId = 'jobs';

export const indicatorById = (id: IndicatorId): Indicator => INDICATOR_REGISTRY[id] ?? INDICATOR_REGISTRY.jobs;

/** Registry entries of a list of ids, for selects. */
export const indicatorsOf = (ids: readonly IndicatorId[]): Indicator[] => ids.map((id) => INDICATOR_REGISTRY[id]);
