// Fill patterns generated in code (no sprite server): a non-colour cue for QPV on the map.

/** Parses "#rrggbb". */
export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Couleur invalide : ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

/**
 * A square RGBA tile with diagonal hatching (lines going up to the right) on a transparent
 * background. `size` is in physical pixels; the tile repeats seamlessly.
 */
export function hatchPattern(color: string, size: number, lineWidth = 2, alpha = 200): { width: number; height: number; data: Uint8Array } {
  const [r, g, b] = hexToRgb(color);
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Distance to the nearest anti-diagonal line x + y ≡ 0 (mod size), wrapping so tiles join.
      const d = (x + y) % size;
      const dist = Math.min(d, size - d);
      if (dist < lineWidth) {
        const i = (y * size + x) * 4;
        data[i] = r;
        data[i + 1] = g;
        data[i + 2] = b;
        data[i + 3] = alpha;
      }
    }
  }
  return { width: size, height: size, data };
}
