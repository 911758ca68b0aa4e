// Hash routes: every view and setting of the app lives in `location.hash`, so a page survives a
// reload and can be bookmarked or sent by e-mail. Pure: no DOM access (the caller passes
// `location.hash` / `location.search` and writes the result back).
//
// Shape:   #/<path>?<query>
//   path   ''                   → map home        (view 'map')
//          'commune/<INSEE>'    → commune profile (view 'commune'; 13001–13119, and the Marseille
//                                 arrondissements 13201–13216)
//          'ecarts'             → gap analysis    (view 'gaps'; 'écarts' is accepted too)
//          'accessibilite'      → accessibility statement (view 'accessibility')
//   query  key=value pairs, `&`-separated, lists `,`-separated (keys in French, see PARAM_KEYS).
//
// Conventions:
// - `parseRoute` is tolerant and never throws: an unknown key, an invalid value or a value out of
//   range is dropped (the setting keeps its default). An invalid commune code or an unknown path
//   gives view 'map' with `notFound` set, so the UI can say "Commune introuvable" over the map.
// - `RouteParams` only holds what the URL states: `undefined` means "default". Use
//   `resolveParams` for the effective values (ROUTE_DEFAULTS filled in).
// - `formatRoute` is canonical: fixed key order, lists deduplicated and sorted in a fixed order,
//   numbers rounded (viewport 4/4/2 decimals), and every value equal to its default omitted, so
//   URLs stay short and two equal states give the same string. parseRoute(formatRoute(r)) gives r
//   back for any r produced by parseRoute (tested).
// - Privacy: `mode=interne` in a URL is only a display preference, not an authorisation. The app
//   must not honour it in kiosk mode (kiosk is always public), and should not honour it for a
//   link opened on another machine without the internal data (the lead decides; see privacy.ts).

import type { FundId, SizeBand } from '../domain/types.ts';
import { FUND_IDS } from '../domain/funds.ts';
import type { ClassifyMethod } from '../analysis/classify.ts';
import { INDICATORS, type IndicatorId } from '../analysis/choropleth.ts';
import { GAP_LEVELS, NEED_INDICATORS, SUPPORT_INDICATORS, type GapLevel, type NeedId, type SupportIndicatorId } from '../analysis/gaps.ts';
import type { RuralMode } from '../map/legend-model.ts';
import type { PrivacyMode } from '../domain/privacy.ts';
import { formatExtraPath, formatSizes, parseExtraRoute, parseSizes } from './extra-routes.ts';

export type RouteView = 'map' | 'commune' | 'gaps' | 'accessibility' | 'review' | 'compare' | 'method';

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
const LAYER_IDS = Object.keys(LAYER_TOKENS) as LayerId[];

export type { PrivacyMode };

export interface Viewport {
  lon: number;
  lat: number;
  zoom: number;
}

/** Settings carried in the query part of the hash. `undefined` = default (see ROUTE_DEFAULTS). */
export interface RouteParams {
  /** `couches`: visible layers (the complete list, not a difference from the default). */
  layers?: LayerId[];
  /** `rural`: rural layer drawn by INSEE density grid or by France Ruralités Revitalisation. */
  ruralMode?: RuralMode;
  /** `fonds`: funds kept by the filter. Every fund (or none) = no filter. */
  funds?: FundId[];
  /** `de`: first year kept (inclusive). Default: the dataset's first year. */
  yearFrom?: number;
  /** `a`: last year kept (inclusive). Default: the dataset's last year. */
  yearTo?: number;
  /** `secteur`: NAF section letters A–U; '' (token `inconnu`) = rows without a sector. */
  sectors?: string[];
  /** `taille`: company size bands (breakdown charts); absent = every size. */
  sizes?: SizeBand[];
  /** `ind`: choropleth indicator. */
  indicator?: IndicatorId;
  /** `classes`: classification method. */
  method?: ClassifyMethod;
  /** `k`: number of classes, 3–7. */
  classCount?: number;
  /** `vue`: map viewport `lon,lat,zoom`. Default: the whole département. */
  viewport?: Viewport;
  /** `mode`: privacy mode. */
  mode?: PrivacyMode;
  /** `niveau`: gap analysis territory level. */
  level?: GapLevel;
  /** `besoin`: gap analysis need indicator id. */
  need?: NeedId;
  /** `soutien`: gap analysis support indicator id. */
  support?: SupportIndicatorId;
  /** `distance`: distance (metres, integer 0–1000) for "supports near a QPV". */
  distanceM?: number;
}

export interface Route {
  view: RouteView;
  /** INSEE code (view 'commune' only): 13001–13119 or an arrondissement 13201–13216. */
  code?: string;
  params: RouteParams;
  /** Year of the annual review (view 'review'); absent = the latest year of the data. */
  year?: number;
  /** Second territory of a comparison (view 'compare'; `code` is the first). */
  code2?: string;
  /**
   * Set when the hash asked for something that does not exist; the view falls back to 'map'.
   * `kind: 'commune'` → invalid or unknown commune code (`value` = the code as typed);
   * `kind: 'page'` → unknown path (`value` = the path).
   */
  notFound?: { kind: 'commune' | 'page'; value: string };
}

/** Query keys, in canonical order. */
export const PARAM_KEYS = {
  layers: 'couches',
  ruralMode: 'rural',
  funds: 'fonds',
  yearFrom: 'de',
  yearTo: 'a',
  sectors: 'secteur',
  sizes: 'taille',
  indicator: 'ind',
  method: 'classes',
  classCount: 'k',
  viewport: 'vue',
  mode: 'mode',
  level: 'niveau',
  need: 'besoin',
  support: 'soutien',
  distanceM: 'distance',
} as const satisfies Record<keyof RouteParams, string>;

/** Defaults (what an absent key means). Years and viewport have no fixed default (dataset / département). */
export const ROUTE_DEFAULTS = {
  layers: ['communes', 'qpv', 'supports', 'choropleth'] as LayerId[],
  ruralMode: 'densite' as RuralMode,
  funds: [...FUND_IDS] as FundId[],
  sectors: [] as string[],
  indicator: 'jobs' as IndicatorId,
  method: 'quantile' as ClassifyMethod,
  classCount: 5,
  // The desktop app defaults to the internal mode (DDETS staff, data on their own machine); the kiosk forces public.
  mode: 'interne' as PrivacyMode,
  level: 'commune' as GapLevel,
  need: 'jobsCut' as NeedId,
  support: 'jobs' as SupportIndicatorId,
  distanceM: 300,
} as const;

export type ResolvedParams = {
  layers: LayerId[];
  ruralMode: RuralMode;
  funds: FundId[];
  yearFrom: number | null;
  yearTo: number | null;
  sectors: string[];
  indicator: IndicatorId;
  method: ClassifyMethod;
  classCount: number;
  viewport: Viewport | null;
  mode: PrivacyMode;
  level: GapLevel;
  need: NeedId;
  support: SupportIndicatorId;
  distanceM: number;
};

/** Effective settings: the URL's values, defaults elsewhere (fresh arrays, safe to mutate). */
export function resolveParams(p: RouteParams): ResolvedParams {
  const d = ROUTE_DEFAULTS;
  return {
    layers: [...(p.layers ?? d.layers)],
    ruralMode: p.ruralMode ?? d.ruralMode,
    funds: p.funds && p.funds.length > 0 ? [...p.funds] : [...d.funds],
    yearFrom: p.yearFrom ?? null,
    yearTo: p.yearTo ?? null,
    sectors: [...(p.sectors ?? d.sectors)],
    indicator: p.indicator ?? d.indicator,
    method: p.method ?? d.method,
    classCount: p.classCount ?? d.classCount,
    viewport: p.viewport ? { ...p.viewport } : null,
    mode: p.mode ?? d.mode,
    level: p.level ?? d.level,
    need: p.need ?? d.need,
    support: p.support ?? d.support,
    distanceM: p.distanceM ?? d.distanceM,
  };
}

// ---------------------------------------------------------------------------------------------
// Value codecs

const NAF_LETTERS = 'ABCDEFGHIJKLMNOPQRSTU';
const UNKNOWN_SECTOR_TOKEN = 'inconnu';
const METHODS: readonly ClassifyMethod[] = ['quantile', 'equal', 'jenks'];
const INDICATOR_IDS = INDICATORS.map((i) => i.id);
const NEED_IDS = NEED_INDICATORS.map((i) => i.id);
const SUPPORT_IDS = SUPPORT_INDICATORS.map((i) => i.id);
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/** INSEE codes a profile can show: the 119 communes' range and Marseille's arrondissements. */
export const PROFILE_CODE_RE = /^13(0\d\d|1[01]\d|2(0[1-9]|1[0-6]))$/;

const round = (v: number, decimals: number) => {
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
};

/** Splits a list value, trims and lower-cases the items, drops empty ones. */
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
  return out.length > 0 ? canonicalList(out, ['', ...NAF_LETTERS]) : undefined;
}

function parseViewport(raw: string): Viewport | undefined {
  const parts = raw.split(',');
  if (parts.length !== 3) return undefined;
  const [lon, lat, zoom] = parts.map(parseNumber);
  if (lon === null || lat === null || zoom === null) return undefined;
  if (lon < -180 || lon > 180 || lat < -85 || lat > 85 || zoom < 0 || zoom > 24) return undefined;
  return { lon: round(lon, 4), lat: round(lat, 4), zoom: round(zoom, 2) };
}

function oneOf<T extends string>(raw: string, allowed: readonly T[]): T | undefined {
  const s = raw.trim();
  return (allowed as readonly string[]).includes(s) ? (s as T) : undefined;
}

/** Parses the query part (without `?`). Unknown keys and invalid values are dropped. */
export function parseParams(query: string): RouteParams {
  const q = new URLSearchParams(query);
  const get = (k: string) => q.get(k);
  const p: RouteParams = {};

  const layers = get(PARAM_KEYS.layers);
  if (layers !== null) p.layers = parseLayers(layers);

  const rural = get(PARAM_KEYS.ruralMode);
  if (rural !== null) p.ruralMode = oneOf<RuralMode>(rural.toLowerCase(), ['densite', 'frr']);

  const funds = get(PARAM_KEYS.funds);
  if (funds !== null) {
    const ids = canonicalList(listItems(funds.toLowerCase()) as FundId[], FUND_IDS);
    // Every fund, or none recognised, is the default (no filter).
    p.funds = ids.length > 0 && ids.length < FUND_IDS.length ? ids : undefined;
  }

  const from = get(PARAM_KEYS.yearFrom);
  const to = get(PARAM_KEYS.yearTo);
  const yearOk = (y: number | null): y is number => y !== null && y >= MIN_YEAR && y <= MAX_YEAR;
  const yf = from !== null ? parseInteger(from) : null;
  const yt = to !== null ? parseInteger(to) : null;
  if (yearOk(yf)) p.yearFrom = yf;
  if (yearOk(yt)) p.yearTo = yt;
  if (p.yearFrom !== undefined && p.yearTo !== undefined && p.yearFrom > p.yearTo) {
    // "de=2023&a=2019": the user meant the range, not an empty selection.
    [p.yearFrom, p.yearTo] = [p.yearTo, p.yearFrom];
  }

  const sectors = get(PARAM_KEYS.sectors);
  if (sectors !== null) p.sectors = parseSectors(sectors);

  const sizes = get(PARAM_KEYS.sizes);
  if (sizes !== null) p.sizes = parseSizes(sizes);

  const ind = get(PARAM_KEYS.indicator);
  if (ind !== null) p.indicator = oneOf(ind, INDICATOR_IDS);

  const method = get(PARAM_KEYS.method);
  if (method !== null) p.method = oneOf(method.toLowerCase(), METHODS);

  const k = get(PARAM_KEYS.classCount);
  if (k !== null) {
    const n = parseInteger(k);
    if (n !== null && n >= 3 && n <= 7) p.classCount = n;
  }

  const vue = get(PARAM_KEYS.viewport);
  if (vue !== null) p.viewport = parseViewport(vue);

  const mode = get(PARAM_KEYS.mode);
  if (mode !== null) p.mode = oneOf<PrivacyMode>(mode.toLowerCase(), ['public', 'interne']);

  const level = get(PARAM_KEYS.level);
  if (level !== null) p.level = oneOf(level.toLowerCase(), GAP_LEVELS);

  const need = get(PARAM_KEYS.need);
  if (need !== null) p.need = oneOf(need, NEED_IDS);

  const support = get(PARAM_KEYS.support);
  if (support !== null) p.support = oneOf(support, SUPPORT_IDS);

  const dist = get(PARAM_KEYS.distanceM);
  if (dist !== null) {
    const n = parseNumber(dist);
    if (n !== null && n >= 0 && n <= 1000) p.distanceM = Math.round(n);
  }

  // Drop the keys whose value was rejected, so that `{}` means "all defaults".
  for (const key of Object.keys(p) as (keyof RouteParams)[]) if (p[key] === undefined) delete p[key];
  return p;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const fmtNum = (v: number, decimals: number) => String(round(v, decimals));

/** Canonical query string (without `?`), defaults omitted. Empty string when everything is default. */
export function formatParams(p: RouteParams): string {
  const d = ROUTE_DEFAULTS;
  const out: [string, string][] = [];
  const push = (key: keyof RouteParams, value: string) => out.push([PARAM_KEYS[key], value]);

  if (p.layers) {
    const layers = canonicalList(p.layers, LAYER_IDS);
    if (!sameList(layers, d.layers)) push('layers', layers.length ? layers.map((l) => LAYER_TOKENS[l]).join(',') : 'aucune');
  }
  if (p.ruralMode && p.ruralMode !== d.ruralMode) push('ruralMode', p.ruralMode);
  if (p.funds) {
    const funds = canonicalList(p.funds, FUND_IDS);
    if (funds.length > 0 && funds.length < FUND_IDS.length) push('funds', funds.join(','));
  }
  if (p.yearFrom !== undefined && Number.isInteger(p.yearFrom)) push('yearFrom', String(p.yearFrom));
  if (p.yearTo !== undefined && Number.isInteger(p.yearTo)) push('yearTo', String(p.yearTo));
  if (p.sectors && p.sectors.length > 0) {
    const s = canonicalList(p.sectors, ['', ...NAF_LETTERS]);
    if (s.length > 0) push('sectors', s.map((x) => (x === '' ? UNKNOWN_SECTOR_TOKEN : x)).join(','));
  }
  const sizes = formatSizes(p.sizes);
  if (sizes) push('sizes', sizes);
  if (p.indicator && p.indicator !== d.indicator) push('indicator', p.indicator);
  if (p.method && p.method !== d.method) push('method', p.method);
  if (p.classCount !== undefined && p.classCount !== d.classCount) push('classCount', String(p.classCount));
  if (p.viewport) {
    const v = p.viewport;
    push('viewport', `${fmtNum(v.lon, 4)},${fmtNum(v.lat, 4)},${fmtNum(v.zoom, 2)}`);
  }
  if (p.mode && p.mode !== d.mode) push('mode', p.mode);
  if (p.level && p.level !== d.level) push('level', p.level);
  if (p.need && p.need !== d.need) push('need', p.need);
  if (p.support && p.support !== d.support) push('support', p.support);
  if (p.distanceM !== undefined && Math.round(p.distanceM) !== d.distanceM) push('distanceM', String(Math.round(p.distanceM)));

  // Every value is made of [A-Za-z0-9.,-]; encodeURIComponent would turn the commas into %2C.
  return out.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/gi, ',')}`).join('&');
}

// ---------------------------------------------------------------------------------------------
// Routes

export interface ParseRouteOptions {
  /**
   * Exact check of a commune code against the loaded index (e.g. a Set of the communes' and
   * arrondissements' codes). Without it, the code only has to be in the département's ranges
   * (PROFILE_CODE_RE).
   */
  isKnownCode?: (code: string) => boolean;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Reads a hash (`location.hash`, with or without the leading `#`). Never throws.
 * Examples: '' / '#' / '#/' → map; '#/commune/13028' → commune 13028;
 * '#/ecarts?niveau=epci' → gaps at the EPCI level; '#/commune/99999' → map + notFound.
 */
export function parseRoute(hash: string, opts: ParseRouteOptions = {}): Route {
  let h = typeof hash === 'string' ? hash.trim() : '';
  if (h.startsWith('#')) h = h.slice(1);
  const qi = h.indexOf('?');
  const rawPath = qi >= 0 ? h.slice(0, qi) : h;
  const params = parseParams(qi >= 0 ? h.slice(qi + 1) : '');
  const segments = safeDecode(rawPath)
    .split('/')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const head = (segments[0] ?? '').toLowerCase().normalize('NFC');

  if (segments.length === 0) return { view: 'map', params };
  if ((head === 'ecarts' || head === 'écarts') && segments.length === 1) return { view: 'gaps', params };
  if ((head === 'accessibilite' || head === 'accessibilité') && segments.length === 1) return { view: 'accessibility', params };
  const extra = parseExtraRoute(head, segments, params);
  if (extra) return extra;
  if (head === 'commune' && segments.length <= 2) {
    const raw = segments[1] ?? '';
    const code = raw.replace(/\s+/g, '');
    const valid = PROFILE_CODE_RE.test(code) && (opts.isKnownCode ? opts.isKnownCode(code) : true);
    if (valid) return { view: 'commune', code, params };
    return { view: 'map', params, notFound: { kind: 'commune', value: raw } };
  }
  return { view: 'map', params, notFound: { kind: 'page', value: segments.join('/') } };
}

/** Canonical hash for a route, starting with `#/`. `notFound` is not written (the fallback is the map). */
export function formatRoute(route: Route): string {
  let path = '';
  if (route.view === 'gaps') path = 'ecarts';
  else if (route.view === 'accessibility') path = 'accessibilite';
  else if (route.view === 'commune' && route.code) path = `commune/${encodeURIComponent(route.code)}`;
  else path = formatExtraPath(route) ?? path;
  const query = formatParams(route.params ?? {});
  return `#/${path}${query ? `?${query}` : ''}`;
}

/** Same route with some settings changed (`undefined` resets a setting to its default). */
export function withParams(route: Route, changes: Partial<RouteParams>): Route {
  const params: RouteParams = { ...route.params, ...changes };
  for (const key of Object.keys(params) as (keyof RouteParams)[]) if (params[key] === undefined) delete params[key];
  return { view: route.view, ...(route.code ? { code: route.code } : {}), ...(route.code2 ? { code2: route.code2 } : {}), ...(route.year ? { year: route.year } : {}), params };
}


/** True when `location.search` asks for the exhibition kiosk (`?mode=kiosque`). */
export function isKioskMode(search: string): boolean {
  if (typeof search !== 'string') return false;
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  return q.getAll('mode').some((m) => m.trim().toLowerCase() === 'kiosque');
}

// ---------------------------------------------------------------------------------------------
// Bridges with the existing state shapes

/** Layer list → the map's LayerVisibility plus the two data-layer switches. */
export function layersToVisibility(layers: readonly LayerId[], ruralMode: RuralMode = ROUTE_DEFAULTS.ruralMode) {
  const on = new Set(layers);
  return {
    visibility: {
      communes: on.has('communes'),
      qpv: on.has('qpv'),
      rural: on.has('rural'),
      ruralMode,
      arrondissements: on.has('arrondissements'),
      epci: on.has('epci'),
      zonesEmploi: on.has('zonesEmploi'),
    },
    showSupports: on.has('supports'),
    showChoropleth: on.has('choropleth'),
  };
}

/** The inverse of layersToVisibility: visible layers in canonical order. */
export function visibilityToLayers(
  v: { communes: boolean; qpv: boolean; rural: boolean; arrondissements: boolean; epci: boolean; zonesEmploi: boolean },
  showSupports: boolean,
  showChoropleth: boolean,
): LayerId[] {
  const on: Record<LayerId, boolean> = { ...v, supports: showSupports, choropleth: showChoropleth };
  return LAYER_IDS.filter((id) => on[id]);
}
