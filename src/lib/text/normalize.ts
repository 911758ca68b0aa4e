// Text normalisation shared by the import (column and value recognition, commune matching) and
// the search: accent- and case-folding, loose keys, words, commune name keys. Pure.

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

const ARTICLES = new Set(['le', 'la', 'les', 'l']);
const ABBREV: Record<string, string> = { saint: 'st', sainte: 'ste', saints: 'sts', saintes: 'stes' };

/** Name key: accents, case, punctuation, leading article, "Saint"/"St" and "Cedex NN" neutralised. */
export function communeKey(name: string): string {
  let w = words(name).map((x) => ABBREV[x] ?? x);
  const cedex = w.indexOf('cedex');
  if (cedex >= 0) w = w.slice(0, cedex);
  while (w.length > 1 && ARTICLES.has(w[0])) w = w.slice(1);
  return w.join('');
}
