// Downloads of the annual review's tables: each table as CSV for French Excel or as XLSX, and
// every table in one workbook (one sheet per table). They write exactly what the page shows
// (the table models of analysis/review-tables.ts, masked in public mode).

import type { Cell, ReviewTable } from '../../analysis/review-tables.ts';
import { exportFileName, toExcelCsv, type ExportColumn } from '../../export/table-export.ts';
import { toXlsx } from '../../export/xlsx-export.ts';
import { downloadBlob } from '../../map/export-png.ts';

type Row = Record<string, Cell>;

const pct = (v: Cell) => (typeof v === 'number' ? Math.round(v * 1000) / 10 : v);

/** Export columns of a table: shares as percentages (one decimal), ratios with two decimals. */
export function exportColumns(t: ReviewTable): ExportColumn<Row>[] {
  const rowKinds = t.rows.some((r) => typeof r.kind === 'string');
  return t.columns.map((c) => {
    if (c.kind === 'pct') return { header: `${c.header} (%)`, decimals: 1, value: (r: Row) => pct(r[c.key]) };
    // Key figures: each row has its own unit; its percentages are written as such.
    if (c.kind === 'text' && rowKinds) return { header: c.header, value: (r: Row) => (r.kind === 'pct' ? pct(r[c.key]) : r[c.key]) };
    return { header: c.header, decimals: c.kind === 'ratio' ? 2 : undefined, value: (r: Row) => r[c.key] };
  });
}

const suffix = (mode: string, isDemo: boolean) => `${mode === 'public' ? '-public' : ''}${isDemo ? '-demo' : ''}`;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function downloadTableCsv(t: ReviewTable, mode: string, isDemo: boolean): void {
  const bytes = toExcelCsv(exportColumns(t), t.rows);
  downloadBlob(new Blob([bytes as BlobPart], { type: 'text/csv;charset=utf-8' }), exportFileName(`${t.id}${suffix(mode, isDemo)}`, 'csv'));
}

export function downloadTableXlsx(t: ReviewTable, mode: string, isDemo: boolean): void {
  const bytes = toXlsx([{ name: t.title, columns: exportColumns(t), rows: t.rows }]);
  downloadBlob(new Blob([bytes as BlobPart], { type: XLSX_TYPE }), exportFileName(`${t.id}${suffix(mode, isDemo)}`, 'xlsx'));
}

export function downloadAllXlsx(tables: readonly ReviewTable[], year: number, mode: string, isDemo: boolean): void {
  const bytes = toXlsx(tables.map((t) => ({ name: t.title, columns: exportColumns(t), rows: t.rows })));
  downloadBlob(new Blob([bytes as BlobPart], { type: XLSX_TYPE }), exportFileName(`bilan-${year}${suffix(mode, isDemo)}`, 'xlsx'));
}
