// Small text helpers shared by the import module.

const COMBINING = /[\u0300-\u036f]/g;

/** Lower case, accents removed (NFD), ligatures expanded. */
export function foldAccents(s: string): string {
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

/** Collapse every kind of whitespace (incl. no-break spaces) and trim. */
export function cleanCell(s: string): string {
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
