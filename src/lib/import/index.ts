// Public API of the import module.
export { importFile, type ImportContext, type ImportResult, type ImportFormat } from './pipeline.ts';
export { ImportFatalError, type ImportIssue } from './errors.ts';
export { decodeText, type DecodedText, type TextEncodingName } from './decode.ts';
export { parseCsv, sniffDelimiter, type Delimiter, type CsvRecord, type CsvParseResult } from './csv.ts';
export { listSheets, readSheet, type SheetInfo, type SheetData } from './xlsx.ts';
export { parseGeoJson } from './geojson.ts';
export { recogniseColumns, matchFund, FIELD_LABELS, type ColumnField, type ColumnMapping } from './columns.ts';
export { CommuneMatcher, communeKey } from './communes.ts';
export { lambert93ToWgs84, wgs84ToLambert93 } from './lambert93.ts';
export { toReportCsv, toReportBytes, csvCell, csvLine } from './report.ts';
