// The desktop app's one map, as the pages reach it: they declare what they show through the
// MapSync (map/map-sync.ts) and never call the map controller.
import { MapSync } from '../map/map-sync.ts';

class MapRef {
  /** Set by the gap analysis page while it is shown: a territory clicked on the map. */
  onTerritoryPick: ((code: string | null) => void) | null = null;
}

export const mapRef = new MapRef();
export const mapSync = new MapSync();
