// The settings carried in the hash's query, declared ONCE: one descriptor per setting gives its
// URL key, its default, how to read it and how to write it. Parsing, formatting, the defaults and
// `resolveParams` all loop over this table; the state (data, app) and the legend model take their
// initial values from ROUTE_DEFAULTS, derived from it. Pure: no DOM.
//
// Conventions (see route.ts for the whole URL shape):
// - `parse` is tolerant: an invalid value or a value out of range gives `undefined` (the setting
//   keeps its default).
// - `format` is canonical and returns `undefined` when the value equals its default (or cannot be
//   written), so URLs stay short and two equal states give the same string. Keys are written in
//   the table's order.

import type { FundId, SizeBand } from '../domain/types.ts';
import { FUND_IDS } from '../domain/funds.ts';
import { formatSizes, parseSizes } from './extra-routes.ts';
import type { ClassifyMethod } from '../analysis/classify.ts';
import { CHOROPLETH_INDICATOR_IDS, SUPPORT_INDICATOR_IDS, type ChoroplethIndicatorId, type SupportIndicatorId } from '../analysis/indicators.ts';
import { GAP_LEVELS, NEED_INDICATORS, type GapLevel, type NeedId } from '../analysis/gaps.ts';
import type { PrivacyMode } from '../domain/privacy.ts';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../text/locale.ts';

/** Rural layer drawn by INSEE density grid or by France Ruralités Revitalisation. */
export type RuralMode = 'densite' | 'frr';

/**
 * Layers that can be switched on and off. The six base layers are the keys of
 * `LayerVisibility` (map/legend-model.ts); 'supports' = company symbols, 'choropleth' = communes
 * coloured by the indicator.
 */
export type LayerId = 'communes' | 'qpv' | 'rural' | 'arrondissements' | 'epci' | 'zonesEmploi' | 'supports' | 'choropleth';

/** URL token of each layer, in canonical order. */
export const LAYER_TOKENS: Readonly<Record<LayerId, string>> = {
  communes: 'communes',
  qpv: 'qpv',
  rural: 'rural',
  arrondissements: 'arrondissements',
  epci: 'epci',
  zonesEmploi: 'ze',
  supports: 'entreprises',
  choropleth: 'choroplethe',
};
export const LAYER_IDS = Object.keys(LAYER_TOKENS) as LayerId[];

export interface Viewport {
  lon: number;
  lat: number;
  zoom: number;
}

/** Effective settings: every value filled in (see resolveParams). */
export type ResolvedParams = {
  /** `couches`: visible layers (the complete list, not a difference from the default). */
  layers: LayerId[];
  /** `rural`: rural layer drawn by density grid or FRR. */
  ruralMode: RuralMode;
  /** `fonds`: funds kept by the filter. Every fund (or none) = no filter. */
  funds: FundId[];
  /** `de`: first year kept (inclusive). Default: the dataset's first year (null here). */
  yearFrom: number | null;
  /** `a`: last year kept (inclusive). Default: the dataset's last year (null here). */
  yearTo: number | null;
  /** `secteur`: NAF section letters A–U; '' (token `inconnu`) = rows without a sector. */
  sectors: string[];
  /** `taille`: company size bands (breakdown charts); empty = every size. */
  sizes: SizeBand[];
  /** `ind`: choropleth indicator. */
  indicator: ChoroplethIndicatorId;
  /** `classes`: classification method. */
  method: ClassifyMethod;
  /** `k`: number of classes, 3–7. */
  classCount: number;
  /** `vue`: map viewport `lon,lat,zoom`. Default: the whole département (null here). */
  viewport: Viewport | null;
  /** `mode`: privacy mode. */
  mode: PrivacyMode;
  /** `niveau`: gap analysis territory level. */
  level: GapLevel;
  /** `besoin`: gap analysis need indicator id. */
  need: NeedId;
  /** `soutien`: gap analysis support indicator id. */
  support: SupportIndicatorId;
  /** `distance`: distance (metres, integer 0–1000) for "supports near a QPV". */
  distanceM: number;
  /** `lang`: interface language of the public pages (French by default). */
  locale: Locale;
};

/** Settings carried in the query part of the hash. `undefined` = default (see ROUTE_DEFAULTS). */
export type RouteParams = { [K in keyof ResolvedParams]?: Exclude<ResolvedParams[K], null> };

interface ParamDescriptor<K extends keyof ResolvedParams> {
  /** Query key in the URL (French). */
  key: string;
  /** What an absent key means. */
  default: ResolvedParams[K];
  parse: (raw: string) => RouteParams[K] | undefined;
  /** URL value, or undefined when it equals the default. */
  format: (v: NonNullable<RouteParams[K]>) => string | undefined;
  /** Effective value of a URL value (default: the value, else the default; arrays copied). */
  resolve?: (v: RouteParams[K] | undefined) => ResolvedParams[K];
}

// ---------------------------------------------------------------------------------------------
// Value codecs

const NAF_LETTERS = 'ABCDEFGHIJKLMNOPQRSTU';
const SECTOR_ORDER = ['', ...NAF_LETTERS];
const UNKNOWN_SECTOR_TOKEN = 'inconnu';
const METHODS: readonly ClassifyMethod[] = ['quantile', 'equal', 'jenks'];
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

const round = (v: number, decimals: number) => {
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
};
const fmtNum = (v: number, decimals: number) => String(round(v, decimals));

/** Splits a list value, trims the items, drops empty ones. */
function listItems(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Keeps known items in canonical order, without duplicates. */
function canonicalList<T extends string>(items: Iterable<T>, order: readonly T[]): T[] {
  const set = new Set(items);
  return order.filter((x) => set.has(x));
}

const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function parseInteger(raw: string): number | null {
  const s = raw.trim();
  if (!/^-?\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

function parseNumber(raw: string): number | null {
  const s = raw.trim();
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function oneOf<T extends string>(raw: string, allowed: readonly T[]): T | undefined {
  const s = raw.trim();
  return (allowed as readonly string[]).includes(s) ? (s as T) : undefined;
}

function parseLayers(raw: string): LayerId[] | undefined {
  const tokens = listItems(raw.toLowerCase());
  // `couches=` (or `couches=aucune`) = no layer at all; only unknown tokens = keep the default.
  if (tokens.length === 0 || (tokens.length === 1 && tokens[0] === 'aucune')) return [];
  const byToken = new Map(LAYER_IDS.map((id) => [LAYER_TOKENS[id].toLowerCase(), id]));
  const ids = tokens.map((t) => byToken.get(t)).filter((x): x is LayerId => x !== undefined);
  return ids.length > 0 ? canonicalList(ids, LAYER_IDS) : undefined;
}

function parseSectors(raw: string): string[] | undefined {
  const out: string[] = [];
  for (const t of listItems(raw)) {
    const up = t.toUpperCase();
    if (t.toLowerCase() === UNKNOWN_SECTOR_TOKEN) out.push('');
    else if (up.length === 1 && NAF_LETTERS.includes(up)) out.push(up);
  }
  return out.length > 0 ? canonicalList(out, SECTOR_ORDER) : undefined;
}

function parseViewport(raw: string): Viewport | undefined {
  const parts = raw.split(',');
  if (parts.length !== 3) return undefined;
  const [lon, lat, zoom] = parts.map(parseNumber);
  if (lon === null || lat === null || zoom === null) return undefined;
  if (lon < -180 || lon > 180 || lat < -85 || lat > 85 || zoom < 0 || zoom > 24) return undefined;
  return { lon: round(lon, 4), lat: round(lat, 4), zoom: round(zoom, 2) };
}

function parseYear(raw: string): number | undefined {
  const y = parseInteger(raw);
  return y !== null && y >= MIN_YEAR && y <= MAX_YEAR ? y : undefined;
}

/** A setting chosen from a closed list of ids. */
function choice<K extends keyof ResolvedParams>(key: string, dflt: ResolvedParams[K] & string, allowed: readonly string[], lowerCase: boolean): ParamDescriptor<K> {
  return {
    key,
    default: dflt,
    parse: (raw) => oneOf(lowerCase ? raw.toLowerCase() : raw, allowed) as RouteParams[K] | undefined,
    format: (v) => (v !== dflt ? String(v) : undefined),
  };
}

const yearParam = <K extends 'yearFrom' | 'yearTo'>(key: string): ParamDescriptor<K> => ({
  key,
  default: null,
  parse: parseYear,
  format: (v) => (Number.isInteger(v) ? String(v) : undefined),
  resolve: (v) => v ?? null,
});

// ---------------------------------------------------------------------------------------------
// The table (its key order is the canonical order of the query)

export const PARAMS: { [K in keyof ResolvedParams]: ParamDescriptor<K> } = {
  layers: {
    key: 'couches',
    default: ['communes', 'qpv', 'supports', 'choropleth'],
    parse: parseLayers,
    format: (v) => {
      const layers = canonicalList(v, LAYER_IDS);
      if (sameList(layers, PARAMS.layers.default)) return undefined;
      return layers.length ? layers.map((l) => LAYER_TOKENS[l]).join(',') : 'aucune';
    },
  },
  ruralMode: choice<'ruralMode'>('rural', 'densite', ['densite', 'frr'], true),
  funds: {
    key: 'fonds',
    default: [...FUND_IDS],
    parse: (raw) => {
      const ids = canonicalList(listItems(raw.toLowerCase()) as FundId[], FUND_IDS);
      // Every fund, or none recognised, is the default (no filter).
      return ids.length > 0 && ids.length < FUND_IDS.length ? ids : undefined;
    },
    format: (v) => {
      const funds = canonicalList(v, FUND_IDS);
      return funds.length > 0 && funds.length < FUND_IDS.length ? funds.join(',') : undefined;
    },
    resolve: (v) => (v && v.length > 0 ? [...v] : [...FUND_IDS]),
  },
  yearFrom: yearParam<'yearFrom'>('de'),
  yearTo: yearParam<'yearTo'>('a'),
  sectors: {
    key: 'secteur',
    default: [],
    parse: parseSectors,
    format: (v) => {
      const s = canonicalList(v, SECTOR_ORDER);
      return s.length > 0 ? s.map((x) => (x === '' ? UNKNOWN_SECTOR_TOKEN : x)).join(',') : undefined;
    },
  },
  sizes: { key: 'taille', default: [], parse: parseSizes, format: (v) => formatSizes(v) ?? undefined },
  indicator: choice<'indicator'>('ind', 'jobs', CHOROPLETH_INDICATOR_IDS, false),
  method: choice<'method'>('classes', 'quantile', METHODS, true),
  classCount: {
    key: 'k',
    default: 5,
    parse: (raw) => {
      const n = parseInteger(raw);
      return n !== null && n >= 3 && n <= 7 ? n : undefined;
    },
    format: (v) => (v !== PARAMS.classCount.default ? String(v) : undefined),
  },
  viewport: {
    key: 'vue',
    default: null,
    parse: parseViewport,
    format: (v) => `${fmtNum(v.lon, 4)},${fmtNum(v.lat, 4)},${fmtNum(v.zoom, 2)}`,
    resolve: (v) => (v ? { ...v } : null),
  },
  // The desktop app defaults to the internal mode (DDETS staff, data on their own machine); the kiosk forces public.
  mode: choice<'mode'>('mode', 'interne', ['public', 'interne'], true),
  level: choice<'level'>('niveau', 'commune', GAP_LEVELS, true),
  need: choice<'need'>('besoin', 'jobsCut', NEED_INDICATORS.map((i) => i.id), false),
  support: choice<'support'>('soutien', 'jobs', SUPPORT_INDICATOR_IDS, false),
  distanceM: {
    key: 'distance',
    default: 300,
    parse: (raw) => {
      const n = parseNumber(raw);
      return n !== null && n >= 0 && n <= 1000 ? Math.round(n) : undefined;
    },
    format: (v) => (Math.round(v) !== PARAMS.distanceM.default ? String(Math.round(v)) : undefined),
  },
  locale: choice<'locale'>('lang', DEFAULT_LOCALE, LOCALES, true),
};

const PARAM_NAMES = Object.keys(PARAMS) as (keyof ResolvedParams)[];

/** Query keys, in canonical order. */
export const PARAM_KEYS = Object.fromEntries(PARAM_NAMES.map((k) => [k, PARAMS[k].key])) as Readonly<Record<keyof RouteParams, string>>;

/** Defaults (what an absent key means). Years and viewport have no fixed default (dataset / département). */
export const ROUTE_DEFAULTS = Object.freeze(Object.fromEntries(PARAM_NAMES.map((k) => [k, PARAMS[k].default]))) as Readonly<ResolvedParams>;

/** Effective settings: the URL's values, defaults elsewhere (fresh arrays, safe to mutate). */
export function resolveParams(p: RouteParams): ResolvedParams {
  const out = {} as Record<string, unknown>;
  for (const k of PARAM_NAMES) {
    const d = PARAMS[k] as ParamDescriptor<typeof k>;
    const v = p[k];
    out[k] = d.resolve ? d.resolve(v as never) : copyList(v ?? d.default);
  }
  return out as ResolvedParams;
}

const copyList = <T>(v: T): T => (Array.isArray(v) ? ([...v] as T) : v);

/** Parses the query part (without `?`). Unknown keys and invalid values are dropped. */
export function parseParams(query: string): RouteParams {
  const q = new URLSearchParams(query);
  const p: Record<string, unknown> = {};
  for (const k of PARAM_NAMES) {
    const raw = q.get(PARAMS[k].key);
    if (raw === null) continue;
    const v = PARAMS[k].parse(raw);
    if (v !== undefined) p[k] = v;
  }
  const r = p as RouteParams;
  if (r.yearFrom !== undefined && r.yearTo !== undefined && r.yearFrom > r.yearTo) {
    // "de=2023&a=2019": the user meant the range, not an empty selection.
    [r.yearFrom, r.yearTo] = [r.yearTo, r.yearFrom];
  }
  return r;
}

/** Canonical query string (without `?`), defaults omitted. Empty string when everything is default. */
export function formatParams(p: RouteParams): string {
  const out: string[] = [];
  for (const k of PARAM_NAMES) {
    const v = p[k];
    if (v === undefined || v === null) continue;
    const s = (PARAMS[k].format as (x: unknown) => string | undefined)(v);
    // Every value is made of [A-Za-z0-9.,-]; encodeURIComponent would turn the commas into %2C.
    if (s !== undefined) out.push(`${PARAMS[k].key}=${encodeURIComponent(s).replace(/%2C/gi, ',')}`);
  }
  return out.join('&');
}
