// Bytes → text, with encoding detection (UTF-8 / UTF-16 / Windows-1252) and binary rejection.
// Runs in browsers and in Node 20 (full ICU): only TextDecoder and Uint8Array.

import { ImportFatalError } from './errors.ts';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** True when the file started with a byte order mark (removed from `text`). */
  bom: boolean;
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

/**
 * Decode a text file.
 * Order: BOM (UTF-8, UTF-16 LE/BE) → BOM-less UTF-16 (NUL pattern) → binary check →
 * strict UTF-8 → Windows-1252 (Excel "CSV (séparateur : point-virgule)" exports).
 * Throws ImportFatalError for empty or binary files.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ImportFatalError('Le fichier est vide.');
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeWith('utf-8', bytes.subarray(3)), encoding: 'utf-8', bom: true };
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
    return { text: decodeWith('windows-1252', bytes), encoding: 'windows-1252', bom: false };
  }
}
