// Kiosk timings from the page URL: `?mode=kiosque&veille=60&reinit=180&etape=8` (seconds). Pure.
//
// - `veille`: idle time before the attract loop starts (default 60 s; 0 = never).
// - `reinit`: idle time before the kiosk forgets the visitor's choices and goes home (default 180 s; 0 = never).
// - `etape`: duration of one step of the attract loop (default 8 s).
// - `compte`: the « Vous êtes toujours là ? » countdown before the session ends (default 15 s; 0 = none).
// An absent, malformed or out-of-range value keeps its default: a typo in the kiosk's URL must not
// leave a public screen stuck.

export interface KioskConfig {
  /** Idle milliseconds before the attract loop; Infinity = never. */
  attractAfterMs: number;
  /** Idle milliseconds before the visitor's choices are forgotten; Infinity = never. */
  resetAfterMs: number;
  /** Milliseconds per attract step. */
  stepMs: number;
  /** Countdown before the visitor's session ends (0 = none). */
  warnMs: number;
}

export const DEFAULT_KIOSK_CONFIG: Readonly<KioskConfig> = { attractAfterMs: 60_000, resetAfterMs: 180_000, stepMs: 8_000, warnMs: 15_000 };

/** Longest accepted value: one day. */
const MAX_SECONDS = 86_400;

function seconds(raw: string | null, fallbackMs: number, opts: { allowZero: boolean; min: number }): number {
  if (raw === null) return fallbackMs;
  const text = raw.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return fallbackMs;
  const s = Number(text);
  if (s === 0 && opts.allowZero) return Infinity;
  if (!Number.isFinite(s) || s < opts.min || s > MAX_SECONDS) return fallbackMs;
  return Math.round(s * 1000);
}

export function parseKioskConfig(search: string): KioskConfig {
  const q = new URLSearchParams(typeof search === 'string' && search.startsWith('?') ? search.slice(1) : (search ?? ''));
  return {
    attractAfterMs: seconds(q.get('veille'), DEFAULT_KIOSK_CONFIG.attractAfterMs, { allowZero: true, min: 1 }),
    resetAfterMs: seconds(q.get('reinit'), DEFAULT_KIOSK_CONFIG.resetAfterMs, { allowZero: true, min: 1 }),
    stepMs: seconds(q.get('etape'), DEFAULT_KIOSK_CONFIG.stepMs, { allowZero: false, min: 1 }),
    warnMs: ((ms) => (Number.isFinite(ms) ? ms : 0))(seconds(q.get('compte'), DEFAULT_KIOSK_CONFIG.warnMs, { allowZero: true, min: 1 })),
  };
}
