// Flattened polygon layer: features in the reference order (ascending code), their parts, rings
// and edges in typed arrays, a Flatbush index over feature bounding boxes and another over the
// outline segments (for the nearest-outline fallbacks).

import Flatbush from 'flatbush';
import type { AreaGeometry } from '../../geodata/types.ts';
import { lngLatToVector, partContains } from './exact.ts';

export interface LayerFeatureInput {
  geometry: AreaGeometry | null;
  properties: { code: string | number };
}

export class PolygonLayer {
  /** Codes in the reference order (ascending string order). Index = feature number used everywhere. */
  readonly codes: string[];
  readonly geometries: AreaGeometry[];
  /** minX, minY, maxX, maxY per feature (same as turf bbox: every coordinate). */
  readonly bboxes: Float64Array;
  /** Feature f has parts [featPart[f], featPart[f + 1]). */
  readonly featPart: Int32Array;
  /** Part p has edges [partEdge[p], partEdge[p + 1]) in `edges` (all its rings). */
  readonly partEdge: Int32Array;
  /** x1, y1, x2, y2 per edge: consecutive coordinate pairs of each ring (hao reads no closing edge). */
  readonly edges: Float64Array;
  /** Feature of each edge. */
  readonly edgeFeature: Int32Array;
  /** Part of each edge. */
  readonly edgePart: Int32Array;
  /** Unit vectors (turf lngLatToVector) of both ends of each edge: 6 per edge. */
  readonly edgeVectors: Float64Array;
  /** Flatbush over feature bboxes (ids = feature numbers). */
  readonly featureIndex: Flatbush | null;
  /** Flatbush over edge bboxes (ids = edge numbers). */
  readonly edgeIndex: Flatbush | null;
  /** Union bbox of the layer (Infinity / -Infinity when empty). */
  readonly extent: [number, number, number, number];

  // Not split: packs every edge into flat typed arrays in one pass (speed).
  constructor(features: readonly LayerFeatureInput[]) {
    // Same filter and order as locate-turf.ts toEntries().
    const entries = features
      .filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
      .map((f) => ({ code: String(f.properties.code), geometry: f.geometry as AreaGeometry }));
    entries.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.codes = entries.map((e) => e.code);
    this.geometries = entries.map((e) => e.geometry);

    const nF = entries.length;
    let nParts = 0;
    let nEdges = 0;
    for (const e of entries) {
      const polys = e.geometry.type === 'Polygon' ? [e.geometry.coordinates] : e.geometry.coordinates;
      nParts += polys.length;
      for (const poly of polys) for (const ring of poly) nEdges += Math.max(0, ring.length - 1);
    }
    this.bboxes = new Float64Array(nF * 4);
    this.featPart = new Int32Array(nF + 1);
    this.partEdge = new Int32Array(nParts + 1);
    this.edges = new Float64Array(nEdges * 4);
    this.edgeFeature = new Int32Array(nEdges);
    this.edgePart = new Int32Array(nEdges);
    this.edgeVectors = new Float64Array(nEdges * 6);
    const ext: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    let p = 0;
    let k = 0;
    for (let f = 0; f < nF; f++) {
      const g = entries[f].geometry;
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      this.featPart[f] = p;
      for (const poly of polys) {
        this.partEdge[p] = k;
        for (const ring of poly) {
          for (let i = 0; i < ring.length; i++) {
            const x = ring[i][0];
            const y = ring[i][1];
            if (x < minX) minX = x;
            if (y < minY) minY = y;
            if (x > maxX) maxX = x;
            if (y > maxY) maxY = y;
            if (i + 1 < ring.length) {
              const o = k * 4;
              this.edges[o] = x;
              this.edges[o + 1] = y;
              this.edges[o + 2] = ring[i + 1][0];
              this.edges[o + 3] = ring[i + 1][1];
              this.edgeFeature[k] = f;
              this.edgePart[k] = p;
              lngLatToVector(x, y, this.edgeVectors, k * 6);
              lngLatToVector(ring[i + 1][0], ring[i + 1][1], this.edgeVectors, k * 6 + 3);
              k++;
            }
          }
        }
        p++;
      }
      this.bboxes[f * 4] = minX;
      this.bboxes[f * 4 + 1] = minY;
      this.bboxes[f * 4 + 2] = maxX;
      this.bboxes[f * 4 + 3] = maxY;
      if (minX < ext[0]) ext[0] = minX;
      if (minY < ext[1]) ext[1] = minY;
      if (maxX > ext[2]) ext[2] = maxX;
      if (maxY > ext[3]) ext[3] = maxY;
    }
    this.featPart[nF] = p;
    this.partEdge[p] = k;
    this.extent = ext;

    if (nF > 0) {
      const fi = new Flatbush(nF);
      for (let f = 0; f < nF; f++) fi.add(this.bboxes[f * 4], this.bboxes[f * 4 + 1], this.bboxes[f * 4 + 2], this.bboxes[f * 4 + 3]);
      fi.finish();
      this.featureIndex = fi;
    } else this.featureIndex = null;
    if (nEdges > 0) {
      const ei = new Flatbush(nEdges);
      const E = this.edges;
      for (let e = 0; e < nEdges; e++) {
        const o = e * 4;
        ei.add(Math.min(E[o], E[o + 2]), Math.min(E[o + 1], E[o + 3]), Math.max(E[o], E[o + 2]), Math.max(E[o + 1], E[o + 3]));
      }
      ei.finish();
      this.edgeIndex = ei;
    } else this.edgeIndex = null;
  }

  get size(): number {
    return this.codes.length;
  }

  /** Exact (turf booleanPointInPolygon, boundary inclusive) test of one feature, all its edges. */
  contains(f: number, x: number, y: number): boolean {
    const b = this.bboxes;
    const o = f * 4;
    if (!(x >= b[o] && x <= b[o + 2] && y >= b[o + 1] && y <= b[o + 3])) return false;
    for (let p = this.featPart[f]; p < this.featPart[f + 1]; p++) {
      if (partContains(this.edges, this.partEdge[p], this.partEdge[p + 1], x, y)) return true;
    }
    return false;
  }

  /** First feature (reference order) containing the point, via the bbox index; -1 when none. */
  firstContaining(x: number, y: number): number {
    if (!this.featureIndex) return -1;
    const ids = this.featureIndex.search(x, y, x, y);
    let best = -1;
    for (const f of ids) if ((best === -1 || f < best) && this.contains(f, x, y)) best = f;
    return best;
  }
}
