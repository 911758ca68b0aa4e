import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252 } from '../../src/lib/import/decode.ts';
import { ImportFatalError } from '../../src/lib/import/errors.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const utf16le = (s: string) => {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
};
const swap = (b: Uint8Array) => {
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i += 2) {
    out[i] = b[i + 1];
    out[i + 1] = b[i];
  }
  return out;
};

describe('decodeText', () => {
  it('strips a UTF-8 BOM', () => {
    const r = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Société;é')]));
    expect(r).toEqual({ text: 'Société;é', encoding: 'utf-8', bom: true });
  });

  it('reads plain UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('Montant (€)'))).toMatchObject({ text: 'Montant (€)', encoding: 'utf-8', bom: false });
  });

  it('falls back to Windows-1252 for Excel exports ("Société Générale é", €, ’, œ)', () => {
    // S o c i é t é ␠ G é n é r a l e ␠ é
    const b = bytes(0x53, 0x6f, 0x63, 0x69, 0xe9, 0x74, 0xe9, 0x20, 0x47, 0xe9, 0x6e, 0xe9, 0x72, 0x61, 0x6c, 0x65, 0x20, 0xe9);
    expect(decodeText(b)).toMatchObject({ text: 'Société Générale é', encoding: 'windows-1252' });
    expect(decodeWindows1252(bytes(0x80, 0x92, 0x9c, 0x8c, 0xa0, 0xff))).toBe('€’œŒ\u00a0ÿ');
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = new Uint8Array([0xff, 0xfe, ...utf16le('Raison sociale;Montant\r\nCafé;12')]);
    expect(decodeText(le)).toMatchObject({ text: 'Raison sociale;Montant\r\nCafé;12', encoding: 'utf-16le', bom: true });
    const be = new Uint8Array([0xfe, 0xff, ...swap(utf16le('Ville;CP'))]);
    expect(decodeText(be)).toMatchObject({ text: 'Ville;CP', encoding: 'utf-16be', bom: true });
  });

  it('detects BOM-less UTF-16 by the NUL pattern', () => {
    expect(decodeText(utf16le('Commune;Code postal\nLa Ciotat;13600'))).toMatchObject({ encoding: 'utf-16le', text: 'Commune;Code postal\nLa Ciotat;13600' });
    expect(decodeText(swap(utf16le('Commune;Code postal')))).toMatchObject({ encoding: 'utf-16be', text: 'Commune;Code postal' });
  });

  it('rejects binary files and empty files with French messages', () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x01);
    expect(() => decodeText(png)).toThrow(ImportFatalError);
    expect(() => decodeText(png)).toThrow('Le fichier ne semble pas être un fichier texte (CSV)');
    const controls = bytes(...Array.from({ length: 64 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expect(() => decodeText(controls)).toThrow('Le fichier ne semble pas être un fichier texte (CSV)');
    expect(() => decodeText(new Uint8Array())).toThrow('Le fichier est vide.');
  });
});
