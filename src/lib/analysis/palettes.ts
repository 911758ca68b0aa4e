// Colour-blind-safe sequential palettes for choropleths (k = 3 … 7 classes), light → dark,
// Pure.
//
// Sources:
// - 'blues', 'ylGnBu', 'orRd': ColorBrewer 2.0 (Cynthia Brewer, Pennsylvania State University,
//   Apache-2.0 licence), sequential schemes flagged "colorblind safe" on colorbrewer2.org.
// - 'viridis': matplotlib's viridis (van der Walt & Smith, CC0), sampled evenly at
//   t = i / (k - 1); perceptually uniform and readable with deuteranopia, protanopia and
//   tritanopia, and in greyscale. Reversed here so that it runs light → dark like the others.
// Every palette is monotonic in lightness, so class order survives any colour-vision deficiency.
// Use 'blues' or 'ylGnBu' for supports (jobs, euros), 'orRd' for layoffs (jobs cut).

export type PaletteName = 'blues' | 'ylGnBu' | 'orRd' | 'viridis';
export type ClassCount = 3 | 4 | 5 | 6 | 7;

export const PALETTES: Readonly<Record<PaletteName, Readonly<Record<ClassCount, readonly string[]>>>> = {
  // ColorBrewer Blues: very light blue → dark navy blue.
  blues: {
    3: ['#deebf7', '#9ecae1', '#3182bd'],
    4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
    5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
    6: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
    7: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
  },
  // ColorBrewer YlGnBu: pale yellow → green-turquoise → dark blue.
  ylGnBu: {
    3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
    4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
    5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
    6: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'],
    7: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
  },
  // ColorBrewer OrRd: pale cream-orange → orange → dark red.
  orRd: {
    3: ['#fee8c8', '#fdbb84', '#e34a33'],
    4: ['#fef0d9', '#fdcc8a', '#fc8d59', '#d7301f'],
    5: ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'],
    6: ['#fef0d9', '#fdd49e', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'],
    7: ['#fef0d9', '#fdd49e', '#fdbb84', '#fc8d59', '#ef6548', '#d7301f', '#990000'],
  },
  // viridis reversed: yellow (#fde725) → green → teal → blue-violet → dark purple (#440154).
  viridis: {
    3: ['#fde725', '#21918c', '#440154'],
    4: ['#fde725', '#35b779', '#31688e', '#440154'],
    5: ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'],
    6: ['#fde725', '#7ad151', '#22a884', '#2a788e', '#414487', '#440154'],
    7: ['#fde725', '#90d743', '#35b779', '#21918c', '#31688e', '#443983', '#440154'],
  },
};

/** Neutral fill for territories with no value (zero or no data), distinct from every palette's first class. */
export const NO_DATA_COLOR = '#f0f0f0';

/**
 * Colours for n classes (n clamped to 3 … 7). For 1 or 2 classes, the darkest colours of the
 * 3-class palette are used so that a single class stays visible.
 */
export function paletteFor(name: PaletteName, n: number): string[] {
  const p = PALETTES[name];
  if (n <= 0) return [];
  if (n < 3) return p[3].slice(3 - n);
  const k = Math.min(7, Math.round(n)) as ClassCount;
  return [...p[k]];
}
