import { describe, expect, it } from 'vitest';
import { lambert93ToWgs84, looksLikeLambert93, wgs84ToLambert93 } from '../../src/lib/import/lambert93.ts';

/** Rough metres between two lon/lat points (enough for sub-metre checks). */
function metres([a, b]: [number, number], [c, d]: [number, number]): number {
  const k = Math.PI / 180;
  const x = (c - a) * k * Math.cos(((b + d) / 2) * k) * 6378137;
  const y = (d - b) * k * 6378137;
  return Math.hypot(x, y);
}

describe('Lambert-93', () => {
  it('maps the projection origin (700000, 6600000) to 3°E 46.5°N (IGN)', () => {
    const [lon, lat] = lambert93ToWgs84(700000, 6600000);
    expect(lon).toBeCloseTo(3, 10);
    expect(lat).toBeCloseTo(46.5, 9);
    const [x, y] = wgs84ToLambert93(3, 46.5);
    expect(x).toBeCloseTo(700000, 3);
    expect(y).toBeCloseTo(6600000, 3);
  });

  it('has a scale factor of exactly 1 on the standard parallels 44° and 49° (checks n and C)', () => {
    const a = 6378137;
    const e2 = 0.00669438002290;
    for (const lat of [44, 49]) {
      const [, y1] = wgs84ToLambert93(3, lat);
      const [, y2] = wgs84ToLambert93(3, lat + 1e-5);
      const phi = (lat * Math.PI) / 180;
      const meridianArc = (a * (1 - e2)) / Math.pow(1 - e2 * Math.sin(phi) ** 2, 1.5) * ((1e-5 * Math.PI) / 180);
      expect((y2 - y1) / meridianArc).toBeCloseTo(1, 6);
    }
  });

  it('places Marseille Vieux-Port at about (892400, 6246900)', () => {
    const [x, y] = wgs84ToLambert93(5.3698, 43.2951);
    expect(Math.abs(x - 892400)).toBeLessThan(30);
    expect(Math.abs(y - 6246900)).toBeLessThan(30);
    const back = lambert93ToWgs84(892395, 6246880);
    expect(metres(back, [5.3698, 43.2951])).toBeLessThan(1);
  });

  it('places the Eiffel Tower near its published Lambert-93 coordinates (648237, 6862271)', () => {
    const p = lambert93ToWgs84(648237, 6862271);
    expect(metres(p, [2.294481, 48.85837])).toBeLessThan(5);
  });

  it('round-trips with sub-millimetre error across France', () => {
    for (const [lon, lat] of [[-4.5, 48.4], [7.7, 48.6], [4.6, 43.6], [9.4, 42.7], [2.35, 51.0]] as [number, number][]) {
      const [x, y] = wgs84ToLambert93(lon, lat);
      expect(metres(lambert93ToWgs84(x, y), [lon, lat])).toBeLessThan(0.001);
    }
  });

  it('recognises Lambert-93 ranges', () => {
    expect(looksLikeLambert93(892400, 6246900)).toBe(true);
    expect(looksLikeLambert93(5.37, 43.29)).toBe(false);
    expect(looksLikeLambert93(6246900, 892400)).toBe(false);
  });
});
