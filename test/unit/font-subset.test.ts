// Font subsetting (build/font-subset.ts): the production build ships Marianne cut to the subset,
// declared by unicode-range in every @font-face rule, and no font nothing draws with (Spectral).
// The shipped fonts are read back with HarfBuzz: they hold the glyphs of French text and names,
// and nothing outside the subset.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fontverter from 'fontverter';
import * as hb from 'harfbuzzjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dropUnusedFontFaces } from '../../build/css-purge.ts';
import { addUnicodeRange, dsfrFontsDir, inSubset, SUBSET_RANGES, UNICODE_RANGE } from '../../build/font-subset.ts';
import { ensureBuild } from '../../cli/ensure-build.ts';

const root = join(import.meta.dirname, '..', '..');
const assets = join(root, 'dist', 'assets');

/** French interface text and names of places and companies, with the spaces of fr-FR numbers. */
const SAMPLE =
  'Œuvre « Fonds de revitalisation » : 1\u202f325\u00a0000 € – emplois créés — taux ≥ 85 % … L’Isle-sur-la-Sorgue, ' +
  'Saint-Rémy-de-Provence, Châteauneuf-les-Martigues, Salon-de-Provence, Aïoli & Cœur, Ñandú, Þór, Łódź, Ștefan, ' +
  'naïve façade ÀÉÈÊËÎÏÔÙÛÜŸÇ æ ß fi fl ‰ → − ≤';

async function codePoints(woff2: Uint8Array): Promise<Set<number>> {
  const sfnt = await fontverter.convert(woff2, 'sfnt');
  return new Set(new hb.Face(new hb.Blob(sfnt)).collectUnicodes());
}

/** Every @font-face rule of the built stylesheets. */
function builtFontFaces(): string[] {
  return readdirSync(assets)
    .filter((f) => f.endsWith('.css'))
    .flatMap((f) => readFileSync(join(assets, f), 'utf8').match(/@font-face\s*\{[^}]*\}/g) ?? []);
}

describe('subset and unicode-range (pure)', () => {
  it('the sample is inside the subset; the unicode-range says exactly the subset', () => {
    for (const ch of SAMPLE) expect(inSubset(ch.codePointAt(0)!), `U+${ch.codePointAt(0)!.toString(16)} ${ch}`).toBe(true);
    expect(inSubset(0x1ea0)).toBe(false); // Vietnamese Ạ: Marianne has it, the subset does not
    const parsed = UNICODE_RANGE.split(',').map((r) => r.replace('U+', '').split('-').map((h) => parseInt(h, 16)));
    expect(parsed.map(([a, b = a]) => [a, b])).toEqual(SUBSET_RANGES.map(([a, b]) => [a, b]));
  });

  it('addUnicodeRange marks the subset Marianne faces only', () => {
    const css =
      '@font-face{font-family:Marianne;src:url(/assets/Marianne-Bold-AbC1.woff2)format("woff2")}' +
      '@font-face{font-family:Autre;src:url(/assets/Autre-AbC1.woff2)format("woff2")}';
    const out = addUnicodeRange(css);
    expect(out).toContain(`Marianne-Bold-AbC1.woff2)format("woff2");unicode-range:${UNICODE_RANGE}}`);
    expect(out).toContain('@font-face{font-family:Autre;src:url(/assets/Autre-AbC1.woff2)format("woff2")}');
    expect(addUnicodeRange(out)).toBe(out);
  });

  it('dropUnusedFontFaces keeps a family something names, drops the others', () => {
    const faces = '@font-face{font-family:Marianne;src:url(m.woff2)}@font-face{font-family:Spectral;src:url(s.woff2)}';
    const css = `${faces}body{font-family:Marianne,arial,sans-serif}`;
    expect(dropUnusedFontFaces(css, css)).toBe('@font-face{font-family:Marianne;src:url(m.woff2)}body{font-family:Marianne,arial,sans-serif}');
    expect(dropUnusedFontFaces(css, `${css}.t{font:700 2rem/1 "Spectral",serif}`)).toBe(css);
  });
});

describe('the production build', () => {
  beforeAll(() => ensureBuild(root, (line) => process.stderr.write(line + '\n')), 600_000);

  it('every @font-face carries the unicode-range and points to a shipped Marianne woff2; no Spectral', () => {
    const faces = builtFontFaces();
    expect(faces.length).toBeGreaterThanOrEqual(2);
    for (const face of faces) {
      expect(face).toContain(`unicode-range:${UNICODE_RANGE}`);
      const url = /url\(\/assets\/(Marianne-[\w-]+\.woff2)\)/.exec(face);
      expect(url, face).not.toBeNull();
      expect(existsSync(join(assets, url![1]))).toBe(true);
    }
    expect(readdirSync(assets).filter((f) => /\.woff2?$/.test(f) && !f.startsWith('Marianne-'))).toEqual([]);
  });

  it('the fonts resolved through the alias leave the rest alone: Svelte is its browser build', () => {
    // An alias returned by an async config hook once made Vite resolve Svelte to its server build
    // (a blank page: « mount(...) is not available on the server »).
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    for (const f of js) expect(readFileSync(join(assets, f), 'utf8'), f).not.toContain('is not available on the server');
  });

  it('the shipped fonts are subsets: the glyphs of French text, nothing outside the subset, smaller than the DSFR files', async () => {
    const fonts = readdirSync(assets).filter((f) => f.endsWith('.woff2'));
    expect(fonts.map((f) => f.replace(/-[\w-]{8}\.woff2$/, '')).sort()).toEqual(
      ['Bold', 'Bold_Italic', 'Light', 'Light_Italic', 'Medium', 'Medium_Italic', 'Regular', 'Regular_Italic'].map((w) => `Marianne-${w}`),
    );
    const sample = [...new Set([...SAMPLE].map((c) => c.codePointAt(0)!))];
    for (const f of fonts) {
      const cmap = await codePoints(readFileSync(join(assets, f)));
      expect(sample.filter((c) => !cmap.has(c)).map((c) => String.fromCodePoint(c)), f).toEqual([]);
      expect([...cmap].filter((c) => !inSubset(c)).map((c) => c.toString(16)), f).toEqual([]);
      const original = join(dsfrFontsDir(), f.replace(/-[\w-]{8}\.woff2$/, '.woff2'));
      const full = await codePoints(readFileSync(original));
      expect(full.has(0x1ea0), 'the DSFR font has Vietnamese letters, the subset drops them').toBe(true);
      expect(statSync(join(assets, f)).size).toBeLessThan(statSync(original).size * 0.8);
    }
  }, 60_000);
});
