// Small text helpers shared by the import module.

const COMBINING = /[\u0300-\u036f]/g;

// Import files repeat the same values (fund names, communes, NAF codes, size bands) on every
// row: the pure folding below is memoised (bounded cache; same results).
const FOLD_CACHE = new Map<string, string>();
const FOLD_CACHE_MAX = 20_000;

/** Lower case, accents removed (NFD), ligatures expanded. */
export function foldAccents(s: string): string {
  const hit = FOLD_CACHE.get(s);
  if (hit !== undefined) return hit;
  const out = foldAccentsUncached(s);
  if (FOLD_CACHE.size >= FOLD_CACHE_MAX) FOLD_CACHE.clear();
  FOLD_CACHE.set(s, out);
  return out;
}

function foldAccentsUncached(s: string): string {
  return s
    .normalize('NFD')
    .replace(COMBINING, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase();
}

/** Key for loose comparisons: accents, case, spaces and punctuation removed. */
export function looseKey(s: string): string {
  return foldAccents(s).replace(/[^a-z0-9]+/g, '');
}

/** Words of a string (accent- and case-insensitive), punctuation as separators. */
export function words(s: string): string[] {
  return foldAccents(s)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** True for the characters matched by the JavaScript regex class \s. */
function isJsSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Collapse every kind of whitespace (incl. no-break spaces) and trim. */
export function cleanCell(s: string): string {
  // Fast path (most cells): only single ASCII spaces between non-space characters → unchanged.
  const n = s.length;
  let clean = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (i === 0 || i === n - 1 || s.charCodeAt(i + 1) === 32) {
        clean = false;
        break;
      }
    } else if (c < 33 || (c >= 0xa0 && isJsSpace(c))) {
      clean = false;
      break;
    }
  }
  if (clean) return s;
  return s.replace(/[\s\u00a0\u202f\u2007\u2009]+/g, ' ').trim();
}

/** Quote a user value for a French message: « value » (shortened when long). */
export function quote(s: string): string {
  const t = s.length > 60 ? s.slice(0, 57) + '…' : s;
  return `« ${t} »`;
}

/** French number formatting for messages (no dependency on Intl data availability). */
export function formatFr(n: number, decimals = 0): string {
  const fixed = n.toFixed(decimals);
  const [int, dec] = fixed.split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return (neg ? '-' : '') + grouped + (dec ? ',' + dec : '');
}
