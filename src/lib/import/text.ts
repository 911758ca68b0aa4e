// Small text helpers of the import module (cell cleaning, quoting). The folding and word keys
// shared with the search live in text/normalize.ts, the number formatting in text/format.ts.

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
