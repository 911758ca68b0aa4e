// RecoveringMap's rebuild logic, with a stand-in MapController (the real one needs WebGL; the
// e2e tests lose real contexts in Chromium).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MapControllerOptions, MapDrawnState } from '../../src/lib/map/map-controller.ts';

const built: FakeController[] = [];
let failNextBuilds = 0;

class FakeController {
  destroyed = 0;
  constructor(readonly opts: MapControllerOptions) {
    if (failNextBuilds > 0) {
      failNextBuilds--;
      throw new Error('Failed to initialize WebGL');
    }
    built.push(this);
  }
  destroy() {
    this.destroyed++;
  }
  /** What MapController does on webglcontextlost: removes its map, then hands over what it drew. */
  loseContext(drawn: MapDrawnState | null) {
    this.destroy();
    this.opts.onContextLost?.(drawn);
  }
}

vi.mock('../../src/lib/map/map-controller.ts', () => ({ MapController: FakeController }));
const { RecoveringMap, RECOVER_AFTER_MS } = await import('../../src/lib/map/recovering-map.ts');

const drawn: MapDrawnState = {
  view: { lon: 5.4, lat: 43.3, zoom: 11 },
  visibility: {} as MapDrawnState['visibility'],
  selectedCommune: '13055',
  thematic: { level: 'commune', classes: new Map([['13055', 4]]), colors: ['#a', '#b', '#c', '#d', '#e'] },
  highlighted: null,
  supports: null,
  area: null,
};

function make() {
  const events: string[] = [];
  const map = new RecoveringMap({
    container: {} as HTMLElement,
    visibility: {} as MapControllerOptions['visibility'],
    dataUrl: (f) => f,
    onError: () => {},
    onPick: () => {},
    onBuilt: (_c, g) => events.push(`built ${g}`),
    onReady: (c) => events.push(`ready ${built.indexOf(c as unknown as FakeController) + 1}`),
    onLost: () => events.push('lost'),
  });
  return { map, events };
}

describe('RecoveringMap', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    built.length = 0;
    failNextBuilds = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('builds one map, without a state to restore, and passes its readiness on', () => {
    const { map, events } = make();
    expect(built).toHaveLength(1);
    expect(built[0].opts.restore).toBeUndefined();
    expect(map.controller).toBe(built[0]);
    built[0].opts.onReady();
    expect(events).toEqual(['built 1', 'ready 1']);
  });

  it('after a loss, waits, then builds a new map that draws what the lost one drew', () => {
    const { map, events } = make();
    built[0].opts.onReady();
    built[0].loseContext(drawn);
    expect(map.controller).toBeNull();
    expect(events.at(-1)).toBe('lost');
    vi.advanceTimersByTime(RECOVER_AFTER_MS - 1);
    expect(built).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(built).toHaveLength(2);
    expect(built[1].opts.restore).toBe(drawn);
    expect(map.controller).toBe(built[1]);
    built[1].opts.onReady();
    expect(events).toEqual(['built 1', 'ready 1', 'lost', 'built 2', 'ready 2']);
  });

  it('starts afresh when the lost map could not be read', () => {
    make();
    built[0].loseContext(null);
    vi.advanceTimersByTime(RECOVER_AFTER_MS);
    expect(built[1].opts.restore).toBeUndefined();
  });

  it('tries again while no WebGL context can be created', () => {
    const { map } = make();
    built[0].loseContext(drawn);
    failNextBuilds = 2;
    vi.advanceTimersByTime(RECOVER_AFTER_MS * 2);
    expect(built).toHaveLength(1);
    expect(map.controller).toBeNull();
    vi.advanceTimersByTime(RECOVER_AFTER_MS);
    expect(built).toHaveLength(2);
    expect(built[1].opts.restore).toBe(drawn);
  });

  it('ignores late events from a lost map', () => {
    const { events } = make();
    const first = built[0];
    first.loseContext(drawn);
    vi.advanceTimersByTime(RECOVER_AFTER_MS);
    first.opts.onReady();
    first.opts.onContextLost?.(drawn);
    expect(events).toEqual(['built 1', 'lost', 'built 2']);
    vi.advanceTimersByTime(RECOVER_AFTER_MS * 3);
    expect(built).toHaveLength(2);
  });

  it('builds nothing more once destroyed, even with a rebuild pending', () => {
    const { map } = make();
    built[0].loseContext(drawn);
    map.destroy();
    vi.advanceTimersByTime(RECOVER_AFTER_MS * 3);
    expect(built).toHaveLength(1);
    const live = make();
    live.map.destroy();
    expect(built[1].destroyed).toBe(1);
    expect(live.map.controller).toBeNull();
  });
});
