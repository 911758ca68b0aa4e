import { describe, expect, it } from 'vitest';
import { expression } from '@maplibre/maplibre-gl-style-spec';
import { MIN_SUPPORT_RADIUS, supportRadius, supportRadiusExpression, supportRadiusScale } from '../../src/lib/map/symbol-scale.ts';
import { sizeSteps } from '../../src/lib/map/data-legend.ts';

/** Evaluates the layer's radius expression the way MapLibre does, for a feature with `jobs`. */
function mapRadius(jobs: number, maxJobs: number): number {
  const e = expression.createExpression(supportRadiusExpression(['get', 'jobs'], maxJobs, 20), 'layers[0].paint.circle-radius');
  if (e.result !== 'success') throw new Error(JSON.stringify(e.value));
  return e.value.evaluate({ zoom: 10 }, { type: 'Point', properties: { jobs }, geometry: [] } as never) as number;
}

describe('company symbol size: one sqrt scale', () => {
  it('circle area is proportional to the jobs, the biggest company at the maximum radius', () => {
    const r = supportRadiusScale(100, 20);
    expect(r(100)).toBe(20);
    expect(r(25)).toBeCloseTo(10, 10);
    expect((r(80) / r(20)) ** 2).toBeCloseTo(4, 10);
  });

  it('the map layer and the legend give the same radius for every size the legend shows', () => {
    for (const maxJobs of [1, 7, 40, 250]) {
      for (const jobs of [0, 1, ...sizeSteps(maxJobs), maxJobs, maxJobs * 3]) {
        expect(mapRadius(jobs, maxJobs)).toBeCloseTo(supportRadius(jobs, maxJobs, 20), 9);
      }
    }
  });

  it('never under the minimum radius, so that a company with no job stays clickable', () => {
    expect(supportRadius(0, 100)).toBe(MIN_SUPPORT_RADIUS);
    expect(mapRadius(0, 100)).toBe(MIN_SUPPORT_RADIUS);
    expect(supportRadius(-5, 100)).toBe(MIN_SUPPORT_RADIUS);
  });
});
