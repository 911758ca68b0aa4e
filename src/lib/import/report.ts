// Error report export: `Ligne;Champ;Message`, `;`-separated, UTF-8 with BOM (opens cleanly in
// French Excel), with formula-injection neutralisation.

import type { ImportIssue } from './errors.ts';

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

/** The row-error report as CSV text, starting with a BOM (U+FEFF). Encode it as UTF-8. */
export function toReportCsv(errors: ImportIssue[]): string {
  let out = '\ufeff' + csvLine(['Ligne', 'Champ', 'Message']);
  for (const e of errors) out += csvLine([e.row === 0 ? 'fichier' : e.row, e.field, e.message]);
  return out;
}

/** Same report as bytes (UTF-8 with BOM), ready for a download or a file. */
export function toReportBytes(errors: ImportIssue[]): Uint8Array {
  return new TextEncoder().encode(toReportCsv(errors));
}
