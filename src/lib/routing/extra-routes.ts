// Routes of the annual review, the comparison and the method page (issue 14), kept apart from
// route.ts so that its table of routes stays short. Pure.
//   'bilan' or 'bilan/<année>'        → annual review (view 'review')
//   'comparer/<code>/<code>'          → two territories side by side (view 'compare'): communes,
//                                       Marseille arrondissements or EPCI (SIREN, 9 digits)
//   'methode'                         → method page (view 'method'; 'méthode' accepted)
// An invalid year or code gives the map with `notFound` (kind 'page').

import type { Route, RouteParams } from './route.ts';
import type { SizeBand } from '../domain/types.ts';
import { SIZE_BANDS } from '../domain/funds.ts';

/** `taille=micro,pme`: size bands in canonical order; nothing recognised = every size (undefined). */
export function parseSizes(raw: string): SizeBand[] | undefined {
  const set = new Set(raw.toLowerCase().split(',').map((x) => x.trim()));
  const out = SIZE_BANDS.filter((b) => set.has(b));
  return out.length > 0 && out.length < SIZE_BANDS.length ? out : undefined;
}

export function formatSizes(sizes: readonly SizeBand[] | undefined): string | null {
  if (!sizes || sizes.length === 0) return null;
  const out = SIZE_BANDS.filter((b) => sizes.includes(b));
  return out.length > 0 && out.length < SIZE_BANDS.length ? out.join(',') : null;
}

/** Codes a comparison accepts: a profile code, or an EPCI's SIREN. */
export const COMPARE_CODE_RE = /^(13(0\d\d|1[01]\d|2(0[1-9]|1[0-6]))|\d{9})$/;

export function parseExtraRoute(head: string, segments: string[], params: RouteParams): Route | null {
  if ((head === 'methode' || head === 'méthode') && segments.length === 1) return { view: 'method', params };
  if (head === 'bilan' && segments.length <= 2) {
    if (segments.length === 1) return { view: 'review', params };
    const y = /^\d{4}$/.test(segments[1]) ? Number(segments[1]) : null;
    if (y !== null && y >= 1990 && y <= 2100) return { view: 'review', year: y, params };
    return { view: 'map', params, notFound: { kind: 'page', value: segments.join('/') } };
  }
  if (head === 'comparer' && segments.length === 3) {
    const [a, b] = [segments[1].replace(/\s+/g, ''), segments[2].replace(/\s+/g, '')];
    if (COMPARE_CODE_RE.test(a) && COMPARE_CODE_RE.test(b)) return { view: 'compare', code: a, code2: b, params };
    return { view: 'map', params, notFound: { kind: 'page', value: segments.join('/') } };
  }
  return null;
}

export function formatExtraPath(route: Route): string | null {
  if (route.view === 'method') return 'methode';
  if (route.view === 'review') return route.year ? `bilan/${route.year}` : 'bilan';
  if (route.view === 'compare' && route.code && route.code2) return `comparer/${encodeURIComponent(route.code)}/${encodeURIComponent(route.code2)}`;
  return null;
}
