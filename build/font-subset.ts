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

/**
 * Writes the subset of every Marianne woff2 of `fontsDir` into a folder of `cacheRoot` named by
 * what determines its bytes (sources, character set, subset-font version), and returns that folder.
 * Already written: nothing to do (a build takes about 1 s per face otherwise).
 */
export async function writeSubsets(fontsDir: string, cacheRoot: string): Promise<string> {
  const names = readdirSync(fontsDir).filter((n) => SUBSET_FONT.test(n)).sort();
  const { version } = JSON.parse(readFileSync(require.resolve('subset-font/package.json'), 'utf8')) as { version: string };
  const key = createHash('sha256').update(version).update(UNICODE_RANGE);
  for (const n of names) key.update(n).update(readFileSync(join(fontsDir, n)));
  const out = join(cacheRoot, key.digest('hex').slice(0, 16));
  if (names.every((n) => existsSync(join(out, n)))) return out;
  const { default: subsetFont } = await import('subset-font');
  const text = subsetText();
  mkdirSync(out, { recursive: true });
  for (const n of names) {
    const subset = await subsetFont(readFileSync(join(fontsDir, n)), text, { targetFormat: 'woff2' });
    // Written then renamed: an interrupted build never leaves a truncated font in the cache.
    writeFileSync(join(out, `${n}.tmp`), subset);
    renameSync(join(out, `${n}.tmp`), join(out, n));
  }
  return out;
}

/** Adds the subset's unicode-range to the @font-face rules whose source is a subset font. */
export function addUnicodeRange(css: string): string {
  return css.replace(/@font-face\s*\{([^}]*)\}/g, (rule, body: string) => {
    if (/unicode-range/i.test(body) || !/url\([^)]*\/Marianne-[A-Za-z_]+-[\w-]+\.woff2/.test(body)) return rule;
    return `@font-face{${body.replace(/;?\s*$/, '')};unicode-range:${UNICODE_RANGE}}`;
  });
}

/**
 * The Vite plugin: before the build, writes the subsets and aliases the DSFR font URLs (the
 * stylesheets' url(../fonts/…) and the map's `?url` imports) to them; after it, adds the
 * unicode-range to the emitted stylesheets.
 */
export function subsetFonts(): Plugin {
  return {
    name: 'subset-fonts',
    apply: 'build',
    enforce: 'post',
    async config(config) {
      const root = resolve(config.root ?? process.cwd());
      const dir = await writeSubsets(dsfrFontsDir(), join(root, 'node_modules', '.cache', 'font-subset'));
      return {
        resolve: {
          alias: [{ find: /^(?:.*[\\/])?fonts[\\/](Marianne-[A-Za-z_]+\.woff2)(\?.*)?$/, replacement: `${dir}/$1$2` }],
        },
      };
    },
    generateBundle(_options, bundle) {
      for (const item of Object.values(bundle)) {
        if (item.type === 'asset' && item.fileName.endsWith('.css')) item.source = addUnicodeRange(String(item.source));
      }
    },
  };
}
