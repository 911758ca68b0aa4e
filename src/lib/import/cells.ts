// The row being validated: its cells, cleaned once per row and per column on demand. One instance
// per import, refilled for every row (no object per row: big files spent their time collecting
// per-row garbage).

import type { ColumnField, ColumnMapping } from './columns.ts';
import { cleanCell } from './text.ts';

export class RowCells {
  cells: string[] = [];
  /** Spreadsheet row (or GeoJSON feature number) of the current row. */
  line = 0;
  private readonly cleaned: string[] = [];
  /** Row whose cell i is in cleaned[i] (0: none yet). */
  private readonly cleanedLine: number[] = [];

  constructor(readonly m: ColumnMapping) {}

  start(cells: string[], line: number): void {
    this.cells = cells;
    this.line = line;
  }

  /** Cleaned text of a field's cell ('' when the field has no column). */
  get(f: ColumnField): string {
    const i = this.m[f];
    if (i === undefined) return '';
    // Each cell is cleaned once per row: the location code reads the commune columns several times.
    if (this.cleanedLine[i] !== this.line) {
      this.cleaned[i] = cleanCell(this.cells[i] ?? '');
      this.cleanedLine[i] = this.line;
    }
    return this.cleaned[i];
  }

  has(f: ColumnField): boolean {
    return this.m[f] !== undefined;
  }
}
