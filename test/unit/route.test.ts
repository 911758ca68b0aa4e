import { describe, expect, it } from 'vitest';
import {
  formatRoute,
  isKioskMode,
  layersToVisibility,
  parseRoute,
  resolveParams,
  ROUTE_DEFAULTS,
  visibilityToLayers,
  withParams,
  type Route,
} from '../../src/lib/routing/route.ts';
import { DEFAULT_VISIBILITY } from '../../src/lib/map/legend-model.ts';

describe('parseRoute: paths', () => {
  it('reads the map home from empty or bare hashes', () => {
    for (const h of ['', '#', '#/', '/', '#//', '  #/  ']) {
      expect(parseRoute(h)).toEqual({ view: 'map', params: {} });
    }
  });

  it('reads a commune profile, including Marseille arrondissements', () => {
    expect(parseRoute('#/commune/13028')).toEqual({ view: 'commune', code: '13028', params: {} });
    expect(parseRoute('#/commune/13055/')).toEqual({ view: 'commune', code: '13055', params: {} });
    expect(parseRoute('#/commune/13203')).toEqual({ view: 'commune', code: '13203', params: {} });
    expect(parseRoute('commune/13119').view).toBe('commune');
  });

  it('reads the gap analysis, with or without the accent', () => {
    expect(parseRoute('#/ecarts').view).toBe('gaps');
    expect(parseRoute('#/écarts').view).toBe('gaps');
    expect(parseRoute('#/%C3%A9carts').view).toBe('gaps');
    expect(parseRoute('#/ECARTS?niveau=epci')).toEqual({ view: 'gaps', params: { level: 'epci' } });
  });

  it('falls back to the map with notFound for an invalid commune code', () => {
    for (const code of ['99999', '13', '13200', '13217', '13120', '75056', 'abc', '130280']) {
      const r = parseRoute(`#/commune/${code}`);
      expect(r.view).toBe('map');
      expect(r.code).toBeUndefined();
      expect(r.notFound).toEqual({ kind: 'commune', value: code });
    }
    expect(parseRoute('#/commune/').notFound).toEqual({ kind: 'commune', value: '' });
  });

  it('checks the code against the index when told how', () => {
    const known = new Set(['13028', '13203']);
    expect(parseRoute('#/commune/13028', { isKnownCode: (c) => known.has(c) }).view).toBe('commune');
    expect(parseRoute('#/commune/13029', { isKnownCode: (c) => known.has(c) }).notFound?.kind).toBe('commune');
  });

  it('falls back to the map with notFound for an unknown page, keeping the params', () => {
    const r = parseRoute('#/nimporte/quoi?ind=amountEur');
    expect(r).toEqual({ view: 'map', params: { indicator: 'amountEur' }, notFound: { kind: 'page', value: 'nimporte/quoi' } });
  });

  it('never throws on garbage', () => {
    const junk = ['#/%E0%A4%A', '#/commune/%ZZ', '#?&&==&', '#/?vue=NaN,NaN,NaN', '#/?couches=%', '\u0000', '#/commune/13028?k=1e400'];
    for (const h of junk) expect(() => parseRoute(h)).not.toThrow();
    expect(parseRoute(undefined as unknown as string)).toEqual({ view: 'map', params: {} });
  });
});

describe('parseRoute: params', () => {
  it('reads every setting', () => {
    const r = parseRoute(
      '#/?couches=communes,rural,epci,entreprises&rural=frr&fonds=ampa,airbus&de=2019&a=2023&secteur=C,F&ind=jobsCut&classes=jenks&k=7&vue=5.4,43.3,9.5&mode=interne&niveau=qpv&besoin=unemployment&soutien=amountPerInhabitant&distance=500',
    );
    expect(r.params).toEqual({
      layers: ['communes', 'rural', 'epci', 'supports'],
      ruralMode: 'frr',
      funds: ['ampa', 'airbus'],
      yearFrom: 2019,
      yearTo: 2023,
      sectors: ['C', 'F'],
      indicator: 'jobsCut',
      method: 'jenks',
      classCount: 7,
      viewport: { lon: 5.4, lat: 43.3, zoom: 9.5 },
      mode: 'interne',
      level: 'qpv',
      need: 'unemployment',
      support: 'amountPerInhabitant',
      distanceM: 500,
    });
  });

  it('drops unknown keys and invalid values', () => {
    const r = parseRoute(
      '#/?foo=bar&rural=ville&fonds=xyz&de=19&a=abc&secteur=Z,9&ind=nope&classes=magic&k=12&vue=500,43,9&mode=root&niveau=region&besoin=x&soutien=y&distance=5000',
    );
    expect(r.params).toEqual({});
  });

  it('keeps the valid items of a list, deduplicated, in canonical order', () => {
    expect(parseRoute('#/?fonds=adie,xyz,ampa,adie').params.funds).toEqual(['ampa', 'adie']);
    expect(parseRoute('#/?secteur=f,c,C,inconnu,ZZ').params.sectors).toEqual(['', 'C', 'F']);
    expect(parseRoute('#/?couches=qpv,nope,communes').params.layers).toEqual(['communes', 'qpv']);
    expect(parseRoute('#/?couches=ze,choroplethe').params.layers).toEqual(['zonesEmploi', 'choropleth']);
  });

  it('reads an empty layer list as "no layer" and only-unknown layers as the default', () => {
    expect(parseRoute('#/?couches=').params.layers).toEqual([]);
    expect(parseRoute('#/?couches=aucune').params.layers).toEqual([]);
    expect(parseRoute('#/?couches=zzz').params.layers).toBeUndefined();
  });

  it('treats all funds as no filter', () => {
    expect(parseRoute('#/?fonds=ampa,airbus,adie').params.funds).toBeUndefined();
  });

  it('swaps an inverted year range', () => {
    expect(parseRoute('#/?de=2023&a=2019').params).toEqual({ yearFrom: 2019, yearTo: 2023 });
  });

  it('rounds the viewport to 4/4/2 decimals and checks its ranges', () => {
    expect(parseRoute('#/?vue=5.123456,43.987654,10.4567').params.viewport).toEqual({ lon: 5.1235, lat: 43.9877, zoom: 10.46 });
    expect(parseRoute('#/?vue=5,43').params.viewport).toBeUndefined();
    expect(parseRoute('#/?vue=5,43,30').params.viewport).toBeUndefined();
    expect(parseRoute('#/?vue=5,95,3').params.viewport).toBeUndefined();
  });

  it('accepts distances 0–1000 m, rounded', () => {
    expect(parseRoute('#/ecarts?distance=0').params.distanceM).toBe(0);
    expect(parseRoute('#/ecarts?distance=1000').params.distanceM).toBe(1000);
    expect(parseRoute('#/ecarts?distance=249.6').params.distanceM).toBe(250);
    expect(parseRoute('#/ecarts?distance=-1').params.distanceM).toBeUndefined();
    expect(parseRoute('#/ecarts?distance=1001').params.distanceM).toBeUndefined();
  });

  it('keeps the params on a commune profile', () => {
    expect(parseRoute('#/commune/13004?mode=interne&de=2020')).toEqual({ view: 'commune', code: '13004', params: { mode: 'interne', yearFrom: 2020 } });
  });
});

describe('formatRoute', () => {
  it('writes the three views', () => {
    expect(formatRoute({ view: 'map', params: {} })).toBe('#/');
    expect(formatRoute({ view: 'commune', code: '13028', params: {} })).toBe('#/commune/13028');
    expect(formatRoute({ view: 'gaps', params: {} })).toBe('#/ecarts');
  });

  it('omits defaults so URLs stay short', () => {
    const r: Route = {
      view: 'gaps',
      params: {
        layers: [...ROUTE_DEFAULTS.layers],
        ruralMode: 'densite',
        funds: ['ampa', 'airbus', 'adie'],
        sectors: [],
        indicator: 'jobs',
        method: 'quantile',
        classCount: 5,
        mode: 'interne',
        level: 'commune',
        need: 'jobsCut',
        support: 'jobs',
        distanceM: 300,
      },
    };
    expect(formatRoute(r)).toBe('#/ecarts');
  });

  it('writes a canonical query: fixed key order, sorted lists, rounded viewport, readable commas', () => {
    const r: Route = {
      view: 'map',
      params: {
        viewport: { lon: 5.123456, lat: 43.3, zoom: 9.999 },
        funds: ['adie', 'ampa', 'adie'],
        layers: ['qpv', 'communes', 'rural'],
        sectors: ['F', '', 'C'],
        yearTo: 2023,
        yearFrom: 2019,
        mode: 'interne',
      },
    };
    // 'interne' is the default mode: not written.
    expect(formatRoute(r)).toBe('#/?couches=communes,qpv,rural&fonds=ampa,adie&de=2019&a=2023&secteur=inconnu,C,F&vue=5.1235,43.3,10');
  });

  it('writes "no layer" explicitly', () => {
    expect(formatRoute({ view: 'map', params: { layers: [] } })).toBe('#/?couches=aucune');
  });

  it('drops notFound (the fallback is the map)', () => {
    expect(formatRoute(parseRoute('#/commune/99999?k=3'))).toBe('#/?k=3');
  });
});

describe('round trip', () => {
  const hashes = [
    '#/',
    '#/commune/13028',
    '#/commune/13203?mode=public',
    '#/ecarts?niveau=epci&besoin=lowIncome&soutien=jobsPer1000&distance=750',
    '#/?couches=communes,qpv,rural,arrondissements,epci,ze,entreprises,choroplethe&rural=frr&fonds=airbus&de=2018&a=2024&secteur=inconnu,A,U&ind=eurPerJob&classes=equal&k=3&vue=-0.5,43.2966,8.25&mode=public',
    '#/?couches=aucune',
    '#/ecarts?niveau=ze&besoin=rural&distance=0',
  ];

  it('formatRoute(parseRoute(h)) === h for canonical hashes', () => {
    for (const h of hashes) expect(formatRoute(parseRoute(h))).toBe(h);
  });

  it('parseRoute(formatRoute(r)) deep-equals r for parsed routes', () => {
    for (const h of hashes) {
      const r = parseRoute(h);
      expect(parseRoute(formatRoute(r))).toEqual(r);
    }
  });

  it('canonicalises non-canonical input in one step (idempotent)', () => {
    const messy = '#commune/13001/?mode=public&k=5&vue=5.44444444,43.5,12.345&fonds=adie,ampa&foo=1&secteur=c';
    const once = formatRoute(parseRoute(messy));
    expect(once).toBe('#/commune/13001?fonds=ampa,adie&secteur=C&vue=5.4444,43.5,12.35&mode=public');
    expect(formatRoute(parseRoute(once))).toBe(once);
  });

  it('round-trips random valid settings', () => {
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    for (let i = 0; i < 200; i++) {
      const r: Route = {
        view: pick(['map', 'commune', 'gaps'] as const),
        params: {
          funds: rnd() < 0.5 ? [pick(['ampa', 'airbus', 'adie'] as const)] : undefined,
          yearFrom: rnd() < 0.5 ? 2015 + Math.floor(rnd() * 5) : undefined,
          classCount: rnd() < 0.5 ? 3 + Math.floor(rnd() * 5) : undefined,
          viewport: rnd() < 0.5 ? { lon: Math.round(4e4 + rnd() * 1e4) / 1e4, lat: Math.round(43e4 + rnd() * 1e4) / 1e4, zoom: Math.round(rnd() * 1800) / 100 } : undefined,
          distanceM: rnd() < 0.5 ? Math.floor(rnd() * 1001) : undefined,
          need: rnd() < 0.5 ? pick(['jobsCut', 'unemployment', 'socialMinima', 'lowIncome', 'qpvCount', 'rural'] as const) : undefined,
        },
      };
      if (r.view === 'commune') r.code = pick(['13001', '13055', '13216', '13119']);
      const back = parseRoute(formatRoute(r));
      const expected = resolveParams(r.params);
      expect(resolveParams(back.params)).toEqual(expected);
      expect(back.view).toBe(r.view);
      expect(back.code).toBe(r.code);
    }
  });
});

describe('helpers', () => {
  it('resolveParams fills the defaults', () => {
    const p = resolveParams({});
    expect(p.layers).toEqual(['communes', 'qpv', 'supports', 'choropleth']);
    expect(p.funds).toEqual(['ampa', 'airbus', 'adie']);
    expect(p).toMatchObject({ mode: 'interne', level: 'commune', need: 'jobsCut', support: 'jobs', distanceM: 300, classCount: 5, viewport: null, yearFrom: null });
  });

  it('withParams changes and resets settings', () => {
    const r = parseRoute('#/ecarts?niveau=epci&k=3');
    expect(formatRoute(withParams(r, { level: 'ze', classCount: undefined }))).toBe('#/ecarts?niveau=ze');
  });

  it('bridges layers and LayerVisibility; the default layers match DEFAULT_VISIBILITY', () => {
    const { visibility, showSupports, showChoropleth } = layersToVisibility(ROUTE_DEFAULTS.layers);
    expect(visibility).toEqual(DEFAULT_VISIBILITY);
    expect(showSupports && showChoropleth).toBe(true);
    expect(visibilityToLayers(DEFAULT_VISIBILITY, true, true)).toEqual(ROUTE_DEFAULTS.layers);
    expect(visibilityToLayers({ ...DEFAULT_VISIBILITY, qpv: false, zonesEmploi: true }, false, true)).toEqual(['communes', 'zonesEmploi', 'choropleth']);
  });

  it('isKioskMode reads ?mode=kiosque', () => {
    expect(isKioskMode('?mode=kiosque')).toBe(true);
    expect(isKioskMode('mode=KIOSQUE')).toBe(true);
    expect(isKioskMode('?x=1&mode=kiosque')).toBe(true);
    expect(isKioskMode('')).toBe(false);
    expect(isKioskMode('?mode=public')).toBe(false);
    expect(isKioskMode('?kiosque')).toBe(false);
  });
});

describe('accessibility statement route', () => {
  it('reads and writes #/accessibilite', () => {
    expect(parseRoute('#/accessibilite')).toEqual({ view: 'accessibility', params: {} });
    expect(parseRoute('#/accessibilité').view).toBe('accessibility');
    expect(formatRoute({ view: 'accessibility', params: {} })).toBe('#/accessibilite');
  });
});
