// File → Dataset: format detection, decoding, table reading, column recognition, row validation,
// location (coordinates → Lambert-93 → INSEE code → name / postal code), QPV, duplicates.
// A bad row never blocks the good ones; fatal problems throw ImportFatalError (French message).

import type { Dataset, FundId, LocationPrecision, LonLat, SizeBand, Support } from '../domain/types.ts';
import type { SpatialLocator } from '../analysis/types.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import {
  assertRecognisable,
  FIELD_LABELS,
  findHeaderRow,
  matchFund,
  recogniseColumns,
  type ColumnField,
  type ColumnMapping,
} from './columns.ts';
import { CommuneMatcher } from './communes.ts';
import { readCsv, type Delimiter } from './csv.ts';
import { decodeText, type TextEncodingName } from './decode.ts';
import { ImportFatalError, type ImportIssue } from './errors.ts';
import { parseGeoJson } from './geojson.ts';
import { looksLikeLambert93, lambert93ToWgs84 } from './lambert93.ts';
import { cleanCell, formatFr, looseKey, quote } from './text.ts';
import {
  parseAmount,
  parseBoolean,
  parseCoordinate,
  parseDate,
  parseJobs,
  parseNaf,
  parseSimpleNumber,
  parseSiret,
  parseSizeBand,
} from './values.ts';
import { listSheets, readSheet, type SheetInfo } from './xlsx.ts';
import { applyOptionalFields, readOptionalFields } from './optional-fields.ts';

export { ImportFatalError, type ImportIssue } from './errors.ts';

export type ImportFormat = 'csv' | 'xlsx' | 'geojson';

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

/** Text cells longer than this get a warning (kept as they are). */
const LONG_TEXT = 1000;

export interface ImportContext {
  index: TerritoriesIndex;
  locator: SpatialLocator;
  /** XLSX sheet (0-based index or name); default: first visible sheet. */
  sheet?: string | number;
  /** Reference date (plausibility of dates, dataset creation date). */
  now?: Date;
  /**
   * Latitude / longitude swap: 'auto' (default) swaps a row when its values only fall in the
   * département once swapped (with a warning); true swaps every row; false never swaps.
   */
  swapLatLon?: 'auto' | boolean;
  /** Fund used when the file has no fund column (e.g. a file exported per fund). */
  defaultFund?: FundId;
}

export interface ImportResult {
  dataset: Dataset;
  format: ImportFormat;
  /** Data rows read (header and empty lines excluded). */
  rows: number;
  valid: number;
  rejected: number;
  /** Row errors (the row is rejected). `row` = spreadsheet line (header = 1), GeoJSON feature number. */
  errors: ImportIssue[];
  /** Non-blocking notes (row kept), `row` 0 for the whole file. */
  warnings: ImportIssue[];
  /** Recognised field → header of the column used. */
  mapping: Partial<Record<ColumnField, string>>;
  /** Recognised field → column index (0-based). */
  columns: ColumnMapping;
  /** Headers not recognised (shown to the user). */
  unrecognisedColumns: string[];
  /** Headers recognised but not used (SCDL fields without use here, second candidates). */
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

const DEPT_BBOX_FALLBACK: [number, number, number, number] = [4.2, 43.1, 5.85, 44.0];

function inBbox([lon, lat]: LonLat, b: [number, number, number, number], margin = 0.05): boolean {
  return lon >= b[0] - margin && lon <= b[2] + margin && lat >= b[1] - margin && lat <= b[3] + margin;
}

function fmtCoord(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(5).replace(/0+$/, '');
}

/** Import a user file (CSV / TXT, XLSX, GeoJSON). Throws ImportFatalError when unusable. */
export function importFile(
  bytes: Uint8Array,
  fileName: string,
  ctx: ImportContext,
  onProgress?: ImportProgressCallback,
): ImportResult {
  const ext = extension(fileName);
  onProgress?.('lecture', 0, bytes.length);
  if (bytes.length === 0) throw new ImportFatalError('Le fichier est vide.');
  if (startsWith(bytes, OLE)) {
    throw new ImportFatalError(
      'Classeur Excel 97-2003 (.xls) ou protégé par mot de passe : enregistrez-le au format .xlsx ou CSV, sans mot de passe.',
    );
  }
  let format: ImportFormat;
  let encoding: TextEncodingName | null = null;
  let delimiter: Delimiter | null = null;
  let sheets: SheetInfo[] | undefined;
  let sheetName: string | undefined;
  let intake: RowIntake;
  if (startsWith(bytes, ZIP)) {
    if (ext === 'ods') {
      throw new ImportFatalError('Format OpenDocument (.ods) non pris en charge : enregistrez le fichier au format .xlsx ou CSV.');
    }
    format = 'xlsx';
    sheets = listSheets(bytes);
    const sheet = readSheet(bytes, ctx.sheet);
    sheetName = sheet.name;
    onProgress?.('lecture', 1, 1);
    intake = new RowIntake(ctx, true);
    if (sheet.merged?.length) {
      const shown = sheet.merged.slice(0, 5).join(', ') + (sheet.merged.length > 5 ? '…' : '');
      intake.fileWarnings.push({
        row: 0,
        field: 'Classeur',
        message: `cellules fusionnées (${shown}) : seule la première cellule de chaque fusion porte une valeur, les autres sont lues vides`,
      });
    }
    intake.pushAll(sheet.rows, sheet.lineNumbers, onProgress);
  } else {
    const decoded = decodeText(bytes);
    encoding = decoded.encoding;
    onProgress?.('lecture', 1, 1);
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
      format = 'geojson';
      const g = parseGeoJson(decoded.text);
      intake = new RowIntake(ctx, false, { headers: g.headers, errors: g.errors });
      intake.fileWarnings.push(...fileWarnings);
      intake.pushAll(g.rows, g.lineNumbers, onProgress);
    } else {
      format = 'csv';
      intake = new RowIntake(ctx, false);
      intake.fileWarnings.push(...fileWarnings);
      // Rows are validated as the parser reads them; progress counts characters read.
      const read = readCsv(
        decoded.text,
        (fields, line) => intake.push(fields, line),
        { reuseFields: true, onProgress: onProgress && ((done, total) => onProgress('analyse', done, total)) },
      );
      delimiter = read.delimiter;
      intake.readErrors = read.errors.map((e) => ({ row: e.line, field: 'Ligne', message: e.message }));
    }
  }
  const { supports, errors, warnings, dataRows, headers, headerLine, recognition, processor } = intake.finish();
  const m = recognition.mapping;
  const mapping: Partial<Record<ColumnField, string>> = {};
  for (const [f, i] of Object.entries(m) as [ColumnField, number][]) mapping[f] = headers[i];
  const now = ctx.now ?? new Date();
  const dataset: Dataset = {
    kind: 'import',
    label: sheetName ? `${fileName} (${sheetName})` : fileName,
    createdAt: now.toISOString(),
    supports,
    layoffs: [],
  };
  return {
    dataset,
    format,
    rows: dataRows,
    valid: supports.length,
    rejected: dataRows - supports.length,
    errors,
    warnings,
    mapping,
    columns: m,
    unrecognisedColumns: recognition.unrecognised,
    ignoredColumns: recognition.ignored,
    encoding,
    delimiter,
    sheets,
    sheet: sheetName,
    headerLine,
    swappedRows: processor.swappedRows,
  };
}

function firstNonSpace(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n' && c !== '\ufeff') return c;
  }
  return '';
}

/** Rows read before the header is chosen: findHeaderRow looks at this many. */
const HEADER_SCAN = 10;

/**
 * Receives the table's rows in order, finds the header among the first ones, then validates each
 * data row as it arrives: a big CSV is never held as a whole table, its cells die young.
 */
class RowIntake {
  /** File-level warnings (encoding, merged cells), listed first. */
  readonly fileWarnings: ImportIssue[] = [];
  /** CSV lines the reader could not read (unbalanced quotes), known once the file is read. */
  readErrors: ImportIssue[] = [];
  private readonly supports: Support[] = [];
  private readonly errors: ImportIssue[] = [];
  private readonly warnings: ImportIssue[] = [];
  private head: { cells: string[]; line: number }[] = [];
  private headers: string[] = [];
  private headerKey: string[] | null = null;
  private headerLine = 0;
  private recognition: ReturnType<typeof recogniseColumns> | null = null;
  private processor: RowProcessor | null = null;
  private geoErrorsByRow: Map<number, ImportIssue[]> | null = null;
  private dataRows = 0;
  private readonly knownHeaders: string[] | null = null;

  constructor(
    private readonly ctx: ImportContext,
    private readonly xlsx: boolean,
    /** GeoJSON: header already known, and geometry problems attached to their feature's row. */
    known?: { headers: string[]; errors: ImportIssue[] },
  ) {
    if (known) {
      this.knownHeaders = known.headers;
      this.geoErrorsByRow = new Map();
      for (const e of known.errors) this.geoErrorsByRow.set(e.row, [...(this.geoErrorsByRow.get(e.row) ?? []), e]);
    }
  }

  push(cells: string[], line: number): void {
    if (this.processor) {
      this.row(cells, line);
      return;
    }
    if (this.knownHeaders) {
      this.start(this.knownHeaders, 0, null);
      this.row(cells, line);
      return;
    }
    this.head.push({ cells: cells.slice(), line }); // the CSV reader reuses its array
    if (this.head.length >= HEADER_SCAN) this.startFromHead();
  }

  pushAll(rows: string[][], lineNumbers: number[], onProgress?: ImportProgressCallback): void {
    for (let r = 0; r < rows.length; r++) {
      if (onProgress !== undefined && r % PROGRESS_EVERY_ROWS === 0) onProgress('analyse', r, rows.length);
      this.push(rows[r], lineNumbers[r]);
    }
    onProgress?.('analyse', rows.length, rows.length);
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
    const recognition = recogniseColumns(headers);
    assertRecognisable(recognition);
    this.headers = headers;
    this.headerLine = headerLine;
    this.headerKey = headerKey;
    this.recognition = recognition;
    this.processor = new RowProcessor(this.ctx, recognition.mapping, this.xlsx, this.errors, this.warnings);
    const m = recognition.mapping;
    this.warnings.push(...this.fileWarnings);
    if (m.amountEur === undefined) {
      this.warnings.push({ row: 0, field: 'Montant', message: 'Aucune colonne de montant : les montants sont comptés 0 €' });
    }
    if (m.fund === undefined && m.fundIssuer === undefined && this.ctx.defaultFund === undefined) {
      this.warnings.push({ row: 0, field: 'Fonds', message: 'Aucune colonne de fonds (AMPA, Airbus, Adie) : chaque ligne sera refusée' });
    }
  }

  private row(cells: string[], line: number): void {
    this.dataRows++;
    // A header line repeated mid-file (files concatenated, or a spreadsheet printed by pages).
    if (this.headerKey && isRepeatedHeader(cells, this.headerKey)) {
      this.errors.push({ row: line, field: 'Ligne', message: "en-tête répété (ligne identique à la ligne d'en-tête) : ligne ignorée" });
      return;
    }
    const support = this.processor!.process(cells, line, this.geoErrorsByRow?.get(line));
    if (support) this.supports.push(support);
  }

  finish() {
    if (!this.processor) {
      if (this.head.length === 0 && !this.knownHeaders) throw new ImportFatalError('Le fichier ne contient aucune ligne.');
      if (this.knownHeaders) this.start(this.knownHeaders, 0, null);
      else this.startFromHead();
    }
    if (this.dataRows === 0 && this.readErrors.filter((e) => e.row > this.headerLine).length === 0) {
      throw new ImportFatalError("Le fichier ne contient que la ligne d'en-tête : aucune donnée à importer.");
    }
    // Broken CSV lines (unbalanced quotes) were not read as rows: count them as rejected rows.
    let dataRows = this.dataRows;
    if (!this.knownHeaders) {
      const readErrors = this.readErrors.filter((e) => e.row > this.headerLine);
      this.errors.push(...readErrors);
      dataRows += readErrors.length;
    }
    this.errors.sort((a, b) => a.row - b.row);
    this.warnings.sort((a, b) => a.row - b.row);
    return {
      supports: this.supports,
      errors: this.errors,
      warnings: this.warnings,
      dataRows,
      headers: this.headers,
      headerLine: this.headerLine,
      recognition: this.recognition!,
      processor: this.processor!,
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


/** "43,29577", "-0,5": the common coordinate cells without allocating (NaN: use parseCoordinate). */
function simpleCoordinate(raw: string): number {
  return raw.charCodeAt(0) === 45 ? -parseSimpleNumber(raw.slice(1)) : parseSimpleNumber(raw);
}

/** Same SIRET, date, amount and fund: an exact duplicate. */
function exactKey(date: string, amount: number, fund: FundId): string {
  return `${date}|${amount}|${fund}`;
}

function isMicroEntrepreneurLabel(sizeRaw: string): boolean {
  return /micro.?entrepreneur|auto.?entrepreneur/i.test(sizeRaw);
}

interface Located {
  location: LonLat;
  precision: LocationPrecision;
  communeCode: string;
  arrondissementCode: string | null;
  qpvCode: string | null;
  qpvSource: Support['qpvSource'];
}

/** Validates rows one by one; keeps the state needed for duplicate detection. */
class RowProcessor {
  private readonly matcher: CommuneMatcher;
  private readonly qpvByKey = new Map<string, TerritoriesIndex['qpv'][number]>();
  /** First kept row of each SIRET. */
  private readonly seenSiret = new Map<string, Support>();
  /** SIRETs seen more than once: exactKey → line of every kept row of that SIRET. */
  private readonly exactBySiret = new Map<string, Map<string, string>>();
  private readonly seenName = new Map<string, number>();
  private readonly bbox: [number, number, number, number];
  /** Rows whose coordinates were permuted (see ImportResult.swappedRows). */
  swappedRows = 0;

  // The row being processed. Kept on the instance rather than in per-row closures: 100k-row files
  // spent a quarter of their time collecting the garbage those closures and arrays made.
  private cells: string[] = [];
  private line = 0;
  private rowErrors = 0;
  private readonly cleaned: string[] = [];
  /** Line whose cell i is in cleaned[i] (-1: none yet). */
  private readonly cleanedLine: number[] = [];
  /** code → name → postal code → match (bounded: matchCached entries at most 20,000). */
  private readonly matchCache = new Map<string, Map<string, Map<string, ReturnType<CommuneMatcher['match']>>>>();
  private matchCached = 0;
  // Columns with few distinct values (fund, date, NAF, size band) are parsed once per distinct value.
  private readonly fundCache = new Map<string, FundId | null>();
  private readonly dateCache = new Map<string, ReturnType<typeof parseDate>>();
  private readonly nafCache = new Map<string, ReturnType<typeof parseNaf>>();
  private readonly sizeCache = new Map<string, SizeBand | null>();
  private readonly microCache = new Map<string, boolean>();
  private readonly parseDateCell = (raw: string) => parseDate(raw, { now: this.ctx.now, excelSerial: this.xlsx });

  /** f(raw), remembered for the rest of the file (pure parsers only; bounded for files of unique values). */
  private memo<T>(cache: Map<string, T>, raw: string, f: (raw: string) => T): T {
    const hit = cache.get(raw);
    if (hit !== undefined || cache.has(raw)) return hit as T;
    const v = f(raw);
    if (cache.size < 20_000) cache.set(raw, v);
    return v;
  }

  constructor(
    private readonly ctx: ImportContext,
    private readonly m: ColumnMapping,
    private readonly xlsx: boolean,
    /** Where row errors and warnings go (a row with any error is rejected). */
    private readonly errors: ImportIssue[],
    private readonly warnings: ImportIssue[],
  ) {
    this.matcher = new CommuneMatcher(ctx.index);
    for (const q of ctx.index.qpv) {
      this.qpvByKey.set(looseKey(q.code), q);
      this.qpvByKey.set(looseKey(q.nom), q);
    }
    this.bbox = ctx.index.departement?.bbox ?? DEPT_BBOX_FALLBACK;
  }

  private get(f: ColumnField): string {
    const i = this.m[f];
    if (i === undefined) return '';
    // Each cell is cleaned once per row: the location code reads the commune columns several times.
    if (this.cleanedLine[i] !== this.line) {
      this.cleaned[i] = cleanCell(this.cells[i] ?? '');
      this.cleanedLine[i] = this.line;
    }
    return this.cleaned[i];
  }

  /**
   * The commune declared by the row. Files repeat the same few hundred communes: matching (accent
   * folding, article and postal-code rules) is done once per distinct (code, name, postal code).
   */
  private matchCommune(): ReturnType<CommuneMatcher['match']> {
    const code = this.get('communeCode');
    const name = this.get('communeName');
    const postalCode = this.get('postalCode');
    // Nested maps rather than a joined key: no string built per row.
    let byName = this.matchCache.get(code);
    let byPostalCode = byName?.get(name);
    const hit = byPostalCode?.get(postalCode);
    if (hit) return hit;
    const r = this.matcher.match({ code, name, postalCode });
    if (this.matchCached < 20_000) {
      this.matchCached++;
      if (!byName) this.matchCache.set(code, (byName = new Map()));
      if (!byPostalCode) byName.set(name, (byPostalCode = new Map()));
      byPostalCode.set(postalCode, r);
    }
    return r;
  }

  private err(field: string, message: string): void {
    this.errors.push({ row: this.line, field, message });
    this.rowErrors++;
  }

  private warn(field: string, message: string): void {
    this.warnings.push({ row: this.line, field, message });
  }

  private jobs(f: 'jobsPlanned' | 'jobsAchieved'): number | null {
    const raw = this.get(f);
    if (!raw) return null;
    const simple = parseSimpleNumber(raw);
    if (Number.isInteger(simple)) return simple;
    const r = parseJobs(raw);
    if (!r.ok) {
      this.err(FIELD_LABELS[f], r.reason);
      return null;
    }
    if (r.note) this.warn(FIELD_LABELS[f], r.note);
    return r.value;
  }

  /** Validates and locates one row; its errors and warnings go to the shared lists. Null when rejected. */
  process(cells: string[], line: number, presetErrors?: ImportIssue[]): Support | null {
    this.cells = cells;
    this.line = line;
    this.rowErrors = 0;
    let locationError = false;
    if (presetErrors) {
      for (const e of presetErrors) {
        this.errors.push(e);
        this.rowErrors++;
        if (e.field === 'Localisation') locationError = true;
      }
    }
    // Identity.
    let siret: string | null = null;
    const siretRaw = this.get('siret');
    if (siretRaw) {
      const r = parseSiret(siretRaw);
      if (r.ok) {
        siret = r.value;
        if (r.note) this.warn('SIRET', r.note);
      } else this.err('SIRET', r.reason);
    }
    let companyName = this.get('companyName');
    if (companyName.length > LONG_TEXT) {
      this.warn('Raison sociale', `texte très long (${formatFr(companyName.length)} caractères) : conservé tel quel, vérifiez la ligne`);
    }
    if (!companyName) {
      if (siret) companyName = `Entreprise SIRET ${siret}`;
      else if (!siretRaw) this.err('Raison sociale', 'raison sociale et SIRET manquants');
    }

    // Fund.
    let fund: FundId | null = null;
    const fundRaw = this.get('fund');
    const issuerRaw = this.get('fundIssuer');
    fund = this.memo(this.fundCache, fundRaw, matchFund) ?? this.memo(this.fundCache, issuerRaw, matchFund) ?? this.ctx.defaultFund ?? null;
    if (!fund) {
      if (fundRaw || issuerRaw) this.err('Fonds', `${quote(fundRaw || issuerRaw)} n'est pas un fonds reconnu (AMPA, Airbus, Adie)`);
      else this.err('Fonds', 'fonds manquant (AMPA, Airbus ou Adie)');
    }

    // Amount.
    let amountEur = 0;
    if (this.m.amountEur !== undefined) {
      const raw = this.get('amountEur');
      const simple = parseSimpleNumber(raw);
      if (simple === simple) amountEur = Math.round(simple * 100) / 100;
      else if (!raw) this.err('Montant', 'montant manquant');
      else {
        const r = parseAmount(raw);
        if (r.ok) {
          amountEur = r.value;
          if (r.note) this.warn('Montant', r.note);
        } else this.err('Montant', r.reason);
      }
    }

    // Jobs.
    const jobsPlanned = this.jobs('jobsPlanned');
    const jobsAchieved = this.jobs('jobsAchieved');

    // Date.
    let date = '';
    let dateIsYearOnly = false;
    const dateRaw = this.get('date');
    if (!dateRaw) this.err('Date', 'date manquante');
    else {
      const r = this.memo(this.dateCache, dateRaw, this.parseDateCell);
      if (r.ok) {
        date = r.value.iso;
        dateIsYearOnly = r.value.yearOnly;
      } else this.err('Date', r.reason);
    }

    // NAF, size, micro-entrepreneur (never blocking).
    let naf: string | null = null;
    let sector: string | null = null;
    const nafRaw = this.get('naf');
    if (nafRaw) {
      const r = this.memo(this.nafCache, nafRaw, parseNaf);
      if (r.ok) {
        naf = r.value.code;
        sector = r.value.sector;
      } else this.warn('Code NAF', `${r.reason} : ignoré`);
    }
    const sizeRaw = this.get('sizeBand');
    let sizeBand: SizeBand = 'inconnue';
    if (sizeRaw) {
      const b = this.memo(this.sizeCache, sizeRaw, parseSizeBand);
      if (b) sizeBand = b;
      else this.warn("Tranche d'effectif", `${quote(sizeRaw)} non reconnue : taille inconnue`);
    }
    let isMicroEntrepreneur = sizeRaw !== '' && this.memo(this.microCache, sizeRaw, isMicroEntrepreneurLabel);
    const microRaw = this.get('microEntrepreneur');
    if (microRaw) {
      const r = parseBoolean(microRaw);
      if (r.ok) isMicroEntrepreneur = isMicroEntrepreneur || r.value;
      else this.warn('Micro-entrepreneur', r.reason);
    }

    // Location (only when the row has no location error yet from the reader).
    let located: Located | null = null;
    if (!locationError) located = this.locate();
    const address = this.get('address');
    if (address.length > LONG_TEXT) {
      this.warn('Adresse', `texte très long (${formatFr(address.length)} caractères) : conservé tel quel, vérifiez la ligne`);
    }

    if (this.rowErrors > 0 || !fund || !located) return null;

    const support: Support = {
      id: String(line), // the spreadsheet line: duplicate messages quote it
      companyName,
      siret,
      naf,
      sector,
      sizeBand,
      fund,
      amountEur,
      jobsPlanned,
      jobsAchieved,
      date,
      address: address || null,
      location: located.location,
      precision: located.precision,
      communeCode: located.communeCode,
      arrondissementCode: located.arrondissementCode,
      qpvCode: located.qpvCode,
      qpvSource: located.qpvSource,
      isMicroEntrepreneur,
    };
    if (dateIsYearOnly) support.dateIsYearOnly = true;
    applyOptionalFields(support, readOptionalFields({ cofinancing: this.get('cofinancing'), companyCreated: this.get('companyCreated') }, (f, m) => this.warn(f, m), this.ctx.now));

    // Duplicates (the first row of each SIRET is remembered as its Support: no extra object per row).
    if (siret) {
      const first = this.seenSiret.get(siret);
      if (first) {
        // Exact-duplicate keys only for SIRETs seen more than once (most rows never build one).
        let exact = this.exactBySiret.get(siret);
        if (!exact) this.exactBySiret.set(siret, (exact = new Map([[exactKey(first.date, first.amountEur, first.fund), first.id]])));
        const key = exactKey(date, amountEur, fund);
        const dup = exact.get(key);
        if (dup !== undefined) {
          this.err('SIRET', `doublon de la ligne ${dup} (même SIRET, date, montant et fonds)`);
          return null;
        }
        exact.set(key, support.id);
        const detail =
          first.amountEur !== amountEur
            ? `avec un montant différent (${formatFr(first.amountEur)} € puis ${formatFr(amountEur)} €)`
            : '(date ou fonds différents)';
        this.warn('SIRET', `même SIRET que la ligne ${first.id} ${detail} : les deux lignes sont conservées`);
      } else this.seenSiret.set(siret, support);
    } else {
      const key = `${looseKey(companyName)}|${located.communeCode}|${date}|${amountEur}|${fund}`;
      const first = this.seenName.get(key);
      if (first !== undefined) this.warn('Raison sociale', `doublon probable de la ligne ${first} (sans SIRET) : conservé`);
      else this.seenName.set(key, line);
    }
    return support;
  }

  /** Declared QPV code (validated against the index), or null. */
  private declaredQpv(raw: string, communeCode: string): string | null {
    if (!raw) return null;
    const k = looseKey(raw);
    if (['non', 'n', '0', 'faux', 'false', 'horsqpv', 'aucun'].includes(k)) return null;
    if (['oui', 'o', '1', 'vrai', 'true', 'x'].includes(k)) {
      this.warn('QPV', 'QPV déclaré sans code : non pris en compte');
      return null;
    }
    const q = this.qpvByKey.get(k);
    if (!q) {
      this.warn('QPV', `code QPV ${quote(raw)} inconnu : ignoré`);
      return null;
    }
    if (q.communes?.length && !q.communes.includes(communeCode)) {
      this.warn('QPV', `le QPV ${q.code} n'est pas situé dans la commune ${this.matcher.commune(communeCode)?.nom ?? communeCode}`);
    }
    return q.code;
  }

  private locate(): Located | null {
    const m = this.m;
    const hasCommuneInfo = !!(this.get('communeCode') || this.get('communeName') || this.get('postalCode'));
    let pair: { a: string; b: string; kind: 'lonlat' | 'xy' } | null = null;
    if (m.lon !== undefined && m.lat !== undefined && (this.get('lon') || this.get('lat'))) pair = { a: this.get('lon'), b: this.get('lat'), kind: 'lonlat' };
    else if (m.x !== undefined && m.y !== undefined && (this.get('x') || this.get('y'))) pair = { a: this.get('x'), b: this.get('y'), kind: 'xy' };

    if (pair) {
      const fallback = (f: string, msg: string) => this.warn(f, `${msg} : localisation par la commune`);
      const point = this.interpretPair(pair, hasCommuneInfo ? fallback : (f, msg) => this.err(f, msg));
      if (point) {
        const loc = this.ctx.locator.locate(point);
        if (!loc.communeCode) {
          this.err('Localisation', `Localisation hors des Bouches-du-Rhône (${fmtCoord(point[0])}, ${fmtCoord(point[1])})`);
          return null;
        }
        if (loc.snapped) {
          this.warn('Localisation', 'point hors des limites communales (littoral) : rattaché à la commune la plus proche');
        }
        if (hasCommuneInfo) {
          const declared = this.matchCommune();
          if (declared.ok && declared.match.communeCode !== loc.communeCode) {
            const a = this.matcher.commune(declared.match.communeCode)?.nom ?? declared.match.communeCode;
            const b = this.matcher.commune(loc.communeCode)?.nom ?? loc.communeCode;
            this.warn('Commune', `commune déclarée (${a}) différente de celle des coordonnées (${b}) : les coordonnées sont retenues`);
          }
        }
        const declaredQpv = this.get('qpv');
        if (declaredQpv) {
          const q = this.qpvByKey.get(looseKey(declaredQpv));
          if (q && q.code !== loc.qpvCode) {
            this.warn('QPV', `QPV déclaré ${q.code} différent du QPV calculé (${loc.qpvCode ?? 'hors QPV'}) : le calcul est retenu`);
          }
        }
        return {
          location: point,
          precision: 'point',
          communeCode: loc.communeCode,
          arrondissementCode: loc.arrondissementCode,
          qpvCode: loc.qpvCode,
          qpvSource: 'computed',
        };
      }
      if (!hasCommuneInfo) return null;
    }

    if (!hasCommuneInfo) {
      this.err('Localisation', 'aucune localisation (coordonnées, code INSEE, commune ou code postal)');
      return null;
    }
    const r = this.matchCommune();
    if (!r.ok) {
      this.err(r.field, r.message);
      return null;
    }
    for (const w of r.match.warnings) this.warn('Commune', w);
    const label = this.matcher.labelPoint(r.match);
    if (!label) {
      this.err('Localisation', `point représentatif de la commune ${r.match.communeCode} introuvable`);
      return null;
    }
    const qpvCode = this.declaredQpv(this.get('qpv'), r.match.communeCode);
    return {
      location: [label[0], label[1]],
      precision: r.match.arrondissementCode ? 'arrondissement' : 'commune',
      communeCode: r.match.communeCode,
      arrondissementCode: r.match.arrondissementCode,
      qpvCode,
      qpvSource: qpvCode ? 'declared' : null,
    };
  }

  /** Coordinates → WGS84 point (Lambert-93 detection, lat/lon swap), or null with an issue. */
  private interpretPair(
    pair: { a: string; b: string; kind: 'lonlat' | 'xy' },
    fail: (f: string, m: string) => void,
  ): LonLat | null {
    const label = pair.kind === 'lonlat' ? 'longitude/latitude' : 'X/Y';
    if (!pair.a || !pair.b) {
      fail('Localisation', `coordonnées incomplètes (${label})`);
      return null;
    }
    let a = simpleCoordinate(pair.a);
    let b = simpleCoordinate(pair.b);
    if (a !== a || b !== b) {
      const pa = parseCoordinate(pair.a);
      const pb = parseCoordinate(pair.b);
      if (!pa.ok || !pb.ok) {
        fail('Localisation', (pa.ok ? null : pa.reason) ?? (pb.ok ? '' : pb.reason));
        return null;
      }
      a = pa.value;
      b = pb.value;
    }
    const swapOpt = this.ctx.swapLatLon ?? 'auto';
    if (Math.abs(a) <= 180 && Math.abs(b) <= 90) {
      let p: LonLat = [a, b];
      if (swapOpt === true) {
        p = [b, a];
        this.swappedRows++;
      } else if (swapOpt === 'auto' && !inBbox(p, this.bbox) && Math.abs(a) <= 90 && inBbox([b, a], this.bbox)) {
        p = [b, a];
        this.swappedRows++;
        this.warn('Localisation', `latitude et longitude inversées (${fmtCoord(a)}, ${fmtCoord(b)}) : valeurs permutées`);
      }
      return p;
    }
    if (looksLikeLambert93(a, b)) {
      if (pair.kind === 'lonlat') {
        this.warn('Localisation', 'coordonnées Lambert-93 dans les colonnes longitude/latitude : converties en WGS84');
      }
      return lambert93ToWgs84(a, b);
    }
    if (looksLikeLambert93(b, a) && swapOpt !== false) {
      this.swappedRows++;
      this.warn('Localisation', `X et Y Lambert-93 inversés (${fmtCoord(a)}, ${fmtCoord(b)}) : valeurs permutées`);
      return lambert93ToWgs84(b, a);
    }
    fail('Localisation', `coordonnées invalides (${fmtCoord(a)}, ${fmtCoord(b)}) : ni WGS84 ni Lambert-93`);
    return null;
  }
}
