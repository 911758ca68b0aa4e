// Static SVG maps for printed reports (the annual review): commune outlines as SVG paths and
// points projected into the same frame. Print needs a vector picture that does not depend on
// the live WebGL map (a printed page cannot wait for tiles, and a canvas snapshot is blurry).
// Pure: no DOM. Projection: equirectangular scaled by cos(latitude) at the frame's centre,
// which is conformal enough over one département (≈ 1.5° of latitude).

import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { LonLat } from '../domain/types.ts';

export interface SvgFrame {
  width: number;
  height: number;
  /** [x, y] in the SVG's user units. */
  project: (p: LonLat) => [number, number];
}

export interface SvgPath {
  code: string;
  d: string;
}

type Area = Feature<Polygon | MultiPolygon, { code: string }>;

function eachRing(g: Polygon | MultiPolygon, f: (ring: number[][]) => void) {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) for (const ring of poly) f(ring);
}

/** A frame fitting the features into `width` user units (height follows the aspect). */
export function svgFrame(fc: FeatureCollection<Polygon | MultiPolygon>, width: number, margin = 4): SvgFrame {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const f of fc.features) {
    eachRing(f.geometry, (ring) => {
      for (const [x, y] of ring) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    });
  }
  if (!Number.isFinite(x0)) return { width, height: width, project: () => [0, 0] };
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const scale = (width - 2 * margin) / Math.max((x1 - x0) * k, 1e-9);
  const height = Math.ceil((y1 - y0) * scale + 2 * margin);
  return {
    width,
    height,
    project: ([lon, lat]) => [margin + (lon - x0) * k * scale, margin + (y1 - lat) * scale],
  };
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** One SVG path per feature (rings closed, coordinates rounded to 0.1 unit, repeated points dropped). */
export function svgPaths(fc: FeatureCollection<Polygon | MultiPolygon>, frame: SvgFrame): SvgPath[] {
  return (fc.features as Area[]).map((f) => {
    let d = '';
    eachRing(f.geometry, (ring) => {
      let last = '';
      let n = 0;
      for (const p of ring) {
        const [x, y] = frame.project(p as LonLat);
        const pt = `${r1(x)} ${r1(y)}`;
        if (pt === last) continue;
        d += `${n === 0 ? 'M' : 'L'}${pt}`;
        last = pt;
        n++;
      }
      if (n > 0) d += 'Z';
    });
    return { code: String(f.properties?.code ?? ''), d };
  });
}
