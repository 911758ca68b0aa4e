// Bytes → text, with encoding detection (UTF-8 / UTF-16 / Windows-1252) and binary rejection.
// Runs in browsers and in Node 20 (full ICU): only TextDecoder and Uint8Array.

import { ImportFatalError } from './errors.ts';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** True when the file started with a byte order mark (removed from `text`). */
  bom: boolean;
  /**
   * Mixed encodings: physical lines (1-based) of a UTF-8 file that were not valid UTF-8 and were
   * decoded as Windows-1252 instead (e.g. one line pasted from an Excel export). Absent otherwise.
   */
  windows1252Lines?: number[];
}

export const NOT_TEXT_MESSAGE = 'Le fichier ne semble pas être un fichier texte (CSV)';

const SAMPLE = 8192;

/** Guess BOM-less UTF-16 from the NUL pattern of the first bytes (mostly-ASCII text). */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** NUL bytes or many C0 control characters (other than tab, CR, LF, FF) mean a binary file. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SAMPLE);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) controls++;
  }
  return controls > Math.max(2, n * 0.01);
}

/** Windows-1252 code points of bytes 0x80–0x9F (undefined bytes map to themselves, as in WHATWG). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Windows-1252 by table: Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1
 * (0x80 → U+0080 instead of €), so we do not rely on it.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const CHUNK = 8192;
  const units = new Uint16Array(Math.min(bytes.length, CHUNK));
  let out = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      units[i - start] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
    }
    out += String.fromCharCode.apply(null, Array.from(units.subarray(0, end - start)));
  }
  return out;
}

function decodeWith(encoding: TextEncodingName, bytes: Uint8Array, fatal = false): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  // ignoreBOM: we strip it ourselves so that `text` never starts with U+FEFF.
  return new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(bytes);
}

interface Utf8Scan {
  /** Physical lines (1-based) holding at least one invalid UTF-8 sequence. */
  badLines: number[];
  /** Number of lines holding valid multi-byte sequences and no invalid one. */
  goodMultibyteLines: number;
  /** Byte offset where each line starts (index 0 = line 1), plus the length at the end. */
  lineStarts: number[];
}

/**
 * Line-by-line UTF-8 validation (lines end at LF, CRLF or a lone CR, as in the CSV reader).
 * A byte loop without allocation; only run when strict UTF-8 decoding has already failed.
 */
function scanUtf8(bytes: Uint8Array): Utf8Scan {
  const badLines: number[] = [];
  const lineStarts: number[] = [0];
  let goodMultibyteLines = 0;
  let line = 1;
  let lineBad = false;
  let lineMultibyte = false;
  const n = bytes.length;
  const endLine = (nextStart: number) => {
    if (lineBad) badLines.push(line);
    else if (lineMultibyte) goodMultibyteLines++;
    line++;
    lineBad = false;
    lineMultibyte = false;
    lineStarts.push(nextStart);
  };
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < n && bytes[i] >= lo && bytes[i] <= hi;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b === 0x0a) endLine(i + 1);
      else if (b === 0x0d && bytes[i + 1] !== 0x0a) endLine(i + 1);
      i++;
      continue;
    }
    let len = 0;
    if (b >= 0xc2 && b <= 0xdf) len = cont(i + 1) ? 2 : 0;
    else if (b >= 0xe0 && b <= 0xef) {
      const lo = b === 0xe0 ? 0xa0 : 0x80;
      const hi = b === 0xed ? 0x9f : 0xbf;
      len = cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const lo = b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xf4 ? 0x8f : 0xbf;
      len = cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    if (len === 0) {
      lineBad = true;
      i++;
    } else {
      lineMultibyte = true;
      i += len;
    }
  }
  if (lineStarts[lineStarts.length - 1] < n) {
    if (lineBad) badLines.push(line);
    else if (lineMultibyte) goodMultibyteLines++;
  }
  lineStarts.push(n);
  return { badLines, goodMultibyteLines, lineStarts };
}

/** UTF-8 text whose invalid lines are decoded as Windows-1252 (each line on its own). */
function decodeMixed(bytes: Uint8Array, scan: Utf8Scan): string {
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  const bad = new Set(scan.badLines);
  let out = '';
  let runStart = 0; // start of the current run of valid UTF-8 lines
  const starts = scan.lineStarts;
  for (let k = 0; k + 1 < starts.length; k++) {
    if (!bad.has(k + 1)) continue;
    const s = starts[k];
    const e = starts[k + 1];
    if (s > runStart) out += utf8.decode(bytes.subarray(runStart, s));
    out += decodeWindows1252(bytes.subarray(s, e));
    runStart = e;
  }
  if (runStart < bytes.length) out += utf8.decode(bytes.subarray(runStart));
  return out;
}

/**
 * Decode a text file.
 * Order: BOM (UTF-8, UTF-16 LE/BE) → BOM-less UTF-16 (NUL pattern) → binary check →
 * strict UTF-8 → Windows-1252 (Excel "CSV (séparateur : point-virgule)" exports).
 * Throws ImportFatalError for empty or binary files.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ImportFatalError('Le fichier est vide.');
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    try {
      return { text: decodeWith('utf-8', body, true), encoding: 'utf-8', bom: true };
    } catch {
      // A UTF-8 BOM says UTF-8: invalid lines can only be pasted Windows-1252 lines.
      const scan = scanUtf8(body);
      return { text: decodeMixed(body, scan), encoding: 'utf-8', bom: true, windows1252Lines: scan.badLines };
    }
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decodeWith('utf-16le', bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decodeWith('utf-16be', bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  }
  const utf16 = sniffUtf16(bytes);
  if (utf16) {
    const text = decodeWith(utf16, bytes);
    if (text.includes('\u0000')) throw new ImportFatalError(NOT_TEXT_MESSAGE);
    return { text, encoding: utf16, bom: false };
  }
  if (looksBinary(bytes)) throw new ImportFatalError(NOT_TEXT_MESSAGE);
  try {
    return { text: decodeWith('utf-8', bytes, true), encoding: 'utf-8', bom: false };
  } catch {
    // Not valid UTF-8. A UTF-8 file with a few Windows-1252 lines (copy-paste from an Excel
    // export) is decoded line by line so that its accents stay right; a file with (almost) no
    // valid multi-byte sequence is a Windows-1252 file.
    const scan = scanUtf8(bytes);
    if (scan.goodMultibyteLines > 0 && scan.goodMultibyteLines * 4 >= scan.badLines.length) {
      return { text: decodeMixed(bytes, scan), encoding: 'utf-8', bom: false, windows1252Lines: scan.badLines };
    }
    return { text: decodeWith('windows-1252', bytes), encoding: 'windows-1252', bom: false };
  }
}
