// Reading: every format behind one interface. A reader hands the table's rows in order, each
// with its spreadsheet row number (as Excel shows it: a quoted cell with a line break is one row)
// or, for GeoJSON, its feature number (« élément 12 ») and the point's coordinates as numbers.

import type { ImportIssue } from './errors.ts';
import { ImportFatalError } from './errors.ts';
import { readCsv, type Delimiter } from './csv.ts';
import { decodeText, type TextEncodingName } from './decode.ts';
import { parseGeoJson } from './geojson.ts';
import { listSheets, readSheet, type SheetInfo } from './xlsx.ts';

export type ImportFormat = 'csv' | 'xlsx' | 'geojson';

/** Coordinates of a GeoJSON row: numbers, 'xy' when the file declares Lambert-93. */
export interface RowGeometry {
  a: number;
  b: number;
  kind: 'lonlat' | 'xy';
}

/**
 * Receives each row. `cells` may be reused by the reader for the next row (copy to keep it);
 * `geometry` is undefined for tables, null for a feature without a usable point.
 */
export type RowSink = (cells: string[], row: number, geometry?: RowGeometry | null) => void;

export interface TableReader {
  format: ImportFormat;
  /** Text encoding (null for XLSX). */
  encoding: TextEncodingName | null;
  /** CSV delimiter (null otherwise). */
  delimiter: Delimiter | null;
  sheets?: SheetInfo[];
  sheet?: string;
  /** How the report names a row: « ligne » (spreadsheet row) or « élément » (GeoJSON feature). */
  rowWord: 'ligne' | 'élément';
  /** Warnings about the whole file (encoding, merged cells). */
  fileWarnings: ImportIssue[];
  /** The header when the format fixes it (GeoJSON properties); otherwise found among the first rows. */
  headers?: string[];
  /** Problems attached to a row by the reader (GeoJSON geometry), by row number. */
  rowErrors?: Map<number, ImportIssue[]>;
  /** Hands every row to `sink`; returns rows the reader could not read (unbalanced quotes). */
  read(sink: RowSink, onProgress?: (done: number, total: number) => void): ImportIssue[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function extension(fileName: string): string {
  const k = fileName.lastIndexOf('.');
  return k >= 0 ? fileName.slice(k + 1).toLowerCase() : '';
}

function firstNonSpace(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n' && c !== '\ufeff') return c;
  }
  return '';
}

/** Chooses and opens the reader of a file. Throws ImportFatalError (French) when unusable. */
export function openTable(bytes: Uint8Array, fileName: string, sheet?: string | number): TableReader {
  const ext = extension(fileName);
  if (bytes.length === 0) throw new ImportFatalError('Le fichier est vide.');
  if (startsWith(bytes, OLE)) {
    throw new ImportFatalError(
      'Classeur Excel 97-2003 (.xls) ou protégé par mot de passe : enregistrez-le au format .xlsx ou CSV, sans mot de passe.',
    );
  }
  if (startsWith(bytes, ZIP)) {
    if (ext === 'ods') {
      throw new ImportFatalError('Format OpenDocument (.ods) non pris en charge : enregistrez le fichier au format .xlsx ou CSV.');
    }
    return xlsxReader(bytes, sheet);
  }
  const decoded = decodeText(bytes);
  const fileWarnings: ImportIssue[] = [];
  const mixed = decoded.windows1252Lines;
  if (mixed?.length) {
    const shown = mixed.slice(0, 10).join(', ') + (mixed.length > 10 ? '…' : '');
    fileWarnings.push({
      row: 0,
      field: 'Encodage',
      message: `encodage mixte : ${mixed.length} ligne(s) non UTF-8 (${shown}) lue(s) en Windows-1252, vérifiez leurs accents`,
    });
  }
  if (ext === 'geojson' || ext === 'json' || firstNonSpace(decoded.text) === '{') {
    return geoJsonReader(decoded.text, decoded.encoding, fileWarnings);
  }
  return csvReader(decoded.text, decoded.encoding, fileWarnings);
}

function xlsxReader(bytes: Uint8Array, sheet?: string | number): TableReader {
  const sheets = listSheets(bytes);
  const data = readSheet(bytes, sheet);
  const fileWarnings: ImportIssue[] = [];
  if (data.merged?.length) {
    const shown = data.merged.slice(0, 5).join(', ') + (data.merged.length > 5 ? '…' : '');
    fileWarnings.push({
      row: 0,
      field: 'Classeur',
      message: `cellules fusionnées (${shown}) : seule la première cellule de chaque fusion porte une valeur, les autres sont lues vides`,
    });
  }
  return {
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    sheets,
    sheet: data.name,
    rowWord: 'ligne',
    fileWarnings,
    read(sink, onProgress) {
      const { rows, lineNumbers } = data;
      for (let r = 0; r < rows.length; r++) {
        if (onProgress !== undefined && r % 2000 === 0) onProgress(r, rows.length);
        sink(rows[r], lineNumbers[r]);
      }
      onProgress?.(rows.length, rows.length);
      return [];
    },
  };
}

function geoJsonReader(text: string, encoding: TextEncodingName, fileWarnings: ImportIssue[]): TableReader {
  const g = parseGeoJson(text);
  const rowErrors = new Map<number, ImportIssue[]>();
  for (const e of g.errors) rowErrors.set(e.row, [...(rowErrors.get(e.row) ?? []), e]);
  return {
    format: 'geojson',
    encoding,
    delimiter: null,
    rowWord: 'élément',
    fileWarnings,
    headers: g.headers,
    rowErrors,
    read(sink, onProgress) {
      const { rows, lineNumbers, coordinates, kind } = g;
      for (let r = 0; r < rows.length; r++) {
        if (onProgress !== undefined && r % 2000 === 0) onProgress(r, rows.length);
        const a = coordinates[r * 2];
        sink(rows[r], lineNumbers[r], a === a ? { a, b: coordinates[r * 2 + 1], kind } : null);
      }
      onProgress?.(rows.length, rows.length);
      return [];
    },
  };
}

function csvReader(text: string, encoding: TextEncodingName, fileWarnings: ImportIssue[]): TableReader {
  const reader: TableReader = {
    format: 'csv',
    encoding,
    delimiter: null,
    rowWord: 'ligne',
    fileWarnings,
    read(sink, onProgress) {
      // Rows are validated as the parser reads them; progress counts characters read.
      const read = readCsv(text, sink, { reuseFields: true, onProgress });
      reader.delimiter = read.delimiter;
      return read.errors.map((e) => ({ row: e.line, field: 'Ligne', message: e.message }));
    },
  };
  return reader;
}
