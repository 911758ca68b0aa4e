// Error report export: `Ligne;Champ;Message`, `;`-separated, UTF-8 with BOM (opens cleanly in
// French Excel), with formula-injection neutralisation.

import type { ImportIssue } from './errors.ts';
import { csvLine } from '../text/csv.ts';

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
