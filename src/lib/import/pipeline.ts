// File → Dataset, in steps that each live in their own module:
//   reading (readers.ts: CSV, XLSX, GeoJSON behind one interface) → header recognition
//   (intake.ts, columns.ts, rules.ts) → row validation (row.ts) → location (locate.ts, communes.ts,
//   outside.ts) → duplicates (duplicates.ts).
// A bad row never blocks the good ones; fatal problems throw ImportFatalError (French message).

import type { Dataset, FundId } from '../domain/types.ts';
import type { SpatialLocator } from '../analysis/types.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import type { ColumnField, ColumnMapping, ColumnOverrides, ColumnRecognition } from './columns.ts';
import type { Delimiter } from './csv.ts';
import type { TextEncodingName } from './decode.ts';
import type { ImportIssue } from './errors.ts';
import { RowIntake } from './intake.ts';
import { OutsideChecker, type OutsideData } from './outside.ts';
import { openTable, type ImportFormat } from './readers.ts';
import type { SheetInfo } from './xlsx.ts';

export { ImportFatalError, type ImportIssue } from './errors.ts';
export type { ImportFormat } from './readers.ts';

/**
 * Progress phases: 'lecture' (decoding and reading the file into rows), 'analyse' (validating
 * and locating each row). 'localisation' is reported by the web worker while it loads the
 * geographic layers used to locate rows (first import only).
 */
export type ImportPhase = 'lecture' | 'analyse' | 'localisation';

/** Progress callback: `done` out of `total` units (bytes/characters or rows) of `phase`. */
export type ImportProgressCallback = (phase: ImportPhase, done: number, total: number) => void;

/** The row loop reports progress every PROGRESS_EVERY_ROWS rows. */
export const PROGRESS_EVERY_ROWS = 2000;

/** Coast snap distance of the app's locators (km): see analysis/locate-turf.ts. */
const SNAP_KM = 2;

export interface ImportContext {
  index: TerritoriesIndex;
  locator: SpatialLocator;
  /** Places outside 13 (names, neighbouring communes): without it, codes only and no border check. */
  outside?: OutsideData;
  /** XLSX sheet (0-based index or name); default: first visible sheet. */
  sheet?: string | number;
  /** Reference date (plausibility of dates, dataset creation date). */
  now?: Date;
  /**
   * Latitude / longitude swap: 'auto' (default) swaps a row when its values only fall in the
   * département once swapped (with a warning); true swaps every row; false never swaps.
   */
  swapLatLon?: 'auto' | boolean;
  /** Fund used when the file has no fund column (each fund operator sends its own file). */
  defaultFund?: FundId;
  /** Column chosen by the user for a field (header text; null = no column). */
  columns?: ColumnOverrides;
  /** Choices remembered per header signature (columns.ts headerSignature), applied to files with that header. */
  columnsByHeader?: Record<string, ColumnOverrides>;
}

export interface ImportResult {
  dataset: Dataset;
  format: ImportFormat;
  /** Data rows read (header and empty lines excluded). */
  rows: number;
  valid: number;
  rejected: number;
  /** Errors: file-level first (`row` 0: no row can be kept), then rows (the row is rejected). */
  errors: ImportIssue[];
  /** Non-blocking notes (row kept), `row` 0 for the whole file. */
  warnings: ImportIssue[];
  /** How `row` is named: « ligne » (spreadsheet row, as Excel shows it) or « élément » (GeoJSON feature). */
  rowWord: 'ligne' | 'élément';
  /** Recognised field → header of the column used. */
  mapping: Partial<Record<ColumnField, string>>;
  /** Recognised field → column index (0-based). */
  columns: ColumnMapping;
  /** Fields several columns competed for: the one used and why. */
  choices: ColumnRecognition['choices'];
  /** Every header of the file, and its first data rows (the column mapping step shows them). */
  headers: string[];
  preview: string[][];
  /** Headers not recognised (shown to the user). */
  unrecognisedColumns: string[];
  /** Headers recognised but not used (SCDL fields without use here, second candidates, grant-giver). */
  ignoredColumns: string[];
  /** Text encoding (null for XLSX). */
  encoding: TextEncodingName | null;
  /** CSV delimiter (null for XLSX / GeoJSON). */
  delimiter: Delimiter | null;
  /** XLSX: every sheet of the workbook, and the one read. */
  sheets?: SheetInfo[];
  sheet?: string;
  /** Spreadsheet line of the header row (1 for most files). */
  headerLine: number;
  /**
   * Rows whose coordinates were permuted (latitude/longitude or Lambert-93 X/Y inverted) so that
   * they fall in the département. With `swapLatLon: false` these rows are rejected instead.
   */
  swappedRows: number;
  /** Kept rows without a date (counted under « année non renseignée »). */
  undated: number;
  /** Kept rows whose company consents to individual publication (« Diffusion » : oui). */
  consenting: number;
  /** Fund chosen for a file without a fund column (applied to rows whose attribuant is no fund). */
  defaultFund: FundId | null;
  /** True when the columns came from a mapping remembered for files with this header. */
  rememberedColumns: boolean;
}

/** Import a user file (CSV / TXT, XLSX, GeoJSON). Throws ImportFatalError when unusable. */
export function importFile(
  bytes: Uint8Array,
  fileName: string,
  ctx: ImportContext,
  onProgress?: ImportProgressCallback,
): ImportResult {
  onProgress?.('lecture', 0, bytes.length);
  const reader = openTable(bytes, fileName, ctx.sheet);
  onProgress?.('lecture', 1, 1);
  const intake = new RowIntake(
    {
      index: ctx.index,
      locator: ctx.locator,
      outside: new OutsideChecker(ctx.outside),
      swapLatLon: ctx.swapLatLon ?? 'auto',
      snapKm: SNAP_KM,
      now: ctx.now,
      xlsx: reader.format === 'xlsx',
      defaultFund: ctx.defaultFund,
      overrides: ctx.columns,
      overridesByHeader: ctx.columnsByHeader,
    },
    reader,
  );
  const readErrors = reader.read(
    (cells, row, geometry) => intake.push(cells, row, geometry),
    onProgress && ((done, total) => onProgress('analyse', done, total)),
  );
  const r = intake.finish(readErrors);
  const mapping: Partial<Record<ColumnField, string>> = {};
  for (const [f, i] of Object.entries(r.recognition.mapping) as [ColumnField, number][]) mapping[f] = r.headers[i];
  const now = ctx.now ?? new Date();
  const dataset: Dataset = {
    kind: 'import',
    label: reader.sheet ? `${fileName} (${reader.sheet})` : fileName,
    createdAt: now.toISOString(),
    supports: r.supports,
    layoffs: [],
  };
  return {
    dataset,
    format: reader.format,
    rows: r.dataRows,
    valid: r.supports.length,
    rejected: r.dataRows - r.supports.length,
    errors: r.errors,
    warnings: r.warnings,
    rowWord: reader.rowWord,
    mapping,
    columns: r.recognition.mapping,
    choices: r.recognition.choices,
    headers: r.headers,
    preview: intake.preview,
    unrecognisedColumns: r.recognition.unrecognised,
    ignoredColumns: r.recognition.ignored,
    encoding: reader.encoding,
    delimiter: reader.delimiter,
    sheets: reader.sheets,
    sheet: reader.sheet,
    headerLine: r.headerLine,
    swappedRows: r.processor.swappedRows,
    undated: r.processor.undated,
    consenting: r.processor.consenting,
    rememberedColumns: intake.usedRemembered,
    defaultFund: ctx.defaultFund && r.recognition.mapping.fund === undefined ? ctx.defaultFund : null,
  };
}
