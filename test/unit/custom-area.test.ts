import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { areaGeometry, figuresInArea, supportsNearQpv } from '../../src/lib/analysis/custom-area.ts';
import { maskFigures } from '../../src/lib/domain/privacy.ts';
import type { Dataset, Layoff, LonLat, Support } from '../../src/lib/domain/types.ts';
import type { CommunesLayer, QpvLayer } from '../../src/lib/geodata/types.ts';
import { supportFixture } from '../fixtures/support.ts';

// Metres → degrees around latitude 43° (turf uses a sphere of radius 6,371,008.8 m).
const M_PER_DEG = (Math.PI / 180) * 6_371_008.8;
const LAT = 43;
const dLon = (m: number) => m / (M_PER_DEG * Math.cos((LAT * Math.PI) / 180));
const dLat = (m: number) => m / M_PER_DEG;

/** Axis-aligned square of half-size `halfM` metres centred on (lon, lat). */
function square(lon: number, lat: number, halfM: number): Polygon {
  const x = dLon(halfM);
  const y = dLat(halfM);
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - x, lat - y],
        [lon + x, lat - y],
        [lon + x, lat + y],
        [lon - x, lat + y],
        [lon - x, lat - y],
      ],
    ],
  };
}

const base: Support = supportFixture({ location: [5, LAT] });
const at = (eastM: number, northM = 0): LonLat => [5 + dLon(eastM), LAT + dLat(northM)];
const S = '99999001400013';

describe('figuresInArea', () => {
  const supports: Support[] = [
    { ...base, id: 'in1', siret: S, location: at(0), jobsAchieved: 4, amountEur: 10_000 },
    { ...base, id: 'in2', siret: S, location: at(100, 100), jobsPlanned: 2, amountEur: 5_000 },
    { ...base, id: 'in3', location: at(-300), jobsAchieved: 1, amountEur: 1_000, precision: 'commune', communeCode: 'B' },
    { ...base, id: 'out', location: at(900), jobsAchieved: 50, amountEur: 99_000 },
  ];
  const layoffs: Layoff[] = [
    { id: 'L1', employer: 'x', siret: null, communeCode: 'A', location: at(200), precision: 'point', date: '2019-01-01', jobsCut: 40 },
    { id: 'L2', employer: 'y', siret: null, communeCode: 'C', location: at(2000), precision: 'point', date: '2019-01-01', jobsCut: 60 },
  ];

  it('sums the supports and layoffs inside a polygon; companies counted by SIRET', () => {
    const f = figuresInArea(square(5, LAT, 500), supports, layoffs);
    expect(f).toMatchObject({ companies: 2, jobs: 7, amountEur: 16_000, jobsCut: 40, layoffs: 1, population: null, jobsPer1000: null, approximate: 1 });
    expect(f.eurPerJob).toBeCloseTo(16_000 / 7, 10);
    expect(f.supportIds).toEqual(['in1', 'in2', 'in3']);
    expect(f.layoffIds).toEqual(['L1']);
    // Without a communes layer: the communes of the rows inside.
    expect(f.communesTouched).toEqual(['A', 'B']);
  });

  it('accepts a Feature and a MultiPolygon', () => {
    const feature = { type: 'Feature' as const, properties: {}, geometry: square(5, LAT, 500) };
    expect(figuresInArea(feature, supports, layoffs).supportIds).toHaveLength(3);
    const multi = { type: 'MultiPolygon' as const, coordinates: [square(5, LAT, 50).coordinates, square(5 + dLon(900), LAT, 50).coordinates] };
    expect(figuresInArea(multi, supports, layoffs).supportIds).toEqual(['in1', 'out']);
  });

  it('uses a 64-step circle for {center, radiusM}', () => {
    const circle = { center: at(0), radiusM: 1000 };
    const g = areaGeometry(circle) as Polygon;
    expect(g.type).toBe('Polygon');
    expect(g.coordinates[0]).toHaveLength(65);
    const f = figuresInArea(circle, supports, layoffs);
    expect(f.supportIds).toEqual(['in1', 'in2', 'in3', 'out']);
    expect(f.layoffIds).toEqual(['L1']);
    expect(figuresInArea({ center: at(0), radiusM: 850 }, supports, layoffs).supportIds).not.toContain('out');
  });

  it('lists the communes whose polygon the area touches when given the communes layer', () => {
    const communes = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: 'W' }, geometry: square(5 - dLon(1000), LAT, 500) },
        { type: 'Feature', properties: { code: 'E' }, geometry: square(5 + dLon(1000), LAT, 500) },
        { type: 'Feature', properties: { code: 'FAR' }, geometry: square(6, LAT, 500) },
      ],
    } as unknown as CommunesLayer;
    expect(figuresInArea({ center: at(0), radiusM: 700 }, [], [], communes).communesTouched).toEqual(['E', 'W']);
    expect(figuresInArea({ center: at(1000), radiusM: 100 }, [], [], communes).communesTouched).toEqual(['E']);
  });

  it('gives figures that privacy.maskFigures accepts', () => {
    const f = figuresInArea(square(5, LAT, 500), supports, layoffs);
    expect(maskFigures(f).companies).toBe(f.companies);
  });
});

describe('supportsNearQpv', () => {
  const qpv = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { code: 'Q1', nom: 'Un', communes: ['A'] }, geometry: square(5, LAT, 200) },
      { type: 'Feature', properties: { code: 'Q2', nom: 'Deux', communes: ['A'] }, geometry: square(5 + dLon(2000), LAT, 200) },
    ],
  } as unknown as QpvLayer;
  const supports: Support[] = [
    { ...base, id: 'declared', precision: 'commune', location: at(5000), qpvCode: 'Q1', qpvSource: 'declared' },
    { ...base, id: 'inside', location: at(50, 50) },
    { ...base, id: 'near150', location: at(350) },
    { ...base, id: 'near450', location: at(-650) },
    { ...base, id: 'between', location: at(1000) }, // 800 m from Q1 and from Q2
    { ...base, id: 'nearQ2', location: at(1700) }, // 100 m from Q2
    { ...base, id: 'centroid', location: at(250), precision: 'commune' }, // 50 m away but not located precisely
    { ...base, id: 'far', location: at(0, 3000) },
  ];

  it('separates inside, near (exact points only) and not located', () => {
    const r = supportsNearQpv(supports, qpv, 300);
    expect(r.inside).toEqual(['declared', 'inside']);
    expect(r.near.map((n) => n.id)).toEqual(['nearQ2', 'near150']);
    expect(r.near[0].qpvCode).toBe('Q2');
    expect(r.near[0].distanceM).toBeGreaterThanOrEqual(99);
    expect(r.near[0].distanceM).toBeLessThanOrEqual(101);
    expect(r.near[1]).toMatchObject({ qpvCode: 'Q1' });
    expect(Math.abs(r.near[1].distanceM - 150)).toBeLessThanOrEqual(1);
    expect(r.notLocated).toBe(1);
  });

  it('grows with the distance and clamps it to 0–1000 m', () => {
    expect(supportsNearQpv(supports, qpv, 500).near.map((n) => n.id)).toEqual(['nearQ2', 'near150', 'near450']);
    expect(supportsNearQpv(supports, qpv, 0).near).toEqual([]);
    expect(supportsNearQpv(supports, qpv, -5).near).toEqual([]);
    const wide = supportsNearQpv(supports, qpv, 50_000);
    expect(wide.near.map((n) => n.id)).toEqual(['nearQ2', 'near150', 'near450', 'between']);
    expect(wide.near.every((n) => n.distanceM <= 1000)).toBe(true);
  });

  it('works on the real QPV layer with the demo data', () => {
    const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');
    const realQpv = JSON.parse(read('public/data/qpv.geojson')) as QpvLayer;
    const demo = JSON.parse(read('src/data/demo-dataset.json')) as Dataset;
    const r = supportsNearQpv(demo.supports, realQpv, 500);
    const byId = new Map(demo.supports.map((s) => [s.id, s]));
    for (const s of demo.supports) if (s.qpvCode) expect(r.inside).toContain(s.id);
    for (const n of r.near) {
      expect(byId.get(n.id)!.precision).toBe('point');
      expect(byId.get(n.id)!.qpvCode).toBeNull();
      expect(n.distanceM).toBeGreaterThan(0);
      expect(n.distanceM).toBeLessThanOrEqual(500);
      expect(realQpv.features.some((f) => f.properties.code === n.qpvCode)).toBe(true);
    }
    expect(r.near.map((n) => n.distanceM)).toEqual([...r.near.map((n) => n.distanceM)].sort((a, b) => a - b));
    expect(new Set([...r.inside, ...r.near.map((n) => n.id)]).size).toBe(r.inside.length + r.near.length);
  });
});
