// Keeps the URL hash and the application state in step: every state has a permalink
// (`#/`, `#/commune/13004`, `#/ecarts` + settings), and browser back/forward move through states.

import { formatRoute, parseRoute, resolveParams, layersToVisibility, visibilityToLayers, type Route } from '../routing/route.ts';
import { FUND_IDS } from '../domain/funds.ts';
import { app } from './app.svelte.ts';
import { data } from './data.svelte.ts';
import { i18n, setLocale } from './i18n.svelte.ts';

/** The route that describes what is on screen now. */
export function currentRoute(): Route {
  const years = data.years;
  const allFunds = data.funds.length === FUND_IDS.length;
  const g = app.gap;
  return {
    view: app.view,
    ...(app.view === 'commune' && app.profileCode ? { code: app.profileCode } : {}),
    ...pageExtras(),
    params: {
      layers: visibilityToLayers(app.visibility, data.showSupports, data.showChoropleth),
      ruralMode: app.visibility.ruralMode,
      funds: allFunds ? undefined : [...data.funds],
      yearFrom: data.yearFrom !== null && data.yearFrom !== years[0] ? data.yearFrom : undefined,
      yearTo: data.yearTo !== null && data.yearTo !== years[years.length - 1] ? data.yearTo : undefined,
      sectors: data.sectors.length ? [...data.sectors] : undefined,
      sizes: data.sizes.length ? [...data.sizes] : undefined,
      indicator: data.indicator,
      method: data.method,
      classCount: data.classCount,
      viewport: app.view === 'map' && app.viewport ? { ...app.viewport } : undefined,
      mode: app.kiosk || data.isPublished ? undefined : app.mode,
      level: app.view === 'gaps' ? g.level : undefined,
      need: app.view === 'gaps' ? g.need : undefined,
      support: app.view === 'gaps' ? g.support : undefined,
      distanceM: app.view === 'gaps' ? g.distanceM : undefined,
      locale: i18n.locale,
    },
  };
}

/** Applies a route to the state. Returns the viewport the map should move to, if the URL gives one. */
export function applyRoute(route: Route) {
  const p = resolveParams(route.params);
  app.view = route.view;
  app.profileCode = route.view === 'commune' ? (route.code ?? null) : null;
  app.reviewYear = route.view === 'review' ? (route.year ?? null) : null;
  app.compareCodes = route.view === 'compare' && route.code && route.code2 ? [route.code, route.code2] : null;
  app.notFound = route.notFound ?? null;
  const layers = layersToVisibility(p.layers, p.ruralMode);
  app.visibility = layers.visibility;
  data.showSupports = layers.showSupports;
  data.showChoropleth = layers.showChoropleth;
  data.funds = p.funds;
  const years = data.years;
  data.yearFrom = p.yearFrom ?? years[0] ?? null;
  data.yearTo = p.yearTo ?? years[years.length - 1] ?? null;
  data.sectors = p.sectors;
  data.sizes = route.params.sizes ? [...route.params.sizes] : [];
  data.indicator = p.indicator;
  data.method = p.method;
  data.classCount = p.classCount;
  if (data.isPublished) {
    // A published site has no internal mode: a link asking for it opens the public figures.
    app.mode = 'public';
    if (route.params.mode === 'interne') app.modeNotice = 'publishedMode';
  } else if (!app.kiosk) app.mode = p.mode;
  app.gap = { level: p.level, need: p.need, support: p.support, distanceM: p.distanceM };
  setLocale(p.locale);
  return p.viewport;
}

/**
 * Before the data: the language and the commune page a link asks for, so that the first render is
 * that page (a profile link does not build the map home's panel first, only to replace it). The
 * rest of the route (years, filters, the code checked against the territories) is applied with
 * the data, by applyRoute.
 */
export function applyRouteEarly(route: Route): void {
  setLocale(resolveParams(route.params).locale);
  if (route.view === 'commune' && route.code) {
    app.view = 'commune';
    app.profileCode = route.code;
  }
}

/**
 * True when the URL already says what is on screen. A change of the hash fires both popstate and
 * hashchange; by the second, the URL may be the one the state wrote back (a link to an unknown
 * commune is rewritten to the map with a notice), and applying it again would drop the notice.
 */
export function locationIsCurrent(): boolean {
  const hash = formatRoute(currentRoute());
  return hash === location.hash || (hash === '#/' && location.hash === '');
}

/** Reads the hash now. */
export const routeFromLocation = () => parseRoute(location.hash, { isKnownCode: (c) => isKnownProfileCode(c) });

function isKnownProfileCode(code: string): boolean {
  const t = app.territories;
  if (!t) return true;
  return t.communes.some((c) => c.code === code) || t.arrondissements.some((a) => a.code === code);
}

/**
 * Writes the state into the URL: a new history entry when the page changes (view or commune),
 * a replaced one for settings and viewport, so that back/forward move between pages.
 */
export function writeRoute(route: Route): void {
  const hash = formatRoute(route);
  if (hash === location.hash || (hash === '#/' && location.hash === '')) return;
  const before = parseRoute(location.hash);
  const pageChanged =
    before.view !== route.view ||
    (before.code ?? null) !== (route.code ?? null) ||
    (before.code2 ?? null) !== (route.code2 ?? null) ||
    (before.year ?? null) !== (route.year ?? null);
  if (pageChanged) history.pushState(null, '', hash);
  else history.replaceState(null, '', hash);
}

/** Navigates to a page (keeps the current settings). */
export function goTo(view: Route['view'], code: string | null = null): void {
  app.view = view;
  app.profileCode = view === 'commune' ? code : null;
  app.reviewYear = null;
  app.compareCodes = null;
  app.notFound = null;
}

/** The annual review of `year` (null: the latest year). */
export function goToReview(year: number | null): void {
  goTo('review');
  app.reviewYear = year;
}

/** Two territories side by side. */
export function goToCompare(a: string, b: string): void {
  goTo('compare');
  app.compareCodes = [a, b];
}

/** Path parts of the review and comparison pages. */
function pageExtras(): Pick<Route, 'year' | 'code' | 'code2'> {
  if (app.view === 'review' && app.reviewYear) return { year: app.reviewYear };
  if (app.view === 'compare' && app.compareCodes) return { code: app.compareCodes[0], code2: app.compareCodes[1] };
  return {};
}
