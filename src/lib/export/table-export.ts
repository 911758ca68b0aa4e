// Table exports: CSV for French Excel, and GeoJSON. Pure (returns bytes / text; the UI makes
// the download).
//
// CSV ("toExcelCsv"): UTF-8 with a BOM (so Excel reads the accents), `;` separator, CRLF line
// ends, numbers written with a decimal comma and no thousands separator ("1234,5"), so Excel
// reads them as numbers. Text cells go through text/csv.ts csvCell(): a cell starting with
// = + - @ tab or CR gets a leading apostrophe (formula injection: company names come from
// imported files), and cells holding `;`, `"` or a line break are quoted. Numeric cells are
// written as numbers (digits, '-', ','), never neutralised, so -12,5 stays a number.
// Masked values (privacy.ts) are written as their display string ("< 3", "secret statistique").

import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { csvCell } from '../text/csv.ts';
import { isSecret, type SecretValue } from '../domain/privacy.ts';
import type { LonLat } from '../domain/types.ts';

export type CellValue = string | number | boolean | null | undefined | SecretValue;

export interface ExportColumn<R> {
  header: string;
  value: (row: R) => CellValue;
  /** Fixed number of decimals for numbers (default: up to 6, trailing zeros dropped). */
  decimals?: number;
}

const SEPARATOR = ';';
const EOL = '\r\n';
const BOM = '\ufeff';

/** A number as French Excel reads it: decimal comma, no thousands separator, no exponent. */
export function formatCsvNumber(n: number, decimals?: number): string {
  if (!Number.isFinite(n)) return '';
  let s: string;
  if (decimals !== undefined) s = n.toFixed(Math.max(0, Math.min(20, Math.floor(decimals))));
  else if (Number.isInteger(n) && Math.abs(n) < 1e21) s = n.toFixed(0);
  else s = n.toFixed(6).replace(/\.?0+$/, '');
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1); // no "-0"
  return s.replace('.', ',');
}

function cell(v: CellValue, decimals?: number): string {
  if (isSecret(v)) return csvCell(v.display, SEPARATOR);
  if (typeof v === 'number') return formatCsvNumber(v, decimals);
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  return csvCell(v ?? '', SEPARATOR);
}

/** The table as CSV text (starts with the BOM). */
export function toExcelCsvText<R>(columns: readonly ExportColumn<R>[], rows: readonly R[]): string {
  let out = BOM + columns.map((c) => csvCell(c.header, SEPARATOR)).join(SEPARATOR) + EOL;
  for (const r of rows) out += columns.map((c) => cell(c.value(r), c.decimals)).join(SEPARATOR) + EOL;
  return out;
}

/** The table as the bytes of a .csv file for French Excel (UTF-8 with BOM). */
export function toExcelCsv<R>(columns: readonly ExportColumn<R>[], rows: readonly R[]): Uint8Array {
  return new TextEncoder().encode(toExcelCsvText(columns, rows));
}

export interface GeoExportRow {
  /** A geometry (territory outline), or use `point`. */
  geometry?: Geometry | null;
  /** [lon, lat] for a point feature. */
  point?: LonLat | null;
  properties: Record<string, CellValue>;
}

/** Coordinates keep 6 decimals (about 0.1 m). */
function roundCoords<T>(c: T): T {
  if (typeof c === 'number') return (Math.round(c * 1e6) / 1e6) as T;
  if (Array.isArray(c)) return c.map(roundCoords) as T;
  return c;
}

function roundGeometry(g: Geometry): Geometry {
  if (g.type === 'GeometryCollection') return { type: 'GeometryCollection', geometries: g.geometries.map(roundGeometry) };
  return { ...g, coordinates: roundCoords(g.coordinates) } as Geometry;
}

function jsonValue(v: CellValue): string | number | boolean | null {
  if (isSecret(v)) return v.display;
  if (v === undefined) return null;
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}

/**
 * GeoJSON FeatureCollection (RFC 7946, WGS84) of the rows: `geometry`, else `point`, else a
 * null geometry (the row is kept). Numbers stay numbers; masked values become their display
 * string; coordinates are rounded to 6 decimals.
 */
export function toGeoJsonExport(rows: readonly GeoExportRow[]): string {
  const features: Feature[] = rows.map((r) => {
    const geometry: Geometry | null = r.geometry
      ? roundGeometry(r.geometry)
      : r.point
        ? { type: 'Point', coordinates: roundCoords([r.point[0], r.point[1]]) }
        : null;
    const properties: Record<string, string | number | boolean | null> = {};
    for (const [k, v] of Object.entries(r.properties)) properties[k] = jsonValue(v);
    return { type: 'Feature', geometry: geometry as Geometry, properties };
  });
  const fc: FeatureCollection = { type: 'FeatureCollection', features };
  return JSON.stringify(fc);
}

/** Rows + the same columns as the CSV → GeoJSON rows (column headers become property names). */
export function toGeoExportRows<R>(
  columns: readonly ExportColumn<R>[],
  rows: readonly R[],
  geometryOf: (row: R) => Geometry | LonLat | null | undefined,
): GeoExportRow[] {
  return rows.map((r) => {
    const g = geometryOf(r);
    const properties: Record<string, CellValue> = {};
    for (const c of columns) properties[c.header] = c.value(r);
    if (Array.isArray(g)) return { point: g as LonLat, properties };
    return { geometry: g ?? null, properties };
  });
}

/** File name for an export: "fonds-revitalisation-13_ecarts-communes_2025-05-01.csv". */
export function exportFileName(what: string, ext: 'csv' | 'geojson' | 'xlsx', date: Date = new Date()): string {
  const slug = what
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const d = date.toISOString().slice(0, 10);
  return `fonds-revitalisation-13_${slug || 'export'}_${d}.${ext}`;
}
