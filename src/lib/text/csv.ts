// CSV cells for French Excel, shared by the import's error report and the exports: formula
// injection neutralised, quoting when needed. Pure.

/** Characters that make a spreadsheet treat a cell as a formula (or hide one). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * One CSV cell: neutralises formula injection (leading apostrophe when the value starts with
 * = + - @ tab or CR) and quotes the value when needed (delimiter, quote, line break).
 */
export function csvCell(value: string | number | boolean | null | undefined, delimiter = ';'): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (s.length > 0 && FORMULA_START.has(s[0])) s = "'" + s;
  if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')) {
    s = '"' + s.replace(/"/g, '""') + '"';
  }
  return s;
}

/** One CSV line (CRLF-terminated) from cells. */
export function csvLine(cells: (string | number | boolean | null | undefined)[], delimiter = ';'): string {
  return cells.map((c) => csvCell(c, delimiter)).join(delimiter) + '\r\n';
}
