// The kiosk's idle timers as a pure state machine: no clock, no DOM. The view feeds it 'input'
// (any touch, pointer press, key or wheel) and periodic 'tick' events carrying a monotonic time
// (performance.now()), and applies what comes out.
//
//   interactive ──(idle ≥ attractAfterMs)──▶ attract ──(input)──▶ interactive (+ wake)
//        │                                      │ every stepMs: step = (step + 1) mod stepCount
//        └──────(idle ≥ resetAfterMs, once per idle period: + reset)──────┘ (in either mode)
//
// - `wake` is raised when an input stops the attract loop: the view goes back to its home panel.
// - `reset` is raised once per idle period when the idle time reaches resetAfterMs: the view
//   forgets the visitor's choices (filters, commune, letter) and shows its home view. It does not
//   change the mode: an attract loop keeps running over the reset home view.
// - A tick that changes nothing returns the very same state object, so a reactive view that
//   stores it does not re-render four times a second.
// - Time going backwards (never with performance.now(), but cheap to guard) is treated as an input.
// - « Vous êtes toujours là ? »: in the last warnMs before the visitor's session ends (the attract
//   loop or the reset, whichever comes first), the state is `warning` and the output gives the
//   time left (countdownMs): the view shows a countdown that any touch cancels (an input).
// - After a long pause of the ticks (tab hidden, machine asleep), the loop moves by one step, not
//   by the number of steps missed: the state never grows with elapsed time.

export type KioskMode = 'interactive' | 'attract';

export interface IdleConfig {
  attractAfterMs: number;
  resetAfterMs: number;
  stepMs: number;
  /** Countdown shown before the session ends (0 or absent: none). */
  warnMs?: number;
}

export interface IdleState {
  mode: KioskMode;
  /** Time of the last input. */
  lastInputAt: number;
  /** The reset of the current idle period has been signalled. */
  resetDone: boolean;
  /** Current attract step, 0 ≤ step < stepCount. */
  step: number;
  /** When the current attract step began. */
  stepStartedAt: number;
  /** The « Vous êtes toujours là ? » countdown is running. */
  warning: boolean;
}

export type IdleEvent = { type: 'input'; now: number } | { type: 'tick'; now: number; stepCount: number };

export interface IdleOutput {
  state: IdleState;
  /** An input stopped the attract loop: show the interactive home. */
  wake: boolean;
  /** Forget the visitor's choices and show the home view. */
  reset: boolean;
  /** Milliseconds left before the session ends, while the countdown runs; else null. */
  countdownMs: number | null;
}

export function initialIdleState(now: number): IdleState {
  return { mode: 'interactive', lastInputAt: now, resetDone: false, step: 0, stepStartedAt: now, warning: false };
}

/** Idle time at which the visitor's session ends (attract loop or reset), and the countdown length. */
function sessionEnd(config: IdleConfig): { endMs: number; warnMs: number } {
  const endMs = Math.min(config.attractAfterMs, config.resetAfterMs);
  // Never more than half the idle delay: a visitor reading a panel is not asked every few seconds.
  const warnMs = Number.isFinite(endMs) ? Math.min(Math.max(0, config.warnMs ?? 0), endMs / 2) : 0;
  return { endMs, warnMs };
}

export function idleStep(state: IdleState, event: IdleEvent, config: IdleConfig): IdleOutput {
  const now = event.now;
  if (event.type === 'input' || now < Math.max(state.lastInputAt, state.stepStartedAt)) {
    const wake = state.mode === 'attract';
    if (!wake && !state.resetDone && !state.warning && state.lastInputAt === now) return { state, wake: false, reset: false, countdownMs: null };
    return { state: initialIdleState(now), wake, reset: false, countdownMs: null };
  }

  const idle = now - state.lastInputAt;
  let next = state;
  let reset = false;
  if (!state.resetDone && idle >= config.resetAfterMs) {
    next = { ...next, resetDone: true };
    reset = true;
  }
  if (next.mode === 'interactive') {
    if (idle >= config.attractAfterMs) next = { ...next, mode: 'attract', step: 0, stepStartedAt: now };
  } else if (now - next.stepStartedAt >= config.stepMs) {
    const count = Math.max(1, Math.floor(event.stepCount));
    next = { ...next, step: (next.step + 1) % count, stepStartedAt: now };
  } else if (next.step >= Math.max(1, event.stepCount)) {
    // The tour got shorter (new data): stay within it.
    next = { ...next, step: 0 };
  }
  const { endMs, warnMs } = sessionEnd(config);
  const warning = next.mode === 'interactive' && !next.resetDone && warnMs > 0 && idle >= endMs - warnMs && idle < endMs;
  if (warning !== next.warning) next = { ...next, warning };
  return { state: next, wake: false, reset, countdownMs: warning ? endMs - idle : null };
}
