// Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, LF or CRLF).

export type CsvRow = Record<string, string>;

export function parseCsvRecords(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      inQuotes = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Parse a CSV with a header line into objects keyed by column name. */
export function parseCsv(text: string, fileLabel = 'CSV'): CsvRow[] {
  const records = parseCsvRecords(text);
  if (records.length === 0) throw new Error(`${fileLabel} : fichier CSV vide`);
  const header = records[0];
  return records.slice(1).map((rec, i) => {
    if (rec.length !== header.length) {
      throw new Error(`${fileLabel} : ligne ${i + 2} a ${rec.length} colonnes au lieu de ${header.length}`);
    }
    const row: CsvRow = {};
    header.forEach((h, j) => {
      row[h] = rec[j];
    });
    return row;
  });
}

/** Parse a French/English decimal number; empty cell → null. */
export function parseNumberOrNull(value: string | undefined): number | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (v === '') return null;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}
