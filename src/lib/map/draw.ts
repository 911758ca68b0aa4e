// Drawing a custom area on the map (gap analysis): a polygon (click each vertex, double-click or
// click the first vertex or press Enter to close) or a circle (click the centre, then click at the
// radius). Escape cancels. Drawn with a GeoJSON source of its own.

import type { GeoJSONSource, Map as MlMap, MapMouseEvent } from 'maplibre-gl';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { circle, distance } from '@turf/turf';

export type DrawMode = 'polygon' | 'circle';
export type DrawnArea = { kind: 'polygon'; polygon: Polygon } | { kind: 'circle'; center: [number, number]; radiusM: number };

const SOURCE = 'draw';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function ensureLayers(map: MlMap) {
  if (map.getSource(SOURCE)) return;
  map.addSource(SOURCE, { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'draw-fill', type: 'fill', source: SOURCE, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#000091', 'fill-opacity': 0.12 } });
  map.addLayer({ id: 'draw-line', type: 'line', source: SOURCE, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#000091', 'line-width': 2.5, 'line-dasharray': [2, 1] } });
  map.addLayer({ id: 'draw-vertex', type: 'circle', source: SOURCE, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': '#000091', 'circle-stroke-width': 2 } });
}

function setData(map: MlMap, features: Feature[]) {
  (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features });
}

export function circlePolygon(center: [number, number], radiusM: number): Polygon {
  return circle(center, radiusM / 1000, { steps: 64, units: 'kilometers' }).geometry;
}

/** Shows a finished area (or clears it with null). */
export function showArea(map: MlMap, area: DrawnArea | null) {
  ensureLayers(map);
  if (!area) return setData(map, []);
  const polygon = area.kind === 'polygon' ? area.polygon : circlePolygon(area.center, area.radiusM);
  setData(map, [{ type: 'Feature', geometry: polygon, properties: {} }]);
}

/** Starts an interactive drawing; returns a function that cancels it. */
export function startDrawing(map: MlMap, mode: DrawMode, onDone: (area: DrawnArea | null) => void): () => void {
  ensureLayers(map);
  const vertices: [number, number][] = [];
  let center: [number, number] | null = null;
  let cursor: [number, number] | null = null;
  const canvas = map.getCanvas();
  canvas.style.cursor = 'crosshair';
  map.doubleClickZoom.disable();

  const render = () => {
    const features: Feature[] = [];
    if (mode === 'polygon') {
      const ring = cursor ? [...vertices, cursor] : vertices;
      for (const v of vertices) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: v }, properties: {} });
      if (ring.length >= 3) features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] }, properties: {} });
      else if (ring.length === 2) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: ring }, properties: {} });
    } else if (center) {
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: center }, properties: {} });
      if (cursor) features.push({ type: 'Feature', geometry: circlePolygon(center, distance(center, cursor, { units: 'kilometers' }) * 1000), properties: {} });
    }
    setData(map, features);
  };

  const finish = (area: DrawnArea | null) => {
    stop();
    if (area) showArea(map, area);
    else setData(map, []);
    onDone(area);
  };

  const closePolygon = () => {
    if (vertices.length >= 3) finish({ kind: 'polygon', polygon: { type: 'Polygon', coordinates: [[...vertices, vertices[0]]] } });
  };

  const onClick = (e: MapMouseEvent) => {
    const p: [number, number] = [e.lngLat.lng, e.lngLat.lat];
    if (mode === 'circle') {
      if (!center) center = p;
      else finish({ kind: 'circle', center, radiusM: Math.round(distance(center, p, { units: 'kilometers' }) * 1000) });
      return;
    }
    // A click close to the first vertex closes the polygon.
    if (vertices.length >= 3) {
      const first = map.project(vertices[0]);
      if (Math.hypot(first.x - e.point.x, first.y - e.point.y) < 10) return closePolygon();
    }
    vertices.push(p);
    render();
  };
  const onDblClick = (e: MapMouseEvent) => {
    e.preventDefault();
    closePolygon();
  };
  const onMove = (e: MapMouseEvent) => {
    cursor = [e.lngLat.lng, e.lngLat.lat];
    render();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') finish(null);
    else if (e.key === 'Enter' && mode === 'polygon') closePolygon();
  };

  map.on('click', onClick);
  map.on('dblclick', onDblClick);
  map.on('mousemove', onMove);
  window.addEventListener('keydown', onKey);

  function stop() {
    map.off('click', onClick);
    map.off('dblclick', onDblClick);
    map.off('mousemove', onMove);
    window.removeEventListener('keydown', onKey);
    canvas.style.cursor = '';
    map.doubleClickZoom.enable();
  }
  return () => finish(null);
}
