// Subsets the DSFR's Marianne fonts at build time to the characters a French (and English)
// interface and French place and company names need, and declares that set as the @font-face
// rules' unicode-range: a character outside it is drawn by the next font of the stack instead of
// a missing glyph. subset-font runs HarfBuzz compiled to WebAssembly: no native build, no network.
//
// The subset fonts are written to a cache folder before the build and the DSFR font URLs are
// aliased to them, so Vite hashes the subset bytes (a changed subset gets a new file name; the
// hashed assets are served as immutable).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * The code points kept, as inclusive ranges. Latin-1 and Latin Extended-A (œ Œ, and the names of
 * Europe's other Latin alphabets), Romanian ș ț, spacing and combining accents (names typed on a
 * Mac arrive decomposed), general punctuation (« » come with Latin-1; ’ – — … ‰, the no-break and
 * narrow no-break spaces U+00A0 U+202F of French number formatting), super- and subscripts, €,
 * №, ™, arrows, the math signs the interface writes (− ≈ ≠ ≤ ≥ √), the fi / fl ligatures.
 */
export const SUBSET_RANGES: readonly (readonly [number, number])[] = [
  [0x0020, 0x007e],
  [0x00a0, 0x017f],
  [0x0192, 0x0192],
  [0x0218, 0x021b],
  [0x02bc, 0x02bc],
  [0x02c6, 0x02c7],
  [0x02c9, 0x02c9],
  [0x02d8, 0x02dd],
  [0x0300, 0x036f],
  [0x2000, 0x209f],
  [0x20ac, 0x20ac],
  [0x2116, 0x2116],
  [0x2122, 0x2122],
  [0x2190, 0x2199],
  [0x2212, 0x2212],
  [0x221a, 0x221a],
  [0x2248, 0x2248],
  [0x2260, 0x2260],
  [0x2264, 0x2265],
  [0x25cc, 0x25cc],
  [0xfb01, 0xfb02],
  [0xfeff, 0xfeff],
];

const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** SUBSET_RANGES as a CSS unicode-range value. */
export const UNICODE_RANGE = SUBSET_RANGES.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(',');

/** Every kept character, as the text subset-font expects. */
export function subsetText(): string {
  let text = '';
  for (const [a, b] of SUBSET_RANGES) for (let c = a; c <= b; c++) text += String.fromCodePoint(c);
  return text;
}

/** Whether a code point is in the subset. */
export function inSubset(codePoint: number): boolean {
  return SUBSET_RANGES.some(([a, b]) => codePoint >= a && codePoint <= b);
}

/** The fonts subset: every Marianne woff2 the DSFR ships (the stylesheets refer to them all). */
export const SUBSET_FONT = /^Marianne-[A-Za-z_]+\.woff2$/;

const require = createRequire(import.meta.url);

/** The DSFR's font folder. */
export function dsfrFontsDir(): string {
  return join(dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist', 'fonts');
}

const fontNames = (fontsDir: string) => readdirSync(fontsDir).filter((n) => SUBSET_FONT.test(n)).sort();

/**
 * The folder of `cacheRoot` that holds (or will hold) the subsets of the Marianne woff2 of
 * `fontsDir`, named by what determines their bytes: sources, character set, subset-font version.
 */
export function subsetDir(fontsDir: string, cacheRoot: string): string {
  const { version } = JSON.parse(readFileSync(require.resolve('subset-font/package.json'), 'utf8')) as { version: string };
  const key = createHash('sha256').update(version).update(UNICODE_RANGE);
  for (const n of fontNames(fontsDir)) key.update(n).update(readFileSync(join(fontsDir, n)));
  return join(cacheRoot, key.digest('hex').slice(0, 16));
}

/**
 * Writes the subsets into `out` (subsetDir). Already written: nothing to do (about 1 s per face
 * otherwise).
 */
export async function writeSubsets(fontsDir: string, out: string): Promise<void> {
  const names = fontNames(fontsDir);
  if (names.every((n) => existsSync(join(out, n)))) return;
  const { default: subsetFont } = await import('subset-font');
  const text = subsetText();
  mkdirSync(out, { recursive: true });
  for (const n of names) {
    const subset = await subsetFont(readFileSync(join(fontsDir, n)), text, { targetFormat: 'woff2' });
    // Written then renamed: an interrupted build never leaves a truncated font in the cache.
    writeFileSync(join(out, `${n}.tmp`), subset);
    renameSync(join(out, `${n}.tmp`), join(out, n));
  }
}

/** Adds the subset's unicode-range to the @font-face rules whose source is a subset font. */
export function addUnicodeRange(css: string): string {
  return css.replace(/@font-face\s*\{([^}]*)\}/g, (rule, body: string) => {
    if (/unicode-range/i.test(body) || !/url\([^)]*\/Marianne-[A-Za-z_]+-[\w-]+\.woff2/.test(body)) return rule;
    return `@font-face{${body.replace(/;?\s*$/, '')};unicode-range:${UNICODE_RANGE}}`;
  });
}

const DSFR_FONT_URL = /^(?:.*[\\/])?fonts[\\/](Marianne-[A-Za-z_]+\.woff2)(\?.*)?$/;

/**
 * The Vite plugin: before the build, writes the subsets; resolves the DSFR font URLs (the
 * stylesheets' url(../fonts/…) and the map's `?url` imports) to them; after the build, adds the
 * unicode-range to the emitted stylesheets. (Not a `resolve.alias` from the config hook: merged
 * into the config, it made Vite resolve Svelte to its server build.)
 */
export function subsetFonts(): Plugin {
  const fonts = dsfrFontsDir();
  let dir = '';
  return {
    name: 'subset-fonts',
    apply: 'build',
    config(config) {
      dir = subsetDir(fonts, join(resolve(config.root ?? '.'), 'node_modules', '.cache', 'font-subset'));
      // The stylesheets' url() are resolved with the aliases only (not the plugins' resolveId).
      return { resolve: { alias: [{ find: DSFR_FONT_URL, replacement: `${dir}/$1$2` }] } };
    },
    async buildStart() {
      await writeSubsets(fonts, dir);
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const item of Object.values(bundle)) {
          if (item.type === 'asset' && item.fileName.endsWith('.css')) item.source = addUnicodeRange(String(item.source));
        }
      },
    },
  };
}
