// « Vous êtes toujours là ? » before the kiosk's session ends, and the map framing beside the panel.
import { describe, expect, it } from 'vitest';
import { idleStep, initialIdleState, type IdleConfig, type IdleState } from '../../src/lib/kiosk/idle.ts';
import { parseKioskConfig } from '../../src/lib/kiosk/config.ts';
import { framePadding } from '../../src/lib/kiosk/camera.ts';

const cfg: IdleConfig = { attractAfterMs: 60_000, resetAfterMs: 180_000, stepMs: 8_000, warnMs: 15_000 };
const tick = (s: IdleState, now: number, config = cfg) => idleStep(s, { type: 'tick', now, stepCount: 5 }, config);

describe('countdown before the session ends', () => {
  it('starts warnMs before the attract loop, counts down, then the loop starts', () => {
    const s0 = initialIdleState(0);
    expect(tick(s0, 44_999).countdownMs).toBeNull();
    expect(tick(s0, 44_999).state).toBe(s0);
    const w = tick(s0, 45_000);
    expect(w.state.warning).toBe(true);
    expect(w.countdownMs).toBe(15_000);
    const later = tick(w.state, 59_000);
    expect(later.state).toBe(w.state); // same state while it runs: the view only reads countdownMs
    expect(later.countdownMs).toBe(1_000);
    const end = tick(later.state, 60_000);
    expect(end.state.mode).toBe('attract');
    expect(end.state.warning).toBe(false);
    expect(end.countdownMs).toBeNull();
  });

  it('a touch during the countdown cancels it and restarts the idle delay, without a wake', () => {
    const w = tick(initialIdleState(0), 50_000);
    const touched = idleStep(w.state, { type: 'input', now: 50_000 }, cfg);
    expect(touched.state.warning).toBe(false);
    expect(touched.wake).toBe(false);
    expect(touched.countdownMs).toBeNull();
    expect(tick(touched.state, 94_999).state.warning).toBe(false);
    expect(tick(touched.state, 95_000).state.warning).toBe(true);
  });

  it('comes before the reset when the reset comes first, and not again once it is done', () => {
    const short: IdleConfig = { attractAfterMs: 300_000, resetAfterMs: 40_000, stepMs: 8_000, warnMs: 15_000 };
    const w = tick(initialIdleState(0), 25_000, short);
    expect(w.countdownMs).toBe(15_000);
    const reset = tick(w.state, 40_000, short);
    expect(reset.reset).toBe(true);
    expect(reset.state.warning).toBe(false);
    // Before the attract loop, the visitor's choices are already forgotten: no second countdown.
    expect(tick(reset.state, 290_000, short).countdownMs).toBeNull();
  });

  it('never lasts more than half the idle delay; none when disabled or when nothing ends', () => {
    const quick: IdleConfig = { attractAfterMs: 3_000, resetAfterMs: 8_000, stepMs: 2_000, warnMs: 15_000 };
    expect(tick(initialIdleState(0), 1_499, quick).countdownMs).toBeNull();
    expect(tick(initialIdleState(0), 1_500, quick).countdownMs).toBe(1_500);
    expect(tick(initialIdleState(0), 59_000, { ...cfg, warnMs: 0 }).countdownMs).toBeNull();
    expect(tick(initialIdleState(0), 59_000, { ...cfg, warnMs: undefined }).countdownMs).toBeNull();
    expect(tick(initialIdleState(0), 1e9, { ...cfg, attractAfterMs: Infinity, resetAfterMs: Infinity }).countdownMs).toBeNull();
  });

  it('reads `compte` from the URL (0 = none)', () => {
    expect(parseKioskConfig('?mode=kiosque&compte=5').warnMs).toBe(5_000);
    expect(parseKioskConfig('?mode=kiosque&compte=0').warnMs).toBe(0);
    expect(parseKioskConfig('?mode=kiosque&compte=x').warnMs).toBe(15_000);
  });
});

describe('framing the département beside the panel', () => {
  it('landscape 1920×1080: the panel at the left pads the left side', () => {
    const p = framePadding({ width: 1920, height: 900 }, { left: 16, top: 16, width: 576, height: 868 });
    expect(p).toEqual({ top: 40, right: 40, bottom: 40, left: 612 });
  });

  it('portrait 1080×1920: the panel at the bottom pads the bottom side', () => {
    const p = framePadding({ width: 1080, height: 1700 }, { left: 16, top: 1000, width: 1048, height: 684 });
    expect(p).toEqual({ top: 40, right: 40, bottom: 720, left: 40 });
  });

  it('no panel, or no room left beside it: a plain margin', () => {
    expect(framePadding({ width: 800, height: 600 }, null)).toEqual({ top: 40, right: 40, bottom: 40, left: 40 });
    expect(framePadding({ width: 400, height: 300 }, { left: 0, top: 0, width: 390, height: 290 })).toEqual({ top: 40, right: 40, bottom: 40, left: 40 });
  });
});
