// The one map controller of the page, reachable by the views (fit to a territory, highlight a row).
import type { MapController } from '../map/map-controller.ts';

class MapRef {
  controller = $state.raw<MapController | null>(null);
  /** Set by the gap analysis page while it is shown: a territory clicked on the map. */
  onTerritoryPick: ((code: string | null) => void) | null = null;
}

export const mapRef = new MapRef();
