// Header recognition: receives the table's rows in order, finds the header among the first ones
// (or takes the one the format fixes), recognises the columns, runs the file-level diagnosis
// (rules.ts), then validates each data row as it arrives: a big CSV is never held as a whole
// table, its cells die young.

import type { Support } from '../domain/types.ts';
import { assertRecognisable, findHeaderRow, headerSignature, recogniseColumns, FIELD_LABELS, type ColumnOverrides, type ColumnRecognition } from './columns.ts';
import { ImportFatalError, type ImportIssue } from './errors.ts';
import type { RowGeometry, TableReader } from './readers.ts';
import { RowProcessor, type RowOptions } from './row.ts';
import { diagnoseFile } from './rules.ts';
import { cleanCell } from './text.ts';

/** Rows read before the header is chosen: findHeaderRow looks at this many. */
const HEADER_SCAN = 10;
/** First data rows kept for the column mapping step. */
export const PREVIEW_ROWS = 5;

export type IntakeOptions = Omit<RowOptions, 'rowWord' | 'blocked'> & {
  overrides?: ColumnOverrides;
  /** Mappings remembered per header signature (headerSignature): used when `overrides` is absent. */
  overridesByHeader?: Record<string, ColumnOverrides>;
};

export class RowIntake {
  private readonly supports: Support[] = [];
  private readonly errors: ImportIssue[] = [];
  private readonly warnings: ImportIssue[] = [];
  /** File-level problems (row 0), listed first. */
  private readonly fileErrors: ImportIssue[] = [];
  private head: { cells: string[]; line: number }[] = [];
  private headers: string[] = [];
  private headerKey: string[] | null = null;
  private headerLine = 0;
  private recognition: ColumnRecognition | null = null;
  private processor: RowProcessor | null = null;
  private dataRows = 0;
  readonly preview: string[][] = [];
  /** True when a mapping remembered for this header was applied. */
  usedRemembered = false;

  constructor(
    private readonly o: IntakeOptions,
    private readonly reader: TableReader,
  ) {}

  push(cells: string[], line: number, geometry?: RowGeometry | null): void {
    if (this.processor) {
      this.row(cells, line, geometry);
      return;
    }
    if (this.reader.headers) {
      this.start(this.reader.headers, 0, null);
      this.row(cells, line, geometry);
      return;
    }
    this.head.push({ cells: cells.slice(), line }); // the CSV reader reuses its array
    if (this.head.length >= HEADER_SCAN) this.startFromHead();
  }

  private startFromHead(): void {
    const head = this.head;
    this.head = [];
    const h = findHeaderRow(head.map((r) => r.cells), HEADER_SCAN);
    const headers = head[h].cells.map((x) => cleanCell(x));
    this.start(headers, head[h].line, headers.map((x) => x.toLowerCase()));
    for (let r = h + 1; r < head.length; r++) this.row(head[r].cells, head[r].line);
  }

  private start(headers: string[], headerLine: number, headerKey: string[] | null): void {
    const remembered = this.o.overrides ? undefined : this.o.overridesByHeader?.[headerSignature(headers)];
    this.usedRemembered = remembered !== undefined;
    const recognition = recogniseColumns(headers, this.o.overrides ?? remembered);
    if (!this.reader.headers) assertRecognisable(recognition);
    this.headers = headers;
    this.headerLine = headerLine;
    this.headerKey = headerKey;
    this.recognition = recognition;
    const failed = diagnoseFile({ mapping: recognition.mapping, hasGeometry: this.reader.format === 'geojson', defaultFund: this.o.defaultFund });
    for (const r of failed) (r.blocking ? this.fileErrors : this.warnings).push({ row: 0, field: r.field, message: r.message });
    this.warnings.push(...this.reader.fileWarnings);
    for (const c of recognition.choices) {
      const others = c.others.map((h) => `« ${h} »`).join(', ');
      this.warnings.push({
        row: 0,
        field: FIELD_LABELS[c.field],
        message: `colonne « ${c.used} » retenue (${c.reason})${others ? ` ; ${others} ${c.others.length > 1 ? 'non utilisées' : 'non utilisée'}` : ''}`,
      });
    }
    const blocked = failed.some((r) => r.blocking);
    this.processor = new RowProcessor({ ...this.o, rowWord: this.reader.rowWord, blocked }, recognition.mapping, this.errors, this.warnings);
  }

  private row(cells: string[], line: number, geometry?: RowGeometry | null): void {
    this.dataRows++;
    if (this.preview.length < PREVIEW_ROWS) this.preview.push(cells.slice());
    // A header line repeated mid-file (files concatenated, or a spreadsheet printed by pages).
    if (this.headerKey && isRepeatedHeader(cells, this.headerKey)) {
      this.errors.push({ row: line, field: 'Ligne', message: "en-tête répété (ligne identique à la ligne d'en-tête) : ligne ignorée" });
      return;
    }
    const support = this.processor!.process(cells, line, this.reader.rowErrors?.get(line), geometry);
    if (support) this.supports.push(support);
  }

  finish(readErrors: ImportIssue[]) {
    if (!this.processor) {
      if (this.head.length === 0 && !this.reader.headers) throw new ImportFatalError('Le fichier ne contient aucune ligne.');
      if (this.reader.headers) this.start(this.reader.headers, 0, null);
      else this.startFromHead();
    }
    const broken = readErrors.filter((e) => e.row > this.headerLine);
    if (this.dataRows === 0 && broken.length === 0) {
      throw new ImportFatalError("Le fichier ne contient que la ligne d'en-tête : aucune donnée à importer.");
    }
    // Broken CSV lines (unbalanced quotes) were not read as rows: count them as rejected rows.
    this.errors.push(...broken);
    this.errors.sort((a, b) => a.row - b.row);
    this.warnings.sort((a, b) => a.row - b.row);
    return {
      supports: this.supports,
      errors: [...this.fileErrors, ...this.errors],
      warnings: this.warnings,
      dataRows: this.dataRows + broken.length,
      headers: this.headers,
      headerLine: this.headerLine,
      recognition: this.recognition!,
      processor: this.processor!,
      blocked: this.fileErrors.length > 0,
    };
  }
}

/** True when a data row repeats the header (same cells, case-insensitive, trailing blanks ignored). */
function isRepeatedHeader(cells: string[], headerKey: string[]): boolean {
  // Cheap first test: most rows differ on their first cell.
  const first = cleanCell(cells[0] ?? '');
  if (first.length !== headerKey[0].length || first.toLowerCase() !== headerKey[0]) return false;
  const n = Math.max(cells.length, headerKey.length);
  for (let i = 1; i < n; i++) {
    if (cleanCell(cells[i] ?? '').toLowerCase() !== (headerKey[i] ?? '')) return false;
  }
  return true;
}
