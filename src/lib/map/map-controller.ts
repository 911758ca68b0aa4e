// All MapLibre code lives here: the Svelte components call this controller and never touch
// the map API directly. One controller per map container.

import {
  Map as MlMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type MapGeoJSONFeature,
  type MapMouseEvent,
  type ExpressionSpecification,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import fontRegular from '@gouvfr/dsfr/dist/fonts/Marianne-Regular.woff2?url';
import fontBold from '@gouvfr/dsfr/dist/fonts/Marianne-Bold.woff2?url';
import type { FeatureCollection, Point } from 'geojson';
import { buildStyle, CLICKABLE_LAYERS, DEPARTEMENT_BOUNDS, LAYER_GROUPS, LEVEL_LAYERS, QPV_HATCH_IMAGE, type TerritoryLevel } from './style.ts';
import { FRR_CLASSES, LAND_COLOR, QPV_STYLE, RURAL_DENSITY_CLASSES, type LayerVisibility } from './legend-model.ts';
import { supportLayers, SUPPORTS_SOURCE, type SupportSymbolStyle } from './supports-layers.ts';
import { hatchPattern } from './patterns.ts';
import { showArea, startDrawing, type DrawMode, type DrawnArea } from './draw.ts';
import type { Viewport } from '../routing/route.ts';
import { maplibreLocale } from './ui-labels.ts';

setWorkerUrl(workerUrl);

export type PickedFeature =
  | { kind: 'commune'; code: string }
  | { kind: 'qpv'; code: string }
  | { kind: 'epci'; code: string }
  | { kind: 'ze'; code: string }
  | { kind: 'support'; id: string }
  | { kind: 'cluster'; count: number; lngLat: [number, number] };

/**
 * What a controller has drawn on its map, beyond the style: handed over when the WebGL context is
 * lost, so that the map built in its place shows the same thing (MapLibre's own recovery rebuilds
 * the style but drops feature state, i.e. the choropleth, the selection and the highlights).
 */
export interface MapDrawnState {
  view: Viewport;
  visibility: LayerVisibility;
  selectedCommune: string | null;
  thematic: { level: TerritoryLevel; classes: Map<string, number>; colors: string[] } | null;
  highlighted: { level: TerritoryLevel; code: string } | null;
  supports: { points: FeatureCollection<Point>; style: SupportSymbolStyle; visible: boolean } | null;
  area: DrawnArea | null;
}

export interface MapControllerOptions {
  container: HTMLElement;
  visibility: LayerVisibility;
  dataUrl: (file: string) => string;
  onReady: () => void;
  onError: (message: string) => void;
  onPick: (picked: PickedFeature | null, lngLat: [number, number]) => void;
  onHover?: (communeCode: string | null) => void;
  /**
   * The WebGL context was lost: the controller has already destroyed its map and hands over what it
   * had drawn; the owner builds a new controller with it as `restore` (see RecoveringMap). Without
   * it, MapLibre restores the map itself if the browser restores the context, without feature state.
   */
  onContextLost?: (drawn: MapDrawnState | null) => void;
  /** Drawn again on this new map once its style has loaded, before onReady: view, colours, selection. */
  restore?: MapDrawnState;
  /**
   * Out-of-view tiles kept per source (MapLibre's LRU cache). Default: MapLibre's, sized from the
   * viewport (about 60 per source here). A cap gives a known, small ceiling to a map left on for weeks.
   */
  maxTileCacheSize?: number;
}

export class MapController {
  readonly map: MlMap;
  private hoveredCommune: string | null = null;
  private selectedCommune: string | null = null;
  private visibility: LayerVisibility;
  private thematic: MapDrawnState['thematic'] = null;
  private highlighted: MapDrawnState['highlighted'] = null;
  private supports: MapDrawnState['supports'] = null;
  private area: DrawnArea | null = null;
  private ready = false;
  private cancelDraw: (() => void) | null = null;
  private removed = false;
  private unlisten: (() => void) | null = null;

  constructor(private readonly opts: MapControllerOptions) {
    const base = new URL(import.meta.env.BASE_URL, location.href);
    const restore = opts.restore;
    this.visibility = restore?.visibility ?? opts.visibility;
    this.map = new MlMap({
      container: opts.container,
      style: buildStyle(
        {
          data: opts.dataUrl,
          fonts: { regular: new URL(fontRegular, base).href, bold: new URL(fontBold, base).href },
        },
        this.visibility,
      ),
      ...(restore
        ? { center: [restore.view.lon, restore.view.lat] as [number, number], zoom: restore.view.zoom }
        : { bounds: DEPARTEMENT_BOUNDS, fitBoundsOptions: { padding: 8 } }),
      minZoom: 6.5,
      maxZoom: 16,
      // South: open sea far enough for a portrait « totem » to frame the département above its panel.
      maxBounds: [
        [2.6, 41.5],
        [7.4, 44.8],
      ],
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      // French at build time; MapView relabels the controls in the interface language.
      locale: maplibreLocale(),
      maxTileCacheSize: opts.maxTileCacheSize ?? null,
      // Lets tests and the PNG export read the canvas pixels.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');

    this.map.setMissingStyleImageResolver((id) => {
      if (id === QPV_HATCH_IMAGE) this.map.addImage(QPV_HATCH_IMAGE, hatchPattern(QPV_STYLE.fill, 10), { pixelRatio: 2 });
    });

    this.map.on('error', (e) => {
      const message = e.error?.message ?? String(e.error ?? 'erreur inconnue');
      opts.onError(message);
    });
    this.map.once('load', () => {
      if (restore) this.redraw(restore);
      this.map.once('idle', () => {
        this.ready = true;
        opts.onReady();
      });
    });
    this.bindPointer();

    if (opts.onContextLost) {
      const onLost = opts.onContextLost;
      // Capture phase on the container: runs before MapLibre's own handler on the canvas. That
      // handler destroys the style without unregistering it from the global RTL-text plugin, which
      // then keeps the whole lost map (style, tiles, painter) reachable even after map.remove().
      // Removing the map first releases the style properly (and skips MapLibre's handler).
      const lost = () => {
        let drawn: MapDrawnState | null = null;
        try {
          drawn = this.drawnState();
          this.destroy();
        } finally {
          onLost(drawn); // null if the lost map could not be read: the new one starts afresh
        }
      };
      const container = opts.container;
      container.addEventListener('webglcontextlost', lost, { capture: true });
      this.unlisten = () => container.removeEventListener('webglcontextlost', lost, { capture: true });
    }
  }

  isReady(): boolean {
    return this.ready;
  }

  /** What this controller has drawn, for a map built in its place (see MapDrawnState). */
  drawnState(): MapDrawnState {
    const { lng, lat } = this.map.getCenter();
    return {
      view: { lon: lng, lat, zoom: this.map.getZoom() },
      visibility: this.visibility,
      selectedCommune: this.selectedCommune,
      thematic: this.thematic,
      highlighted: this.highlighted,
      supports: this.supports,
      area: this.area,
    };
  }

  /** Draws a handed-over state on this (new, loaded) map. */
  private redraw(s: MapDrawnState): void {
    if (s.thematic) this.setThematic(s.thematic.level, s.thematic.classes, s.thematic.colors);
    this.selectCommune(s.selectedCommune);
    if (s.highlighted) this.highlightTerritory(s.highlighted.level, s.highlighted.code);
    if (s.supports) {
      this.setSupports(s.supports.points, s.supports.style);
      this.setSupportsVisible(s.supports.visible);
    }
    if (s.area) this.showArea(s.area);
  }

  private bindPointer(): void {
    const map = this.map;
    map.on('mousemove', 'communes-fill', (e) => {
      const code = e.features?.[0]?.properties?.code as string | undefined;
      this.setHover(code ?? null);
      map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', 'communes-fill', () => {
      this.setHover(null);
      map.getCanvas().style.cursor = '';
    });
    map.on('click', (e: MapMouseEvent) => {
      if (this.cancelDraw) return; // clicks build the drawn area
      const layers = CLICKABLE_LAYERS.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
      const hits = map.queryRenderedFeatures(e.point, { layers });
      const picked = hits.length ? this.toPicked(hits[0]) : null;
      this.opts.onPick(picked, [e.lngLat.lng, e.lngLat.lat]);
    });
  }

  private toPicked(f: MapGeoJSONFeature): PickedFeature | null {
    const p = f.properties ?? {};
    switch (f.layer.id) {
      case 'communes-fill':
        return { kind: 'commune', code: String(p.code) };
      case 'qpv-fill':
      case 'qpv-thematic-fill':
        return { kind: 'qpv', code: String(p.code) };
      case 'epci-fill':
        return { kind: 'epci', code: String(p.code) };
      case 'zones-emploi-fill':
        return { kind: 'ze', code: String(p.code) };
      case 'supports-point':
        return { kind: 'support', id: String(p.id) };
      case 'supports-cluster': {
        const g = f.geometry as Point;
        return { kind: 'cluster', count: Number(p.point_count), lngLat: g.coordinates as [number, number] };
      }
      default:
        return null;
    }
  }

  private setHover(code: string | null): void {
    if (code === this.hoveredCommune) return;
    if (this.hoveredCommune) this.map.setFeatureState({ source: 'communes', id: this.hoveredCommune }, { hover: false });
    this.hoveredCommune = code;
    if (code) this.map.setFeatureState({ source: 'communes', id: code }, { hover: true });
    this.opts.onHover?.(code);
  }

  /** Highlights one commune (info card, search, table row), or none. */
  selectCommune(code: string | null): void {
    if (this.selectedCommune) this.map.setFeatureState({ source: 'communes', id: this.selectedCommune }, { selected: false });
    this.selectedCommune = code;
    if (code) this.map.setFeatureState({ source: 'communes', id: code }, { selected: true });
  }

  setVisibility(v: LayerVisibility): void {
    this.visibility = v;
    for (const [group, ids] of Object.entries(LAYER_GROUPS)) {
      const on = v[group as keyof typeof LAYER_GROUPS] as boolean;
      for (const id of ids) {
        let visible = on;
        if (id === 'zrr-line') visible = on && v.ruralMode === 'frr';
        this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
      }
    }
    const frr = v.ruralMode === 'frr';
    this.map.setFilter('rural-fill', frr ? ['>', ['get', 'frr'], 0] : ['>=', ['get', 'densite'], 5]);
    this.map.setPaintProperty(
      'rural-fill',
      'fill-color',
      (frr
        ? ['match', ['get', 'frr'], ...FRR_CLASSES.flatMap((c) => [c.code, c.color]), 'rgba(0,0,0,0)']
        : ['match', ['get', 'densite'], ...RURAL_DENSITY_CLASSES.flatMap((c) => [c.level, c.color]), 'rgba(0,0,0,0)']) as unknown as ExpressionSpecification,
    );
  }

  /** Colours communes by class (see setThematic). */
  setChoropleth(classes: Map<string, number> | null, colors: string[] = []): void {
    this.setThematic(classes ? 'commune' : null, classes, colors);
  }

  /**
   * Colours the territories of one level by class: `classes` maps a territory code to an index into
   * `colors`; codes absent from it keep the plain land colour. The other levels' fills are hidden.
   * Pass a null level to remove every thematic colouring.
   */
  setThematic(level: TerritoryLevel | null, classes: Map<string, number> | null, colors: string[] = []): void {
    const map = this.map;
    if (this.thematic) {
      const { source } = LEVEL_LAYERS[this.thematic.level];
      for (const code of this.thematic.classes.keys()) map.removeFeatureState({ source, id: code }, 'cls');
      this.thematic = null;
    }
    for (const [lvl, { fill }] of Object.entries(LEVEL_LAYERS)) {
      if (lvl === 'commune') map.setPaintProperty(fill, 'fill-color', LAND_COLOR);
      else map.setLayoutProperty(fill, 'visibility', lvl === level ? 'visible' : 'none');
    }
    if (!level || !classes) return;
    const { source, fill } = LEVEL_LAYERS[level];
    for (const [code, cls] of classes) map.setFeatureState({ source, id: code }, { cls });
    // A copy: the caller's map may change after this call, the feature states do not.
    this.thematic = { level, classes: new Map(classes), colors: [...colors] };
    const match = ['match', ['coalesce', ['feature-state', 'cls'], -1], ...colors.flatMap((c, i) => [i, c]), level === 'qpv' ? 'rgba(0,0,0,0)' : LAND_COLOR];
    map.setPaintProperty(fill, 'fill-color', match as unknown as ExpressionSpecification);
  }

  /** Outlines one territory (table row hover or selection), or none. */
  highlightTerritory(level: TerritoryLevel | null, code: string | null): void {
    if (this.highlighted) this.map.setFeatureState({ source: LEVEL_LAYERS[this.highlighted.level].source, id: this.highlighted.code }, { hover: false });
    this.highlighted = null;
    if (!level || !code) return;
    this.map.setFeatureState({ source: LEVEL_LAYERS[level].source, id: code }, { hover: true });
    this.highlighted = { level, code };
  }

  /** Draws supported companies as proportional symbols, clustered at low zoom. */
  setSupports(points: FeatureCollection<Point> | null, style: SupportSymbolStyle): void {
    const map = this.map;
    const existing = map.getSource(SUPPORTS_SOURCE) as GeoJSONSource | undefined;
    this.supports = points ? { points, style, visible: this.supports?.visible ?? true } : null;
    if (!points) {
      for (const layer of supportLayers(style)) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
      if (existing) map.removeSource(SUPPORTS_SOURCE);
      return;
    }
    if (existing) {
      existing.setData(points);
      for (const layer of supportLayers(style)) {
        if (layer.type === 'circle' && layer.paint) {
          for (const [k, val] of Object.entries(layer.paint)) map.setPaintProperty(layer.id, k as never, val as never);
        }
      }
      return;
    }
    map.addSource(SUPPORTS_SOURCE, {
      type: 'geojson',
      data: points,
      cluster: true,
      clusterMaxZoom: 10,
      clusterRadius: 36,
      clusterProperties: { jobs: ['+', ['get', 'jobs']] },
    });
    // Below the commune names, so that symbols never hide where they are.
    for (const layer of supportLayers(style)) map.addLayer(layer, 'arrondissements-label');
  }

  setSupportsVisible(on: boolean): void {
    if (this.supports) this.supports.visible = on;
    for (const layer of supportLayers({ radius: { maxJobs: 1, maxRadius: 1 }, fundColors: {} })) {
      if (this.map.getLayer(layer.id)) this.map.setLayoutProperty(layer.id, 'visibility', on ? 'visible' : 'none');
    }
  }

  zoomToCluster(lngLat: [number, number]): void {
    this.map.easeTo({ center: lngLat, zoom: Math.min(this.map.getZoom() + 2, 12) });
  }

  fitBounds(bbox: [number, number, number, number], maxZoom = 13): void {
    this.map.fitBounds(
      [
        [bbox[0], bbox[1]],
        [bbox[2], bbox[3]],
      ],
      { padding: 40, maxZoom, duration: prefersReducedMotion() ? 0 : 600 },
    );
  }

  /** Lets the user draw a polygon or a circle; `onDone` gets the area, or null when cancelled. */
  startDrawing(mode: DrawMode, onDone: (area: DrawnArea | null) => void): void {
    this.cancelDraw?.();
    this.cancelDraw = startDrawing(this.map, mode, (area) => {
      this.cancelDraw = null;
      onDone(area);
    });
  }

  cancelDrawing(): void {
    this.cancelDraw?.();
  }

  isDrawing(): boolean {
    return this.cancelDraw !== null;
  }

  showArea(area: DrawnArea | null): void {
    this.area = area;
    showArea(this.map, area);
  }

  jumpTo(vp: Viewport): void {
    this.map.jumpTo({ center: [vp.lon, vp.lat], zoom: vp.zoom });
  }

  resetView(): void {
    this.map.fitBounds(DEPARTEMENT_BOUNDS, { padding: 8, duration: prefersReducedMotion() ? 0 : 600 });
  }

  /** Removes the map; safe to call twice (after a context loss, then on unmount). */
  destroy(): void {
    if (this.removed) return;
    this.removed = true;
    this.unlisten?.();
    this.unlisten = null;
    // A drawing in progress dies with the map: tell its owner (its buttons leave the drawing state).
    this.cancelDraw?.();
    // map.remove() leaves the style's font faces in document.fonts (only MapLibre's context-loss
    // path releases them): hand them back first, or each new map adds its two fonts again.
    this.map.style?.glyphManager?.destroy();
    this.map.remove();
  }
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
