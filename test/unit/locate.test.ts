import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTurfLocator, distanceToOutlineKm } from '../../src/lib/analysis/locate-turf.ts';
import type { ArrondissementsLayer, CommunesLayer, QpvLayer } from '../../src/lib/geodata/types.ts';
import type { LonLat } from '../../src/lib/domain/types.ts';

const root = resolve(__dirname, '../..');
const fixture = JSON.parse(readFileSync(resolve(root, 'test/fixtures/geo/locate-fixture.json'), 'utf8')) as {
  communes: CommunesLayer;
  arrondissements: ArrondissementsLayer;
  qpv: QpvLayer;
};
const loc = createTurfLocator(fixture.communes, fixture.arrondissements, fixture.qpv);
const at = (p: LonLat) => loc.locate(p);

describe('turf locator on hand-made polygons', () => {
  it('finds the commune of an interior point', () => {
    expect(at([5.015, 43.005])).toEqual({ communeCode: '99002', arrondissementCode: null, qpvCode: null, snapped: false });
    expect(at([5.008, 43.008]).communeCode).toBe('99001');
  });

  it('gives a point on the shared edge to the smaller code (boundary counts as inside)', () => {
    expect(at([5.01, 43.005])).toMatchObject({ communeCode: '99001', snapped: false });
  });

  it('gives a shared vertex to the smaller code', () => {
    expect(at([5.01, 43.01])).toMatchObject({ communeCode: '99001', snapped: false });
    expect(at([5.01, 43.0])).toMatchObject({ communeCode: '99001', snapped: false });
  });

  it('counts an outer edge that belongs to one polygon only', () => {
    expect(at([5.02, 43.005])).toMatchObject({ communeCode: '99002', snapped: false });
  });

  it('does not count a point in a hole as inside; the hole is then a gap handled by the snap rule', () => {
    expect(at([5.045, 43.015])).toMatchObject({ communeCode: '99003', snapped: true });
    const noSnap = createTurfLocator(fixture.communes, fixture.arrondissements, fixture.qpv, { snapDistanceKm: 0 });
    expect(noSnap.locate([5.045, 43.015]).communeCode).toBeNull();
    // On the hole's ring: boundary, so inside.
    expect(noSnap.locate([5.04, 43.015]).communeCode).toBe('99003');
    // In the ring itself.
    expect(noSnap.locate([5.035, 43.015]).communeCode).toBe('99003');
  });

  it('handles both parts of a multipolygon', () => {
    expect(at([5.085, 43.005]).communeCode).toBe('99004');
    expect(at([5.105, 43.005]).communeCode).toBe('99004');
  });

  it('snaps a point just off the "coast" (within 2 km) to the nearest commune', () => {
    // 0.01° of latitude south of 99001 ≈ 1.11 km.
    const p: LonLat = [5.005, 42.99];
    expect(distanceToOutlineKm(p, fixture.communes.features.find((f) => f.properties.code === '99001')!.geometry)).toBeCloseTo(1.11, 1);
    expect(at(p)).toEqual({ communeCode: '99001', arrondissementCode: null, qpvCode: null, snapped: true });
    // Between the two parts of 99004 (≈ 0.4 km from each part): a gap, snapped to 99004.
    expect(at([5.095, 43.005])).toMatchObject({ communeCode: '99004', snapped: true });
  });

  it('leaves a point beyond the snap distance outside (communeCode null)', () => {
    expect(at([5.005, 42.97])).toEqual({ communeCode: null, arrondissementCode: null, qpvCode: null, snapped: false });
    const wide = createTurfLocator(fixture.communes, fixture.arrondissements, fixture.qpv, { snapDistanceKm: 5 });
    expect(wide.locate([5.005, 42.97])).toMatchObject({ communeCode: '99001', snapped: true });
  });

  it('prefers the smaller code when two communes are at the same distance', () => {
    // Exactly south of the shared vertex (5.01, 43.00): equidistant from 99001 and 99002.
    expect(at([5.01, 42.995])).toMatchObject({ communeCode: '99001', snapped: true });
  });

  it('finds the QPV, boundary included', () => {
    expect(at([5.004, 43.004])).toMatchObject({ communeCode: '99001', qpvCode: 'QN099001' });
    expect(at([5.002, 43.004]).qpvCode).toBe('QN099001');
    expect(at([5.0065, 43.004]).qpvCode).toBeNull();
  });

  it('gives an arrondissement only in Marseille, nearest one when no polygon covers the point', () => {
    expect(at([5.01, 43.06])).toMatchObject({ communeCode: '13055', arrondissementCode: '13201' });
    expect(at([5.03, 43.06])).toMatchObject({ communeCode: '13055', arrondissementCode: '13202' });
    // Shared edge lon = 5.02 → smaller code.
    expect(at([5.02, 43.06]).arrondissementCode).toBe('13201');
    // Uncovered strip: (5.035, 43.085) is 0.005° (≈ 0.56 km) from 13202's top edge and 0.015° (≈ 1.2 km) from 13201.
    expect(at([5.035, 43.085])).toMatchObject({ communeCode: '13055', arrondissementCode: '13202', snapped: false });
    // (5.021, 43.089): 0.001° of longitude from 13201 (≈ 0.08 km), 0.009° of latitude from 13202 (≈ 1 km).
    expect(at([5.021, 43.089]).arrondissementCode).toBe('13201');
    // Not Marseille → no arrondissement even if an arrondissement polygon were near.
    expect(at([5.005, 43.005]).arrondissementCode).toBeNull();
  });

  it('returns nulls for non-finite coordinates', () => {
    expect(at([Number.NaN, 43])).toEqual({ communeCode: null, arrondissementCode: null, qpvCode: null, snapped: false });
  });
});

const pub = resolve(root, 'public/data');
describe('turf locator on the real layers (public/data)', () => {
  const read = <T>(f: string) => JSON.parse(readFileSync(resolve(pub, f), 'utf8')) as T;
  const real = createTurfLocator(read<CommunesLayer>('communes.geojson'), read<ArrondissementsLayer>('arrondissements.geojson'), read<QpvLayer>('qpv.geojson'));

  it('Vieux-Port of Marseille: Quai du Port → 13055 / 13202, Quai des Belges → 13055 / 13201', () => {
    expect(real.locate([5.3695, 43.2963])).toMatchObject({ communeCode: '13055', arrondissementCode: '13202', snapped: false });
    expect(real.locate([5.374, 43.295])).toMatchObject({ communeCode: '13055', arrondissementCode: '13201', snapped: false });
  });

  it('the Vieux-Port basin (water, outside the commune polygon) snaps to Marseille', () => {
    const r = real.locate([5.37, 43.2948]);
    expect(r.communeCode).toBe('13055');
    expect(r.snapped).toBe(true);
    expect(['13201', '13202', '13207']).toContain(r.arrondissementCode);
  });

  it('Aix cathedral (Saint-Sauveur) → 13001', () => {
    expect(real.locate([5.4474, 43.531])).toEqual({ communeCode: '13001', arrondissementCode: null, qpvCode: null, snapped: false });
  });

  it('about 500 m off La Ciotat in the sea → snapped to 13028; 5 km off → outside', () => {
    expect(real.locate([5.62, 43.168])).toMatchObject({ communeCode: '13028', snapped: true });
    expect(real.locate([5.62, 43.12]).communeCode).toBeNull();
  });
});
