// Minimal XLSX reader (Office Open XML spreadsheet) on top of fflate's unzipSync.
// Reads cached cell values only: formulas are never evaluated. Dates (cells whose style is a
// date format) become ISO yyyy-mm-dd strings. Merged cells simply leave blanks.

import { unzipSync, type Unzipped } from 'fflate';
import { ImportFatalError } from './errors.ts';
import { parseXml } from './xml.ts';

/** Cap on the total uncompressed size of the parts we extract (zip bomb guard). */
export const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;

export interface SheetInfo {
  index: number;
  name: string;
  /** Hidden or very hidden sheets are listed but flagged. */
  hidden: boolean;
}

export interface SheetData {
  name: string;
  /** Non-empty rows only; cells as strings ('' for blanks), columns by letter (A = 0). */
  rows: string[][];
  /** Spreadsheet row number of each entry of `rows` (1-based, as shown by Excel). */
  lineNumbers: number[];
  /** Merged ranges ("C2:C3"): only their top-left cell holds a value, the others read as blank. */
  merged?: string[];
}

const decoder = new TextDecoder('utf-8');

function isZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Unzip only the parts accepted by `wanted`, refusing archives that would inflate too much. */
function unzipParts(bytes: Uint8Array, wanted: (name: string) => boolean): Unzipped {
  if (!isZip(bytes)) throw new ImportFatalError("Le fichier n'est pas un classeur Excel .xlsx valide.");
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter(file) {
        if (!wanted(file.name)) return false;
        total += file.originalSize;
        if (total > MAX_UNCOMPRESSED_BYTES) {
          throw new ImportFatalError(
            'Le classeur est trop volumineux une fois décompressé (plus de 200 Mo) : import refusé.',
          );
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof ImportFatalError) throw e;
    throw new ImportFatalError("Le classeur Excel est illisible ou endommagé (archive .xlsx invalide).");
  }
}

function text(files: Unzipped, name: string): string | null {
  const f = files[name];
  return f ? decoder.decode(f) : null;
}

interface WorkbookInfo {
  sheets: (SheetInfo & { path: string })[];
  date1904: boolean;
}

function resolveTarget(target: string): string {
  let t = target.replace(/\\/g, '/');
  if (t.startsWith('/')) return t.slice(1);
  const parts = ('xl/' + t).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function readWorkbook(files: Unzipped): WorkbookInfo {
  const wb = text(files, 'xl/workbook.xml');
  if (wb === null) throw new ImportFatalError('Classeur Excel sans feuille de calcul (xl/workbook.xml absent).');
  const rels = new Map<string, string>();
  const relsXml = text(files, 'xl/_rels/workbook.xml.rels');
  if (relsXml) {
    parseXml(relsXml, {
      open(name, a) {
        if (name === 'Relationship' && a.Id && a.Target) rels.set(a.Id, a.Target);
      },
    });
  }
  const sheets: WorkbookInfo['sheets'] = [];
  let date1904 = false;
  parseXml(wb, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet') {
        const index = sheets.length;
        const target = a.id ? rels.get(a.id) : undefined;
        const path = target ? resolveTarget(target) : `xl/worksheets/sheet${index + 1}.xml`;
        sheets.push({ index, name: a.name ?? `Feuille ${index + 1}`, hidden: !!a.state && a.state !== 'visible', path });
      }
    },
  });
  return { sheets, date1904 };
}

const isMetaPart = (n: string) =>
  n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml' || n === 'xl/styles.xml';

/** Sheet names of a workbook, in tab order (for a sheet picker). */
export function listSheets(bytes: Uint8Array): SheetInfo[] {
  const files = unzipParts(bytes, (n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels');
  return readWorkbook(files).sheets.map(({ index, name, hidden }) => ({ index, name, hidden }));
}

/** Shared strings: concatenation of the <t> of each <si> (rich text runs), phonetic runs skipped. */
function readSharedStrings(xml: string | null): string[] {
  const out: string[] = [];
  if (!xml) return out;
  let inSi = false;
  let inT = false;
  let inPhonetic = false;
  let current = '';
  parseXml(xml, {
    open(name, _a, selfClosing) {
      if (name === 'si') {
        inSi = true;
        current = '';
      } else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && inSi && !inPhonetic && !selfClosing) inT = true;
    },
    close(name) {
      if (name === 'si') {
        out.push(current);
        inSi = false;
      } else if (name === 'rPh') inPhonetic = false;
      else if (name === 't') inT = false;
    },
    text(t) {
      if (inT) current += t;
    },
  });
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22]);

/** True for a custom number format that displays a date (d, m or y outside quotes/brackets). */
export function isDateFormatCode(code: string): boolean {
  const stripped = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '')
    .toLowerCase();
  if (/[dy]/.test(stripped)) return true;
  // "m" alone is a month unless it is minutes (next to h or s).
  return /m/.test(stripped) && !/[hs]/.test(stripped);
}

/** For each cellXfs index (the `s` attribute of a cell): does it display a date? */
function readDateStyles(xml: string | null): boolean[] {
  const result: boolean[] = [];
  if (!xml) return result;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  parseXml(xml, {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId) custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const code = custom.get(id);
        result.push(code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return result;
}

/** Excel serial day number → ISO date (1900 system with its leap-year bug, or 1904 system). */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const days = Math.floor(serial);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + days * 86400000);
  return d.toISOString().slice(0, 10);
}

/** "BC12" → column index 54 (A = 0). */
export function columnIndex(ref: string): number {
  let col = 0;
  let k = 0;
  for (; k < ref.length; k++) {
    const c = ref.charCodeAt(k) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return k === 0 ? -1 : col - 1;
}

function rowFromRef(ref: string): number {
  let k = 0;
  while (k < ref.length && /[A-Za-z$]/.test(ref[k])) k++;
  const n = parseInt(ref.slice(k), 10);
  return Number.isFinite(n) ? n : -1;
}

function formatNumberCell(raw: string): string {
  // Keep Excel's stored representation but remove binary float noise (0.30000000000000004).
  const v = Number(raw);
  if (!Number.isFinite(v)) return raw.trim();
  const rounded = Number(v.toPrecision(15));
  return String(rounded);
}

function selectSheet(sheets: WorkbookInfo['sheets'], which: string | number | undefined) {
  if (sheets.length === 0) throw new ImportFatalError('Le classeur ne contient aucune feuille.');
  if (which === undefined) return sheets.find((s) => !s.hidden) ?? sheets[0];
  if (typeof which === 'number') {
    const s = sheets[which];
    if (!s) throw new ImportFatalError(`Feuille n° ${which + 1} introuvable (le classeur en compte ${sheets.length}).`);
    return s;
  }
  const s =
    sheets.find((x) => x.name === which) ?? sheets.find((x) => x.name.trim().toLowerCase() === which.trim().toLowerCase());
  if (!s) {
    throw new ImportFatalError(
      `Feuille « ${which} » introuvable. Feuilles disponibles : ${sheets.map((x) => x.name).join(', ')}.`,
    );
  }
  return s;
}

// Not split: one streaming pass over the sheet XML, its cell state kept in locals (speed).
/** Read one sheet (by 0-based index or name; default: first visible sheet) as a grid of strings. */
export function readSheet(bytes: Uint8Array, sheet?: string | number): SheetData {
  const meta = unzipParts(bytes, isMetaPart);
  const wb = readWorkbook(meta);
  const chosen = selectSheet(wb.sheets, sheet);
  const part = unzipParts(bytes, (n) => n === chosen.path);
  const xml = text(part, chosen.path);
  if (xml === null) throw new ImportFatalError(`Feuille « ${chosen.name} » absente de l'archive.`);
  const shared = readSharedStrings(text(meta, 'xl/sharedStrings.xml'));
  const dateStyles = readDateStyles(text(meta, 'xl/styles.xml'));

  const rowsByNumber = new Map<number, string[]>();
  let rowNumber = 0;
  let cells: string[] = [];
  let col = -1;
  let type = 'n';
  let style = 0;
  let value: string | null = null;
  let inline = '';
  let where: 'v' | 't' | null = null;
  let inIs = false;
  let inPhonetic = false;
  const merged: string[] = [];

  const finishCell = () => {
    let out = '';
    switch (type) {
      case 's': {
        const k = value === null ? -1 : parseInt(value, 10);
        out = k >= 0 && k < shared.length ? shared[k] : '';
        break;
      }
      case 'inlineStr':
        out = inline;
        break;
      case 'str':
      case 'e':
        out = value ?? '';
        break;
      case 'b':
        out = value === null ? '' : value.trim() === '1' ? 'VRAI' : 'FAUX';
        break;
      case 'd': // ISO 8601 date cell (strict OOXML)
        out = (value ?? '').slice(0, 10);
        break;
      default: {
        if (value === null || value.trim() === '') out = '';
        else if (dateStyles[style]) out = excelSerialToIso(Number(value), wb.date1904) ?? formatNumberCell(value);
        else out = formatNumberCell(value);
      }
    }
    if (out !== '' && col >= 0) {
      while (cells.length < col) cells.push('');
      cells[col] = out;
    }
  };

  parseXml(xml, {
    open(name, a, selfClosing) {
      switch (name) {
        case 'row': {
          const r = a.r ? parseInt(a.r, 10) : NaN;
          rowNumber = Number.isFinite(r) ? r : rowNumber + 1;
          cells = [];
          col = -1;
          break;
        }
        case 'c': {
          const ref = a.r ?? '';
          const c = ref ? columnIndex(ref) : -1;
          col = c >= 0 ? c : col + 1;
          if (ref && rowNumber === 0) rowNumber = rowFromRef(ref);
          type = a.t ?? 'n';
          style = a.s ? parseInt(a.s, 10) || 0 : 0;
          value = null;
          inline = '';
          if (selfClosing) {
            /* empty cell */
          }
          break;
        }
        case 'v':
          if (!selfClosing) {
            where = 'v';
            value = '';
          }
          break;
        case 'is':
          inIs = true;
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          if (inIs && !inPhonetic && !selfClosing) where = 't';
          break;
        case 'mergeCell':
          if (a.ref) merged.push(a.ref);
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'c':
          finishCell();
          break;
        case 'row':
          if (cells.some((c) => c.trim() !== '')) rowsByNumber.set(rowNumber, cells);
          break;
        case 'v':
        case 't':
          where = null;
          break;
        case 'is':
          inIs = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
      }
    },
    text(t) {
      if (where === 'v') value = (value ?? '') + t;
      else if (where === 't') inline += t;
    },
  });

  const numbers = [...rowsByNumber.keys()].sort((x, y) => x - y);
  const out: SheetData = { name: chosen.name, rows: numbers.map((k) => rowsByNumber.get(k)!), lineNumbers: numbers };
  if (merged.length) out.merged = merged;
  return out;
}
