import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_CONFIG, parseKioskConfig } from '../../src/lib/kiosk/config.ts';
import { idleStep, initialIdleState, type IdleConfig, type IdleEvent, type IdleState } from '../../src/lib/kiosk/idle.ts';
import { buildTour, HOME_BBOX, MARSEILLE_NORTH_BBOX, pickShowcaseCommunes, RURAL_NORTH_EAST_BBOX, STORY_VIEWS } from '../../src/lib/kiosk/tour.ts';
import { moveCamera, type CameraMap } from '../../src/lib/kiosk/camera.ts';
import { initialUpdateState, updateStep, type UpdateEvent } from '../../src/lib/kiosk/update.ts';
import {
  communeCard,
  communeLetters,
  communesByLetter,
  keyFiguresStory,
  publicChoropleth,
  publicSymbols,
  qpvFigures,
  qpvStory,
  ruralStory,
} from '../../src/lib/kiosk/stories.ts';
import { SECRET_COLOR } from '../../src/lib/analysis/choropleth.ts';
import { aggregate } from '../../src/lib/analysis/aggregate.ts';
import { protectTables } from '../../src/lib/publication/secrecy.ts';
import { layoffTablesOf, publicAggregation } from '../../src/lib/publication/figures.ts';
import type { TerritoryFigures } from '../../src/lib/analysis/types.ts';
import type { Dataset, Support } from '../../src/lib/domain/types.ts';
import type { TerritoriesIndex } from '../../src/lib/geodata/types.ts';

const cfg: IdleConfig = { attractAfterMs: 60_000, resetAfterMs: 180_000, stepMs: 8_000 };

/** Runs ticks every `every` ms from `from` to `to` (inclusive), collecting signals. */
function run(state: IdleState, from: number, to: number, every = 250, stepCount = 5, config = cfg) {
  let s = state;
  let resets = 0;
  let wakes = 0;
  const steps: number[] = [];
  for (let t = from; t <= to; t += every) {
    const out = idleStep(s, { type: 'tick', now: t, stepCount }, config);
    if (out.reset) resets++;
    if (out.wake) wakes++;
    if (out.state.mode === 'attract' && (steps.length === 0 || steps[steps.length - 1] !== out.state.step)) steps.push(out.state.step);
    s = out.state;
  }
  return { state: s, resets, wakes, steps };
}

describe('kiosk config from the URL', () => {
  it('reads veille, reinit and etape in seconds, with defaults', () => {
    expect(parseKioskConfig('?mode=kiosque')).toEqual(DEFAULT_KIOSK_CONFIG);
    expect(DEFAULT_KIOSK_CONFIG).toEqual({ attractAfterMs: 60_000, resetAfterMs: 180_000, stepMs: 8_000 });
    expect(parseKioskConfig('?mode=kiosque&veille=3&reinit=8&etape=2')).toEqual({ attractAfterMs: 3000, resetAfterMs: 8000, stepMs: 2000 });
    expect(parseKioskConfig('mode=kiosque&veille=1,5')).toMatchObject({ attractAfterMs: 1500 });
  });
  it('keeps the default for malformed or out-of-range values; 0 disables the loop or the reset', () => {
    expect(parseKioskConfig('?veille=abc&reinit=-5&etape=0')).toEqual(DEFAULT_KIOSK_CONFIG);
    expect(parseKioskConfig('?veille=999999&etape=0.2')).toEqual(DEFAULT_KIOSK_CONFIG);
    expect(parseKioskConfig('?veille=0&reinit=0')).toMatchObject({ attractAfterMs: Infinity, resetAfterMs: Infinity });
  });
});

describe('kiosk idle state machine', () => {
  it('stays interactive before the idle delay, then starts the attract loop at step 0', () => {
    const s0 = initialIdleState(0);
    const before = run(s0, 0, 59_750);
    expect(before.state.mode).toBe('interactive');
    const out = idleStep(before.state, { type: 'tick', now: 60_000, stepCount: 5 }, cfg);
    expect(out.state.mode).toBe('attract');
    expect(out.state.step).toBe(0);
    expect(out.wake).toBe(false);
  });

  it('returns the same object when a tick changes nothing', () => {
    const s0 = initialIdleState(0);
    expect(idleStep(s0, { type: 'tick', now: 1000, stepCount: 5 }, cfg).state).toBe(s0);
  });

  it('moves one step every stepMs and wraps around the tour', () => {
    const r = run(initialIdleState(0), 0, 60_000 + 8_000 * 6, 250, 5);
    expect(r.steps).toEqual([0, 1, 2, 3, 4, 0, 1]);
  });

  it('an input stops the loop (wake) and restarts the idle delay', () => {
    const r = run(initialIdleState(0), 0, 70_000);
    expect(r.state.mode).toBe('attract');
    const woke = idleStep(r.state, { type: 'input', now: 70_100 }, cfg);
    expect(woke.wake).toBe(true);
    expect(woke.state).toMatchObject({ mode: 'interactive', lastInputAt: 70_100, step: 0, resetDone: false });
    // An input while interactive is not a wake.
    expect(idleStep(woke.state, { type: 'input', now: 71_000 }, cfg).wake).toBe(false);
    // The attract loop comes back only after a full idle delay from the last input.
    expect(run(woke.state, 70_250, 130_000).state.mode).toBe('interactive');
    expect(run(woke.state, 70_250, 130_250).state.mode).toBe('attract');
  });

  it('signals the reset exactly once per idle period, without stopping the loop', () => {
    const r = run(initialIdleState(0), 0, 600_000);
    expect(r.resets).toBe(1);
    expect(r.state.mode).toBe('attract');
    const again = idleStep(r.state, { type: 'input', now: 600_100 }, cfg).state;
    expect(run(again, 600_100, 600_100 + 179_750).resets).toBe(0);
    expect(run(again, 600_100, 600_100 + 180_000).resets).toBe(1);
  });

  it('resets in interactive mode when the reset comes before the loop, and with the loop disabled', () => {
    const short = { ...cfg, attractAfterMs: 300_000, resetAfterMs: 120_000 };
    const r = run(initialIdleState(0), 0, 130_000, 250, 5, short);
    expect(r.resets).toBe(1);
    expect(r.state.mode).toBe('interactive');
    const never = { ...cfg, attractAfterMs: Infinity };
    const n = run(initialIdleState(0), 0, 3_600_000, 1000, 5, never);
    expect(n.state.mode).toBe('interactive');
    expect(n.resets).toBe(1);
  });

  it('moves by one step only after a long pause of the ticks, and keeps a bounded state', () => {
    const r = run(initialIdleState(0), 0, 61_000);
    const late = idleStep(r.state, { type: 'tick', now: 10_000_000, stepCount: 5 }, cfg);
    expect(late.state.step).toBe(1);
    // Days of loop: the step stays within the tour and the state has the same few keys.
    const days = run(initialIdleState(0), 0, 3 * 86_400_000, 2000, 6);
    expect(days.state.step).toBeLessThan(6);
    expect(Object.keys(days.state).sort()).toEqual(['lastInputAt', 'mode', 'resetDone', 'step', 'stepStartedAt']);
  });

  it('stays within a tour that got shorter, and treats time going back as an input', () => {
    let s = run(initialIdleState(0), 0, 60_000 + 8_000 * 4, 250, 6).state;
    expect(s.step).toBe(4);
    s = idleStep(s, { type: 'tick', now: 92_100, stepCount: 3 }, cfg).state;
    expect(s.step).toBe(0);
    const back = idleStep(s, { type: 'tick', now: 10, stepCount: 3 } as IdleEvent, cfg);
    expect(back.state.mode).toBe('interactive');
    expect(back.wake).toBe(true);
  });
});

describe('kiosk tour', () => {
  const f = (companies: number, jobs: number): TerritoryFigures => ({ companies, jobs, amountEur: jobs * 1000, population: 1000, jobsPer1000: null, eurPerJob: null, jobsCut: 0, layoffs: 0 });
  const ref = (code: string, rural = false) => ({ code, nom: `C${code}`, rural, bbox: [5, 43, 5.1, 43.1] as [number, number, number, number] });

  it('tours key figures, QPV, rural, then the showcase communes, with unique ids', () => {
    const tour = buildTour([ref('13001'), ref('13002')]);
    expect(tour.map((s) => s.id)).toEqual(['figures', 'qpv', 'rural', 'commune-13001', 'commune-13002']);
    expect(new Set(tour.map((s) => s.id)).size).toBe(tour.length);
    for (const s of tour) expect(s.caption.length).toBeGreaterThan(3);
    expect(tour[1]).toMatchObject({ layers: { qpv: true, rural: false }, camera: { bbox: MARSEILLE_NORTH_BBOX } });
    expect(tour[2]).toMatchObject({ layers: { qpv: false, rural: true }, camera: { bbox: RURAL_NORTH_EAST_BBOX } });
    expect(tour[0].camera).toEqual({ bbox: HOME_BBOX });
    expect(STORY_VIEWS.qpv.camera).toEqual(tour[1].camera);
  });

  it('shows only communes with published figures, never Marseille, one rural if any', () => {
    const communes = [ref('13055'), ref('13001'), ref('13002'), ref('13003'), ref('13004', true), ref('13005', true), ref('13006')];
    const by: Record<string, TerritoryFigures> = {
      '13055': f(50, 500),
      '13001': f(10, 100),
      '13002': { ...f(2, 90), secret: { companies: true, jobs: true, amountEur: true } }, // secret: left out
      '13006': { ...f(5, 95), secret: { amountEur: true } }, // one measure secret: left out
      '13003': f(4, 40),
      '13004': f(3, 5),
      '13005': { ...f(1, 80), secret: { jobs: true } }, // secret rural: left out
    };
    expect(pickShowcaseCommunes(communes, by).map((c) => c.code)).toEqual(['13001', '13003', '13004']);
    expect(pickShowcaseCommunes(communes, { '13001': f(3, 1) }).map((c) => c.code)).toEqual(['13001']);
  });
});

describe('kiosk camera', () => {
  const recorder = () => {
    const calls: [string, unknown][] = [];
    const map: CameraMap = {
      fitBounds: (b, o) => calls.push(['fitBounds', { b, o }]),
      jumpTo: (o) => calls.push(['jumpTo', o]),
      easeTo: (o) => calls.push(['easeTo', o]),
    };
    return { map, calls };
  };
  const pad = { top: 1, right: 2, bottom: 3, left: 4 };
  it('fits a box, without animation under reduced motion', () => {
    const r = recorder();
    moveCamera(r.map, { bbox: [1, 2, 3, 4], maxZoom: 11 }, pad, true);
    expect(r.calls).toEqual([['fitBounds', { b: [[1, 2], [3, 4]], o: { padding: pad, maxZoom: 11, duration: 0, animate: false } }]]);
    moveCamera(r.map, { bbox: [1, 2, 3, 4] }, pad, false);
    expect((r.calls[1][1] as { o: { animate: boolean } }).o.animate).toBe(true);
  });
  it('jumps to a centre under reduced motion, eases otherwise (never flies)', () => {
    const r = recorder();
    moveCamera(r.map, { center: [5, 43], zoom: 10 }, pad, true);
    moveCamera(r.map, { center: [5, 43], zoom: 10 }, pad, false);
    expect(r.calls.map((c) => c[0])).toEqual(['jumpTo', 'easeTo']);
  });
});

describe('kiosk commune picker', () => {
  it('files a commune under its first letter and the one after its article', () => {
    expect(communeLetters('La Ciotat')).toEqual(['L', 'C']);
    expect(communeLetters('Les Pennes-Mirabeau')).toEqual(['L', 'P']);
    expect(communeLetters("L'Isle-sur-la-Sorgue")).toEqual(['L', 'I']);
    expect(communeLetters('Éguilles')).toEqual(['E']);
    expect(communeLetters('Lamanon')).toEqual(['L']);
    expect(communeLetters('Saint-Chamas')).toEqual(['S']);
  });
  it('lists communes by letter, sorted without the article', () => {
    const m = communesByLetter([
      { code: '3', nom: 'Cassis' },
      { code: '1', nom: 'La Ciotat' },
      { code: '2', nom: 'Carry-le-Rouet' },
      { code: '4', nom: 'Lambesc' },
    ]);
    expect(m.get('C')!.map((c) => c.name)).toEqual(['Carry-le-Rouet', 'Cassis', 'La Ciotat']);
    expect(m.get('L')!.map((c) => c.name)).toEqual(['La Ciotat', 'Lambesc']);
    expect(m.has('B')).toBe(false);
  });
});

describe('kiosk stories (public figures only)', () => {
  const dataDir = resolve('public/data');
  describe('on the demo dataset', () => {
    const index = JSON.parse(readFileSync(resolve(dataDir, 'territoires.json'), 'utf8')) as TerritoriesIndex;
    const demo = JSON.parse(readFileSync(resolve('src/data/demo-dataset.json'), 'utf8')) as Dataset;
    const raw = aggregate(demo.supports, demo.layoffs, index);
    // The kiosk reads the public figures: the secrecy engine's tables of the demo.
    const agg = publicAggregation(protectTables(demo.supports, index), layoffTablesOf(raw), index);

    it('tells the key figures of the département with the shares', () => {
      const m = keyFiguresStory(agg);
      expect(m.figures.map((f) => f.id)).toEqual(['companies', 'jobs', 'amount']);
      expect(m.figures[0].value).toBe(new Intl.NumberFormat('fr-FR').format(agg.totals.companies));
      // The share in QPV is said only when no QPV cell is suppressed (their sum would reveal it).
      const qpvOpen = Object.values(agg.byQpv).every((f) => !f.secret?.jobs);
      expect(/quartier prioritaire/.test(m.sentences.join(' '))).toBe(qpvOpen);
      expect(m.masked).toBe(!qpvOpen || !!agg.rural.secret?.jobs);
      expect(m.sentences.join(' ')).toMatch(/commune rurale, où vit \d+\s*%/);
    });

    it('rebuilds the QPV figures from the exact shares, secret when a QPV cell is suppressed', () => {
      const inQpv = new Set(demo.supports.filter((s) => s.qpvCode).map((s) => s.siret ?? s.id));
      expect(qpvFigures(raw).companies).toBe(inQpv.size);
      expect(qpvFigures(raw).jobs).toBe(demo.supports.filter((s) => s.qpvCode).reduce((a, s) => a + (s.jobsAchieved ?? s.jobsPlanned ?? 0), 0));
      const anyQpvSuppressed = Object.values(agg.byQpv).some((f) => f.secret?.jobs);
      expect(qpvFigures(agg).secret?.jobs === true).toBe(anyQpvSuppressed);
      expect(qpvStory(agg, index).sentences[0]).toMatch(/quartiers prioritaires, dont \d+ à Marseille/);
      expect(ruralStory(agg, index).sentences[0]).toMatch(/^46 communes sur 119 sont rurales/);
    });

    it('masks a commune card built on 1 or 2 companies, and never shows a company', () => {
      const secret = index.communes.find((c) => raw.byCommune[c.code].companies === 1 || raw.byCommune[c.code].companies === 2)!;
      const card = communeCard(secret.code, index, agg)!;
      expect(card.figures.map((f) => f.value)).toEqual(['secret statistique', 'secret statistique', 'secret statistique']);
      expect(card.masked).toBe(true);
      const open = communeCard('13001', index, agg)!;
      expect(open.name).toBe('Aix-en-Provence');
      expect(open.masked).toBe(false);
      const text = JSON.stringify([open, card, keyFiguresStory(agg), qpvStory(agg, index), ruralStory(agg, index)]);
      for (const s of demo.supports as Support[]) expect(text).not.toContain(s.companyName);
      expect(communeCard('99999', index, agg)).toBeNull();
    });

    it('colours secret communes apart and computes the classes on the others', () => {
      const ch = publicChoropleth(agg.byCommune);
      const secretIdx = ch.colors.indexOf(SECRET_COLOR);
      expect(secretIdx).toBe(ch.colors.length - 1);
      for (const [code, f] of Object.entries(agg.byCommune)) expect(ch.classes.get(code) === secretIdx).toBe(!!f.secret?.jobs);
      // Every commune of 1 or 2 companies is among them (frequency rule).
      for (const [code, f] of Object.entries(raw.byCommune)) if (f.companies === 1 || f.companies === 2) expect(ch.classes.get(code)).toBe(secretIdx);
      expect(ch.legend.at(-1)!.label).toMatch(/Secret statistique/);
      expect(publicChoropleth(raw.byCommune).classes.size).toBe(119);
      expect([...publicChoropleth(raw.byCommune).classes.values()]).not.toContain(secretIdx);
    });

    it('draws only the consenting companies, never a micro-entrepreneur', () => {
      const drawn = publicSymbols(demo.supports);
      expect(drawn.some((s) => s.isMicroEntrepreneur)).toBe(false);
      expect(drawn.every((s) => s.publishable === true)).toBe(true);
      expect(drawn.length).toBe(demo.supports.filter((s) => s.publishable && !s.isMicroEntrepreneur).length);
      expect(drawn.length).toBeGreaterThan(0);
    });

    it('files all 119 communes under at least one letter', () => {
      const m = communesByLetter(index.communes);
      const codes = new Set([...m.values()].flat().map((c) => c.code));
      expect(codes.size).toBe(119);
      expect(m.get('C')!.some((c) => c.name === 'La Ciotat')).toBe(true);
    });
  });
});

describe('kiosk data update (service worker)', () => {
  const steps = (controlled: boolean, events: UpdateEvent['type'][]) => {
    let s = initialUpdateState(controlled);
    return events.map((type) => {
      const out = updateStep(s, { type } as UpdateEvent);
      s = out.state;
      return `${out.check ? 'check' : ''}${out.reload ? 'reload' : ''}` || '-';
    });
  };

  it('checks for an update at each reset and reloads when the new data arrives while still idle', () => {
    expect(steps(true, ['reset', 'takeover'])).toEqual(['check', 'reload']);
  });

  it('never reloads under a visitor: waits for the next reset', () => {
    expect(steps(true, ['reset', 'input', 'takeover', 'input', 'reset'])).toEqual(['check', '-', '-', '-', 'reload']);
    expect(steps(true, ['takeover', 'input', 'reset'])).toEqual(['-', '-', 'reload']);
  });

  it('ignores the first service worker of a fresh kiosk (no new data)', () => {
    expect(steps(false, ['takeover', 'reset', 'takeover'])).toEqual(['-', 'check', 'reload']);
    expect(steps(false, ['reset', 'takeover', 'reset'])).toEqual(['check', '-', 'check']);
  });
});
