import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../src/lib/routing/route.ts';

describe('routes of the review, comparison and method pages', () => {
  it('parses and formats them canonically', () => {
    expect(parseRoute('#/bilan/2022')).toEqual({ view: 'review', year: 2022, params: {} });
    expect(parseRoute('#/bilan')).toEqual({ view: 'review', params: {} });
    expect(parseRoute('#/méthode')).toEqual({ view: 'method', params: {} });
    expect(parseRoute('#/comparer/13004/200054807?mode=public')).toEqual({ view: 'compare', code: '13004', code2: '200054807', params: { mode: 'public' } });
    for (const h of ['#/bilan/2022', '#/bilan', '#/methode', '#/comparer/13201/13004?mode=public']) expect(formatRoute(parseRoute(h))).toBe(h);
  });

  it('an invalid year or code falls back to the map with notFound', () => {
    expect(parseRoute('#/bilan/deux-mille').notFound).toEqual({ kind: 'page', value: 'bilan/deux-mille' });
    expect(parseRoute('#/comparer/13004/75056')).toMatchObject({ view: 'map', notFound: { kind: 'page' } });
    expect(parseRoute('#/comparer/13004')).toMatchObject({ view: 'map', notFound: { kind: 'page' } });
  });
});
