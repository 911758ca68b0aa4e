// The indexed engine must give exactly the turf reference locator's answer: random points over
// the real layers, hand-made edge cases on the real data, and the synthetic fixture (shared
// edges, vertices, holes, multipolygon, fake Marseille, QPV, coast snap). No timing here.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AggregationEngine, countByTerritory, createEngineLocator } from '../../src/lib/analysis/engine/engine.ts';
import { createTurfLocator, distanceToOutlineKm } from '../../src/lib/analysis/locate-turf.ts';
import type { PointLocation } from '../../src/lib/analysis/types.ts';
import type { LonLat } from '../../src/lib/domain/types.ts';
import type { ArrondissementsLayer, CommunesLayer, QpvLayer, TerritoriesIndex } from '../../src/lib/geodata/types.ts';

const root = resolve(__dirname, '../..');
const dataDir = resolve(root, 'public/data');
const read = <T>(p: string): T => JSON.parse(readFileSync(p, 'utf8')) as T;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function engineLocations(engine: AggregationEngine, pts: LonLat[]): PointLocation[] {
  const ll = new Float64Array(pts.length * 2);
  pts.forEach((p, i) => {
    ll[2 * i] = p[0];
    ll[2 * i + 1] = p[1];
  });
  const r = engine.locateMany(ll);
  return pts.map((_, i) => ({
    communeCode: r.commune[i] >= 0 ? engine.communeCodes[r.commune[i]] : null,
    arrondissementCode: r.arrondissement[i] >= 0 ? engine.arrondissementCodes[r.arrondissement[i]] : null,
    qpvCode: r.qpv[i] >= 0 ? engine.qpvCodes[r.qpv[i]] : null,
    snapped: r.snapped[i] === 1,
  }));
}

/** Points whose engine answer differs from the reference (empty = identical). */
function differences(engine: AggregationEngine, ref: { locate(p: LonLat): PointLocation }, pts: LonLat[]) {
  const got = engineLocations(engine, pts);
  const out: { p: LonLat; ref: PointLocation; engine: PointLocation }[] = [];
  pts.forEach((p, i) => {
    const want = ref.locate(p);
    if (JSON.stringify(want) !== JSON.stringify(got[i])) out.push({ p, ref: want, engine: got[i] });
  });
  return out;
}


describe('engine vs turf reference on the real layers', () => {
  const communes = read<CommunesLayer>(resolve(dataDir, 'communes.geojson'));
  const arrondissements = read<ArrondissementsLayer>(resolve(dataDir, 'arrondissements.geojson'));
  const qpv = read<QpvLayer>(resolve(dataDir, 'qpv.geojson'));
  const index = read<TerritoriesIndex>(resolve(dataDir, 'territoires.json'));
  const engine = new AggregationEngine(communes, arrondissements, qpv);
  const ref = createTurfLocator(communes, arrondissements, qpv);
  const ring = (code: string) => {
    const g = communes.features.find((f) => f.properties.code === code)!.geometry;
    return g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
  };

  it('gives identical results on 26,000 random points (uniform in the bbox, near label points, coast band)', () => {
    const rnd = prng(42);
    const bb = index.departement.bbox;
    const pts: LonLat[] = [];
    for (let i = 0; i < 12_000; i++) pts.push([bb[0] - 0.05 + rnd() * (bb[2] - bb[0] + 0.1), bb[1] - 0.05 + rnd() * (bb[3] - bb[1] + 0.1)]);
    for (let i = 0; i < 8_000; i++) {
      const c = index.communes[Math.floor(rnd() * index.communes.length)];
      pts.push([c.labelPoint[0] + (rnd() - 0.5) * 0.04, c.labelPoint[1] + (rnd() - 0.5) * 0.04]);
    }
    // Around QPV label points (QPV edges).
    for (let i = 0; i < 2_000; i++) {
      const q = index.qpv[Math.floor(rnd() * index.qpv.length)];
      pts.push([q.labelPoint[0] + (rnd() - 0.5) * 0.01, q.labelPoint[1] + (rnd() - 0.5) * 0.01]);
    }
    // Marseille's coast and islands: snap zone and arrondissement fallback.
    for (let i = 0; i < 4_000; i++) pts.push([5.2 + rnd() * 0.4, 43.15 + rnd() * 0.2]);
    const diff = differences(engine, ref, pts);
    expect(diff.slice(0, 5)).toEqual([]);
    const got = engineLocations(engine, pts);
    // The sample really covers the interesting cases.
    expect(got.filter((g) => g.snapped).length).toBeGreaterThan(100);
    expect(got.filter((g) => g.qpvCode).length).toBeGreaterThan(100);
    expect(got.filter((g) => g.arrondissementCode).length).toBeGreaterThan(500);
    expect(got.filter((g) => g.communeCode === null).length).toBeGreaterThan(1000);
  }, 180_000);

  it('gives identical results on vertices, shared-edge midpoints and points just beside them', () => {
    const pts: LonLat[] = [];
    for (const code of ['13055', '13001', '13004', '13028', '13056']) {
      const r = ring(code);
      for (let i = 0; i < r.length - 1; i += Math.max(1, Math.floor(r.length / 40))) {
        const a = r[i];
        const b = r[i + 1];
        pts.push([a[0], a[1]]); // vertex
        pts.push([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]); // edge midpoint (often shared by two communes)
        pts.push([a[0] + 1e-12, a[1]], [a[0], a[1] - 1e-12], [a[0] + 1e-9, a[1] + 1e-9]);
      }
    }
    // QPV vertices and interiors.
    for (const f of qpv.features.slice(0, 20)) {
      const r = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];
      pts.push([r[0][0], r[0][1]], [(r[0][0] + r[1][0]) / 2, (r[0][1] + r[1][1]) / 2]);
    }
    const qp = index.qpv.slice(0, 30).map((q) => [q.labelPoint[0], q.labelPoint[1]] as LonLat);
    pts.push(...qp);
    expect(differences(engine, ref, pts)).toEqual([]);
    // QPV label points are inside their QPV.
    expect(engineLocations(engine, qp).filter((g) => g.qpvCode).length).toBeGreaterThan(25);
  }, 60_000);

  it('snaps a point just off the coast within 2 km and not beyond, as the reference does', () => {
    // South of Marseille's southernmost vertex, in the sea.
    const r = ring('13055');
    let south = r[0];
    for (const p of r) if (p[1] < south[1]) south = p;
    const near: LonLat = [south[0], south[1] - 0.009]; // ≈ 1 km
    const far: LonLat = [south[0], south[1] - 0.03]; // ≈ 3.3 km
    expect(distanceToOutlineKm(near, communes.features.find((f) => f.properties.code === '13055')!.geometry)).toBeLessThan(2);
    expect(differences(engine, ref, [near, far])).toEqual([]);
    const [a, b] = engineLocations(engine, [near, far]);
    expect(a.snapped).toBe(true);
    expect(b.communeCode === null || b.snapped).toBe(true);
    // Around the 2 km contour: a line of points crossing it.
    const line: LonLat[] = [];
    for (let k = 0; k <= 400; k++) line.push([south[0], south[1] - 0.012 - (k * 0.012) / 400]);
    expect(differences(engine, ref, line)).toEqual([]);
  }, 60_000);

  it('handles invalid and far points like the reference', () => {
    const pts: LonLat[] = [[NaN, 43.3], [5.4, Infinity], [0, 0], [2.35, 48.85], [-5.4, -43.3], [5.4, 43.3]];
    expect(differences(engine, ref, pts)).toEqual([]);
    const loc = createEngineLocator(communes, arrondissements, qpv);
    for (const p of pts) expect(loc.locate(p)).toEqual(ref.locate(p));
  });

  it('counts per territory from typed arrays', () => {
    const ll = new Float64Array([5.3698, 43.2965, 5.4474, 43.5297, 4.0, 42.0, 5.3698, 43.2965]);
    const res = engine.locateMany(ll);
    const w = new Float64Array([1, 100, 2, 200, 3, 300, 4, NaN]);
    const c = engine.countByTerritory(res, w);
    const m = engine.communeCodes.indexOf('13055');
    expect(c.commune.count[m]).toBe(2);
    expect(c.commune.jobs[m]).toBe(5);
    expect(c.commune.amount[m]).toBe(100);
    expect(c.outside.count[0]).toBe(1);
    expect(c.outside.amount[0]).toBe(300);
    const total = c.commune.count.reduce((a, b) => a + b, 0);
    expect(total).toBe(3);
    expect(countByTerritory(res, { communes: engine.communeCodes.length, arrondissements: 16, qpv: engine.qpvCodes.length }).commune.count[m]).toBe(2);
  });
});

describe('engine vs turf reference on the hand-made fixture', () => {
  const fixture = read<{ communes: CommunesLayer; arrondissements: ArrondissementsLayer; qpv: QpvLayer }>(
    resolve(root, 'test/fixtures/geo/locate-fixture.json'),
  );
  const variants = [
    { name: 'default', opts: {} },
    { name: 'no snap', opts: { snapDistanceKm: 0 } },
    { name: 'snap 5 km', opts: { snapDistanceKm: 5 } },
  ];
  for (const v of variants) {
    for (const cellDeg of [0.002, 0.0037, 0.01]) {
      it(`identical on edges, vertices, holes, parts and the sea (${v.name}, cell ${cellDeg}°)`, () => {
        const engine = new AggregationEngine(fixture.communes, fixture.arrondissements, fixture.qpv, { ...v.opts, cellDeg });
        const ref = createTurfLocator(fixture.communes, fixture.arrondissements, fixture.qpv, v.opts);
        const pts: LonLat[] = [
          [5.015, 43.005], [5.008, 43.008], [5.01, 43.005], [5.01, 43.01], [5.01, 43.0], [5.02, 43.005],
          [5.045, 43.015], [5.04, 43.015], [5.035, 43.015], [5.05, 43.02], [5.04, 43.01], [5.045, 43.01],
          [5.085, 43.005], [5.105, 43.005], [5.095, 43.005], [5.005, 42.99], [5.005, 42.97], [5.01, 42.995],
          [5.004, 43.004], [5.002, 43.004], [5.0065, 43.004], [5.002, 43.002], [5.006, 43.006],
          [5.01, 43.06], [5.03, 43.06], [5.02, 43.07], [5.03, 43.085], [5.035, 43.0899], [5.045, 43.085], [5.02, 43.09],
        ];
        // Grids of points on the 0.001° lattice (many exactly on edges and vertices) and random ones.
        for (let x = 4.98; x <= 5.13; x += 0.0025) for (let y = 42.97; y <= 43.11; y += 0.0025) pts.push([Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4]);
        const rnd = prng(7);
        for (let i = 0; i < 3000; i++) pts.push([4.97 + rnd() * 0.17, 42.96 + rnd() * 0.16]);
        expect(differences(engine, ref, pts)).toEqual([]);
      }, 60_000);
    }
  }

  it('snaps into the hole and between the parts, like the reference', () => {
    const engine = new AggregationEngine(fixture.communes, fixture.arrondissements, fixture.qpv);
    const [hole, gap, onHoleRing] = engineLocations(engine, [[5.045, 43.015], [5.095, 43.005], [5.04, 43.015]]);
    expect(hole).toMatchObject({ communeCode: '99003', snapped: true });
    expect(gap).toMatchObject({ communeCode: '99004', snapped: true });
    expect(onHoleRing).toMatchObject({ communeCode: '99003', snapped: false });
  });
});

describe('engine output paths (packed cell table, reused buffers)', () => {
  const communes = read<CommunesLayer>(resolve(dataDir, 'communes.geojson'));
  const arrondissements = read<ArrondissementsLayer>(resolve(dataDir, 'arrondissements.geojson'));
  const qpv = read<QpvLayer>(resolve(dataDir, 'qpv.geojson'));
  const index = read<TerritoriesIndex>(resolve(dataDir, 'territoires.json'));

  it('gives the same answers on a fresh engine, after lazy classification, and into reused buffers in chunks', () => {
    const rnd = prng(99);
    const bb = index.departement.bbox;
    const n = 20_000;
    const ll = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      ll[2 * i] = bb[0] - 0.05 + rnd() * (bb[2] - bb[0] + 0.1);
      ll[2 * i + 1] = bb[1] - 0.05 + rnd() * (bb[3] - bb[1] + 0.1);
    }
    const engine = new AggregationEngine(communes, arrondissements, qpv);
    const first = engine.locateMany(ll); // lazy snap / arrondissement cells classified here
    const second = engine.locateMany(ll); // their packed answers used from now on
    expect(second).toEqual(first);
    const out = { commune: new Int32Array(n).fill(7), arrondissement: new Int32Array(n).fill(7), qpv: new Int32Array(n).fill(7), snapped: new Uint8Array(n).fill(7) };
    for (let pass = 0; pass < 2; pass++) for (let from = 0; from < n; from += 3_001) engine.locateInto(ll, from, Math.min(n, from + 3_001), out);
    expect(out).toEqual(first);
    const ref = createTurfLocator(communes, arrondissements, qpv);
    const pts: LonLat[] = [];
    for (let i = 0; i < n; i += 10) pts.push([ll[2 * i], ll[2 * i + 1]]);
    expect(differences(engine, ref, pts)).toEqual([]);
  }, 60_000);
});

describe('engine with more than 254 features in a layer (no packed cell table)', () => {
  it('still gives the reference answers', () => {
    // 18 × 18 = 324 square "communes" with shared edges, a few QPV squares inside them.
    const square = (x: number, y: number, s: number) => ({
      type: 'Polygon' as const,
      coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]],
    });
    const features = [];
    for (let i = 0; i < 18; i++) for (let j = 0; j < 18; j++) features.push({ type: 'Feature', properties: { code: `9${String(i * 18 + j).padStart(4, '0')}` }, geometry: square(5 + i * 0.01, 43 + j * 0.01, 0.01) });
    const qfeatures = [0, 5, 11].map((k) => ({ type: 'Feature', properties: { code: `QN${k}` }, geometry: square(5.003 + k * 0.01, 43.003 + k * 0.01, 0.0045) }));
    const communes = { type: 'FeatureCollection', features } as unknown as CommunesLayer;
    const arrondissements = { type: 'FeatureCollection', features: [] } as unknown as ArrondissementsLayer;
    const qpvLayer = { type: 'FeatureCollection', features: qfeatures } as unknown as QpvLayer;
    const engine = new AggregationEngine(communes, arrondissements, qpvLayer);
    const ref = createTurfLocator(communes, arrondissements, qpvLayer);
    const rnd = prng(3);
    const pts: LonLat[] = [];
    for (let i = 0; i < 1500; i++) pts.push([4.99 + rnd() * 0.2, 42.99 + rnd() * 0.2]);
    for (let x = 5; x <= 5.18; x += 0.005) pts.push([Math.round(x * 1e4) / 1e4, 43.05]);
    expect(differences(engine, ref, pts)).toEqual([]);
  }, 60_000);
});
