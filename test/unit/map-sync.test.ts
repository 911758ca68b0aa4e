import { describe, expect, it } from 'vitest';
import { MapSync } from '../../src/lib/map/map-sync.ts';
import type { MapController } from '../../src/lib/map/map-controller.ts';

/** A controller that records the drawing calls. */
function recorder() {
  const calls: string[] = [];
  const c = {
    setVisibility: (v: unknown) => calls.push(`visibility ${JSON.stringify(v)}`),
    setSupports: (p: unknown) => calls.push(`supports ${p ? 'set' : 'none'}`),
    setSupportsVisible: (on: boolean) => calls.push(`supportsVisible ${on}`),
    setThematic: (level: string | null) => calls.push(`thematic ${level}`),
    selectCommune: (code: string | null) => calls.push(`select ${code}`),
    highlightTerritory: (level: string | null, code: string | null) => calls.push(`highlight ${level} ${code}`),
    showArea: (a: unknown) => calls.push(`area ${a ? 'shown' : 'none'}`),
  };
  return { calls, controller: c as unknown as MapController };
}

const communes = (n: number) => ({ level: 'commune' as const, classes: new Map([['13001', n]]), colors: ['#000'] });

describe('MapSync: pages declare, the sync draws', () => {
  it('draws nothing without a map, then the whole scene once a map is attached', () => {
    const sync = new MapSync();
    const { calls, controller } = recorder();
    sync.declare('shell', { thematic: communes(0), selectedCommune: '13001' });
    expect(calls).toEqual([]);
    sync.attach(controller);
    expect(calls).toEqual(['thematic commune', 'select 13001', 'highlight null null', 'area none']);
  });

  it('draws only what changed (same object: nothing drawn)', () => {
    const sync = new MapSync();
    const { calls, controller } = recorder();
    const t = communes(0);
    sync.attach(controller);
    sync.declare('shell', { thematic: t, selectedCommune: null });
    calls.length = 0;
    sync.declare('shell', { thematic: t });
    expect(calls).toEqual([]);
    sync.declare('shell', { selectedCommune: '13055' });
    expect(calls).toEqual(['select 13055']);
  });

  it('a page over the shell wins while declared; withdrawn, the shell comes back and its own parts are cleared', () => {
    const sync = new MapSync();
    const { calls, controller } = recorder();
    sync.attach(controller);
    const home = communes(1);
    sync.declare('shell', { thematic: home, selectedCommune: '13001' });
    const gaps = { level: 'epci' as const, classes: new Map([['200054807', 4]]), colors: ['#111'] };
    sync.declare('gaps', { thematic: gaps, highlighted: { level: 'epci', code: '200054807' } }, 1);
    expect(sync.scene().thematic).toBe(gaps);
    sync.declare('shell', { thematic: communes(2) }); // the shell changes underneath: the page still wins
    expect(sync.scene().thematic).toBe(gaps);
    calls.length = 0;
    sync.withdraw('gaps');
    expect(sync.scene().thematic?.level).toBe('commune');
    expect(calls).toEqual(['thematic commune', 'highlight null null']);
  });

  it('draws everything again on a map rebuilt after a lost context', () => {
    const sync = new MapSync();
    const first = recorder();
    sync.declare('kiosk', { supportsVisible: true, selectedCommune: '13028' });
    sync.attach(first.controller);
    sync.attach(null);
    sync.declare('kiosk', { selectedCommune: '13004' }); // while no map: kept for the next one
    const second = recorder();
    sync.attach(second.controller);
    expect(second.calls).toContain('select 13004');
    expect(second.calls).toContain('supportsVisible true');
    expect(first.calls).not.toContain('select 13004');
  });
});
