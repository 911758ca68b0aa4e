// Folders of src/lib depend one way. Each folder may import only from folders of a LOWER layer
// (and from itself); a back-edge fails this test with the file and the import. The table below is
// the architecture as the README draws it.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = resolve(import.meta.dirname, '..', '..', 'src', 'lib');

/** Lowest first. A folder sees every folder of the layers before its own, never its own layer's others. */
export const LAYERS: readonly (readonly string[])[] = [
  ['text'], // number formatting, languages, normalisation, CSV cells
  ['i18n'], // the interface catalogue (French and English)
  ['domain'], // types and pure rules
  ['geodata'], // layer types and loading
  ['analysis', 'publication'], // locating, aggregation, indicators, gaps; statistical secrecy
  ['import', 'export', 'routing', 'kiosk'], // files in, files out, URLs, kiosk logic
  ['map'], // everything MapLibre
  ['state'], // Svelte rune state
  ['ui'], // components
  ['views'], // pages
];

const layerOf = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|svelte)$/.test(e.name) ? [p] : [];
  });
}

const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** Relative imports of a file, as folders of src/lib (null outside src/lib). */
function importedFolders(file: string): { spec: string; folder: string | null }[] {
  const text = readFileSync(file, 'utf8');
  const out: { spec: string; folder: string | null }[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec.startsWith('.')) continue;
    const rel = relative(LIB, resolve(dirname(file), spec.split('?')[0]));
    out.push({ spec, folder: rel.startsWith('..') ? null : rel.split(/[\\/]/)[0] });
  }
  return out;
}

export function backEdges(): string[] {
  const bad: string[] = [];
  for (const file of sourceFiles(LIB)) {
    const from = relative(LIB, file).split(/[\\/]/)[0];
    const fromLayer = layerOf.get(from);
    for (const { spec, folder } of importedFolders(file)) {
      if (folder === null || folder === from) continue;
      const toLayer = layerOf.get(folder);
      if (fromLayer === undefined || toLayer === undefined || toLayer >= fromLayer) bad.push(`${relative(LIB, file)} → ${spec}`);
    }
  }
  return bad;
}

describe('folder dependencies', () => {
  it('every folder of src/lib is in the layer table', () => {
    const folders = readdirSync(LIB, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !layerOf.has(f))).toEqual([]);
  });

  it('no folder imports from its own layer or a higher one (no back-edge)', () => {
    expect(backEdges()).toEqual([]);
  });

  it('the scan sees imports (it would catch a back-edge)', () => {
    const privacy = importedFolders(join(LIB, 'domain', 'privacy.ts'));
    expect(privacy.length).toBeGreaterThan(0);
    const search = importedFolders(join(LIB, 'analysis', 'search.ts')).map((i) => i.folder);
    expect(search).toContain('text');
  });
});
