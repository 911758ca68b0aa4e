// No source file over 450 lines (split by concern): src/, cli/, scripts/ and geodata/, generated
// data excluded (src/data: the demo dataset written by `npm run demo`).

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const MAX_LINES = 450;
const FOLDERS = ['src', 'cli', 'scripts', 'geodata'];
const GENERATED = [join('src', 'data')];
const SOURCE = /\.(ts|js|mjs|cjs|svelte|css|html)$/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || GENERATED.includes(relative(ROOT, p)) ? [] : files(p);
    return SOURCE.test(e.name) ? [p] : [];
  });
}

const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

describe('source file size', () => {
  const all = FOLDERS.flatMap((f) => files(join(ROOT, f)));

  it(`no source file over ${MAX_LINES} lines`, () => {
    const tooLong = all.map((f) => ({ file: relative(ROOT, f), lines: lineCount(readFileSync(f, 'utf8')) })).filter((x) => x.lines > MAX_LINES);
    expect(tooLong).toEqual([]);
  });

  it('scans the sources (it would catch a long file)', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.some((f) => f.endsWith(join('src', 'App.svelte')))).toBe(true);
    expect(lineCount('a\nb\n')).toBe(2);
  });
});
