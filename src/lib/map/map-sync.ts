// The one place where what the pages want shown becomes drawing on the map (app and kiosk).
//
// Pages DECLARE what they show — a partial MapScene under their own name — and WITHDRAW it when
// they go; they never call the map controller. For each part of the scene the declaration of the
// highest priority wins (a page over the shell); a part nobody declares any more is cleared
// (feature state removed, area erased), like svelte-maplibre-gl's FeatureState, whose state
// leaves the feature when the component does. The sync applies only what changed (by reference:
// pass the same object to keep a part as drawn), and applies the whole scene again to a map built
// after a lost WebGL context. Camera moves and tools are commands, forwarded when a map is there.

import type { FeatureCollection, Point } from 'geojson';
import type { LayerVisibility } from './legend-model.ts';
import type { MapController } from './map-controller.ts';
import type { SupportSymbolStyle } from './supports-layers.ts';
import type { DrawMode, DrawnArea } from './draw.ts';
import type { TerritoryLevel } from './style.ts';
import type { Viewport } from '../routing/route.ts';
import { moveCamera, type Padding } from '../kiosk/camera.ts';
import type { CameraTarget } from '../kiosk/tour.ts';

export interface MapScene {
  visibility?: LayerVisibility;
  /** Company symbols (null: none drawn). */
  supports?: { points: FeatureCollection<Point>; style: SupportSymbolStyle } | null;
  supportsVisible?: boolean;
  /** Territories of one level coloured by class: code → index into `colors` (choropleth, bivariate). */
  thematic?: { level: TerritoryLevel; classes: Map<string, number>; colors: string[] } | null;
  selectedCommune?: string | null;
  /** One territory outlined (a table row hovered or selected). */
  highlighted?: { level: TerritoryLevel; code: string } | null;
  /** The custom area of the gap analysis. */
  area?: DrawnArea | null;
}

type Part = keyof MapScene;
const PARTS: readonly Part[] = ['visibility', 'supports', 'supportsVisible', 'thematic', 'selectedCommune', 'highlighted', 'area'];

/** What a part becomes when nobody declares it (undefined: left as drawn). */
const CLEARED: Partial<Record<Part, null>> = { thematic: null, selectedCommune: null, highlighted: null, area: null };

/** Draws one part of the scene on a controller. */
const DRAW: { [K in Part]-?: (c: MapController, v: MapScene[K]) => void } = {
  visibility: (c, v) => v && c.setVisibility(v),
  supports: (c, v) => c.setSupports(v?.points ?? null, v?.style ?? { radius: { maxJobs: 1, maxRadius: 1 }, fundColors: {} }),
  supportsVisible: (c, v) => c.setSupportsVisible(v ?? true),
  thematic: (c, v) => c.setThematic(v?.level ?? null, v?.classes ?? null, v?.colors ?? []),
  selectedCommune: (c, v) => c.selectCommune(v ?? null),
  highlighted: (c, v) => c.highlightTerritory(v?.level ?? null, v?.code ?? null),
  area: (c, v) => c.showArea(v ?? null),
};

export class MapSync {
  private controller: MapController | null = null;
  private readonly declared = new Map<string, { priority: number; scene: MapScene }>();
  /** What is drawn on the current map, part by part (absent: never drawn). */
  private drawn = new Map<Part, unknown>();

  /** A map is ready (the first one, or one rebuilt after a lost context), or gone (null). */
  attach(controller: MapController | null): void {
    this.controller = controller;
    // A new map: everything declared is drawn on it again (a rebuilt map's restore is overwritten
    // with the same, current, scene).
    this.drawn = new Map();
    this.flush();
  }

  /** Declares (or updates) parts of what `owner` shows. Higher priorities win (pages: 1, shell: 0). */
  declare(owner: string, scene: MapScene, priority = 0): void {
    const current = this.declared.get(owner);
    this.declared.set(owner, { priority, scene: { ...current?.scene, ...scene } });
    this.flush();
  }

  /** `owner` shows nothing any more: its parts fall back to the others' or are cleared. */
  withdraw(owner: string): void {
    if (this.declared.delete(owner)) this.flush();
  }

  /** The scene as composed now (for tests and debugging). */
  scene(): MapScene {
    const out: Record<string, unknown> = {};
    for (const part of PARTS) {
      const v = this.resolve(part);
      if (v !== undefined) out[part] = v;
    }
    return out as MapScene;
  }

  private resolve(part: Part): unknown {
    let best: { priority: number; value: unknown } | null = null;
    for (const { priority, scene } of this.declared.values()) {
      if (part in scene && (!best || priority >= best.priority)) best = { priority, value: scene[part] };
    }
    return best ? best.value : CLEARED[part];
  }

  private flush(): void {
    const c = this.controller;
    if (!c) return;
    for (const part of PARTS) {
      const v = this.resolve(part);
      if (v === undefined || (this.drawn.has(part) && this.drawn.get(part) === v)) continue;
      (DRAW[part] as (c: MapController, v: unknown) => void)(c, v);
      this.drawn.set(part, v);
    }
  }

  // --- Commands (camera, tools, pixels): no-ops without a map ------------------------------------

  fitBounds(bbox: [number, number, number, number], maxZoom?: number): void {
    this.controller?.fitBounds(bbox, maxZoom);
  }
  jumpTo(vp: Viewport): void {
    this.controller?.jumpTo(vp);
  }
  resetView(): void {
    this.controller?.resetView();
  }
  zoomToCluster(lngLat: [number, number]): void {
    this.controller?.zoomToCluster(lngLat);
  }
  /** The kiosk's camera: a view's target within the free part of the screen. */
  moveCamera(target: CameraTarget, padding: Padding, reducedMotion: boolean): void {
    if (this.controller) moveCamera(this.controller.map, target, padding, reducedMotion);
  }
  /** After the map's container changed size (a hidden page shown again). */
  resize(): void {
    this.controller?.map.resize();
  }
  startDrawing(mode: DrawMode, onDone: (area: DrawnArea | null) => void): boolean {
    if (!this.controller) return false;
    this.controller.startDrawing(mode, onDone);
    return true;
  }
  cancelDrawing(): void {
    this.controller?.cancelDrawing();
  }
  /** The map's canvas (PNG export, printed sheet), or null without a map. */
  canvas(): HTMLCanvasElement | null {
    return this.controller?.map.getCanvas() ?? null;
  }
  /** Runs `fn` once the map has drawn what it was just told (e.g. before taking its picture). */
  onceIdle(fn: () => void): void {
    this.controller?.map.once('idle', fn);
  }
}
