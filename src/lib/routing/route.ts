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
//   query  key=value pairs, `&`-separated, lists `,`-separated (keys in French, declared once in params.ts).
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

import { LAYER_IDS, PARAMS, formatParams, parseParams, type LayerId, type RouteParams, type RuralMode } from './params.ts';

export {
  LAYER_TOKENS,
  PARAM_KEYS,
  ROUTE_DEFAULTS,
  formatParams,
  parseParams,
  resolveParams,
  type LayerId,
  type ResolvedParams,
  type RouteParams,
  type RuralMode,
  type Viewport,
} from './params.ts';
export type { PrivacyMode } from '../domain/privacy.ts';
import { formatExtraPath, parseExtraRoute } from './extra-routes.ts';

export type RouteView = 'map' | 'commune' | 'gaps' | 'accessibility' | 'review' | 'compare' | 'method';

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

/** INSEE codes a profile can show: the 119 communes' range and Marseille's arrondissements. */
export const PROFILE_CODE_RE = /^13(0\d\d|1[01]\d|2(0[1-9]|1[0-6]))$/;

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
export function layersToVisibility(layers: readonly LayerId[], ruralMode: RuralMode = PARAMS.ruralMode.default) {
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
