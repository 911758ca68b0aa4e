// Seeded randomness of the demo generator (mulberry32; no clock, no Math.random).

/** mulberry32: tiny, fast, deterministic 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;

export function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

export function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

export function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1][0];
}

/**
 * Integers (multiples of `step`, within [min, max]) proportional to `weights` and summing
 * exactly to `total` (which must be a multiple of `step` and reachable within the bounds).
 */
export function allocate(rng: Rng, total: number, weights: number[], step: number, min: number, max: number): number[] {
  const wsum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.min(max, Math.max(min, Math.round((total * w) / wsum / step) * step)));
  let diff = total - out.reduce((a, b) => a + b, 0);
  const order = weights.map((_, i) => i).sort((a, b) => weights[b] - weights[a] || a - b);
  let guard = 0;
  while (diff !== 0) {
    if (guard++ > 1_000_000) throw new Error('allocate: unreachable total');
    const i = order[Math.floor(rng() * order.length)];
    if (diff > 0 && out[i] + step <= max) {
      out[i] += step;
      diff -= step;
    } else if (diff < 0 && out[i] - step >= min) {
      out[i] -= step;
      diff += step;
    }
  }
  return out;
}
