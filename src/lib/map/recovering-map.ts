// A map that survives the loss of its WebGL context (GPU reset, driver update, memory pressure on
// a machine left on for days): the lost map is removed and, after a pause, a new MapController is
// built in the same container, drawing what the lost one had drawn (view, colours, selection,
// symbols). Used by the app's map and by the kiosk's.

import { MapController, type MapControllerOptions, type MapDrawnState } from './map-controller.ts';

/** Wait this long after a lost WebGL context before building a new map (a GPU reset takes a moment). */
export const RECOVER_AFTER_MS = 2000;

export interface RecoveringMapOptions extends Omit<MapControllerOptions, 'onReady' | 'onContextLost' | 'restore'> {
  /** A new map (the first one, or one built after a loss) is built; `generation` counts them from 1. */
  onBuilt?: (controller: MapController, generation: number) => void;
  /** That map is loaded and drawn. */
  onReady: (controller: MapController) => void;
  /** The map is lost and already removed: stop calling its controller until the next onReady. */
  onLost: () => void;
}

export class RecoveringMap {
  private current: MapController | null = null;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly opts: RecoveringMapOptions) {
    this.build(null);
  }

  /** The live controller, or null between a loss and the new map. */
  get controller(): MapController | null {
    return this.current;
  }

  private build(restore: MapDrawnState | null): void {
    const c: MapController = new MapController({
      ...this.opts,
      restore: restore ?? undefined,
      onReady: () => {
        if (this.current === c) this.opts.onReady(c);
      },
      onContextLost: (drawn) => {
        if (this.current !== c) return;
        this.current = null;
        this.opts.onLost();
        this.rebuildLater(drawn);
      },
    });
    this.current = c;
    this.generation += 1;
    this.opts.onBuilt?.(c, this.generation);
  }

  private rebuildLater(restore: MapDrawnState | null): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      try {
        this.build(restore);
      } catch {
        this.rebuildLater(restore); // no WebGL context yet (GPU still resetting): try again
      }
    }, RECOVER_AFTER_MS);
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const c = this.current;
    this.current = null;
    c?.destroy();
  }
}
