// Application state as Svelte 5 runes: what the user chose. Views read it; the map draws it.

import { DEFAULT_VISIBILITY, type LayerVisibility } from '../map/legend-model.ts';
import type { GeodataManifest, TerritoriesIndex } from '../geodata/types.ts';

export type Selection =
  | { kind: 'commune'; code: string }
  | { kind: 'qpv'; code: string }
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
}

export const app = new AppState();
