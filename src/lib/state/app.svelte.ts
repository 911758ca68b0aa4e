// Application state as Svelte 5 runes: what the user chose. Views read it; the map draws it.

import { DEFAULT_VISIBILITY, type LayerVisibility } from '../map/legend-model.ts';
import type { GeodataManifest, TerritoriesIndex } from '../geodata/types.ts';
import type { PrivacyMode } from '../domain/privacy.ts';
import type { GapLevel, NeedId } from '../analysis/gaps.ts';
import type { SupportIndicatorId } from '../analysis/indicators.ts';
import { ROUTE_DEFAULTS, type Route, type RouteView, type Viewport } from '../routing/route.ts';

export type Selection =
  | { kind: 'commune'; code: string }
  | { kind: 'qpv'; code: string }
  | { kind: 'epci'; code: string }
  | { kind: 'ze'; code: string }
  | { kind: 'support'; id: string }
  | null;

class AppState {
  visibility = $state<LayerVisibility>({ ...DEFAULT_VISIBILITY });
  territories = $state.raw<TerritoriesIndex | null>(null);
  manifest = $state.raw<GeodataManifest | null>(null);
  loadError = $state<string | null>(null);
  mapReady = $state(false);
  selection = $state<Selection>(null);
  hoveredCommune = $state<string | null>(null);

  /** Which page is shown (from the URL hash) and the commune of the profile page. */
  view = $state<RouteView>('map');
  profileCode = $state<string | null>(null);
  /** Year of the annual review (`#/bilan/<année>`); null = the latest year of the data. */
  reviewYear = $state<number | null>(null);
  /** The two territories of `#/comparer/<code>/<code>`. */
  compareCodes = $state<[string, string] | null>(null);
  /** A link to a commune or page that does not exist (the notice is written by the catalogue). */
  notFound = $state<NonNullable<Route['notFound']> | null>(null);
  /** Last map viewport, rounded as written in the URL. */
  viewport = $state<Viewport | null>(null);
  /** Statistical secrecy: 'public' hides individual micro-entrepreneurs, amounts and figures under 3 companies. */
  mode = $state<PrivacyMode>(ROUTE_DEFAULTS.mode);
  /** Short notice when a link asked for a mode this site does not have (published site). */
  modeNotice = $state<'publishedMode' | null>(null);
  /** Exhibition kiosk (`?mode=kiosque`): touch UI, public mode, attract loop. */
  kiosk = $state(false);
  gap = $state<{ level: GapLevel; need: NeedId; support: SupportIndicatorId; distanceM: number }>({
    level: ROUTE_DEFAULTS.level,
    need: ROUTE_DEFAULTS.need,
    support: ROUTE_DEFAULTS.support,
    distanceM: ROUTE_DEFAULTS.distanceM,
  });
}

export const app = new AppState();
