// Class breaks for choropleth maps. Pure.
//
// `classify(values, method, k)` returns BREAKS, an ascending array of length n + 1 where n is
// the number of classes actually produced:
//   breaks[0] = min(values), breaks[n] = max(values), and class i (0-based) is
//   (breaks[i], breaks[i+1]] — the first class also includes breaks[0] itself.
// So breaks[1..n] are the classes' upper bounds.
//
// - n = min(k, number of distinct values): asking for more classes than there are distinct
//   values gives one class per distinct value (never empty classes made up).
// - Ties never produce duplicate inner breaks. The only repeated value allowed is
//   breaks[0] === breaks[1], which means "a class holding exactly the minimum" (typically the
//   zeros of a gap analysis: [0, 0, 12, 40] = {0}, (0, 12], (12, 40]).
// - All values equal (e.g. all zeros): [v, v], one class.
// - Empty input (after dropping non-finite values): [], no class.
// - k < 1 is treated as 1.
//
// Methods:
// - 'quantile': upper bound of class i is the value at rank ceil(i·N/k) in the sorted values
//   (each class holds about N/k values; every inner break is a data value);
// - 'equal': equal-width intervals between min and max;
// - 'jenks': Fisher-Jenks natural breaks, exact dynamic programming minimising the total
//   within-class sum of squared deviations (computed on distinct values weighted by their
//   count, which is exact and fast with many ties). Inner breaks are data values.
//
// d3-scale is not used for the breaks: its quantile scale interpolates and its threshold
// scale puts a value equal to a break in the UPPER class; both would move published classes.
// It serves the symbol sizes (map/symbol-scale.ts) and the chart axes (profile/YearChart).

export type ClassifyMethod = 'quantile' | 'equal' | 'jenks';

function cleanSorted(values: readonly number[]): number[] {
  return values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
}

function distinctWithCounts(sorted: number[]): { v: number[]; w: number[] } {
  const v: number[] = [];
  const w: number[] = [];
  for (const x of sorted) {
    if (v.length > 0 && v[v.length - 1] === x) w[w.length - 1]++;
    else {
      v.push(x);
      w.push(1);
    }
  }
  return { v, w };
}

/** Builds [min, ...inner, max] dropping inner breaks that would duplicate (see header). */
function assemble(min: number, max: number, inner: number[]): number[] {
  const out = [min];
  for (const b of inner) {
    if (b >= max) continue;
    const last = out[out.length - 1];
    if (b > last || (out.length === 1 && b === min)) out.push(b);
  }
  out.push(max);
  return out;
}

function quantileInner(sorted: number[], k: number): number[] {
  const n = sorted.length;
  const inner: number[] = [];
  for (let i = 1; i < k; i++) inner.push(sorted[Math.ceil((i * n) / k) - 1]);
  return inner;
}

function equalInner(min: number, max: number, k: number): number[] {
  const inner: number[] = [];
  for (let i = 1; i < k; i++) inner.push(min + ((max - min) * i) / k);
  return inner;
}

/**
 * Fisher-Jenks on distinct values v with weights w, into exactly k classes (k ≤ v.length).
 * Returns the k-1 inner upper bounds.
 */
function jenksInner(v: number[], w: number[], k: number): number[] {
  const m = v.length;
  if (k <= 1) return [];
  // Prefix sums of weight, weight·x, weight·x² (shifted by the first value for stability).
  const x0 = v[0];
  const W = new Float64Array(m + 1);
  const S1 = new Float64Array(m + 1);
  const S2 = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) {
    const x = v[i] - x0;
    W[i + 1] = W[i] + w[i];
    S1[i + 1] = S1[i] + w[i] * x;
    S2[i + 1] = S2[i] + w[i] * x * x;
  }
  // Within-class SSD of distinct values a..b (inclusive).
  const ssd = (a: number, b: number): number => {
    const ww = W[b + 1] - W[a];
    const s1 = S1[b + 1] - S1[a];
    const r = S2[b + 1] - S2[a] - (s1 * s1) / ww;
    return r > 0 ? r : 0;
  };
  // cost[c][j]: best cost of splitting values 0..j into c+1 classes; from[c][j]: start of last class.
  const cost: Float64Array[] = [];
  const from: Int32Array[] = [];
  cost.push(new Float64Array(m));
  from.push(new Int32Array(m));
  for (let j = 0; j < m; j++) cost[0][j] = ssd(0, j);
  for (let c = 1; c < k; c++) {
    const cc = new Float64Array(m).fill(Infinity);
    const ff = new Int32Array(m);
    for (let j = c; j < m; j++) {
      let best = Infinity;
      let bestI = c;
      // Last class = values i..j; the c earlier classes need at least c values (i ≥ c).
      for (let i = j; i >= c; i--) {
        const val = cost[c - 1][i - 1] + ssd(i, j);
        if (val < best) {
          best = val;
          bestI = i;
        }
      }
      cc[j] = best;
      ff[j] = bestI;
    }
    cost.push(cc);
    from.push(ff);
  }
  // Backtrack the class starts.
  const inner: number[] = [];
  let j = m - 1;
  for (let c = k - 1; c >= 1; c--) {
    const i = from[c][j];
    inner.push(v[i - 1]); // upper bound of the previous class
    j = i - 1;
  }
  return inner.reverse();
}

export function classify(values: readonly number[], method: ClassifyMethod, k: number): number[] {
  const sorted = cleanSorted(values);
  if (sorted.length === 0) return [];
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === max) return [min, max];
  const { v, w } = distinctWithCounts(sorted);
  const kk = Math.max(1, Math.min(Math.floor(k) || 1, v.length));
  if (kk === 1) return [min, max];
  if (kk === v.length) {
    // One class per distinct value: the first class is exactly the minimum.
    return [min, ...v];
  }
  let inner: number[];
  switch (method) {
    case 'quantile':
      inner = quantileInner(sorted, kk);
      break;
    case 'equal':
      inner = equalInner(min, max, kk);
      break;
    case 'jenks':
      inner = jenksInner(v, w, kk);
      break;
    default:
      throw new Error(`unknown classification method: ${String(method)}`);
  }
  return assemble(min, max, inner);
}

/**
 * Class index (0 … breaks.length - 2) of a value: the first i with value ≤ breaks[i + 1].
 * Values below the minimum go to class 0, above the maximum to the last class.
 * Returns -1 when there is no class (breaks shorter than 2) or the value is not finite.
 */
export function classOf(value: number, breaks: readonly number[]): number {
  const n = breaks.length - 1;
  if (n < 1 || !Number.isFinite(value)) return -1;
  for (let i = 0; i < n; i++) {
    if (value <= breaks[i + 1]) return i;
  }
  return n - 1;
}

/** Number of classes described by a breaks array. */
export function classCount(breaks: readonly number[]): number {
  return Math.max(0, breaks.length - 1);
}
