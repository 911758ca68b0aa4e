// Rebuild public/data/ only when an output is missing or older than an input.
// Usage: npm run geodata:ensure   (tsx geodata/ensure.ts). Silent when up to date.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DECOUPAGE_FILES, DEFAULT_OUT_DIR, OUTPUT_FILES, PROJECT_ROOT, resolveSourceDir, SOURCE_FILES } from './lib/sources.ts';

function mtimeMs(file: string): number | null {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function tsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFilesUnder(p));
    else if (entry.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

export type EnsureDecision =
  | { rebuild: false; reason: 'à jour' | 'sources absentes, données existantes conservées' }
  | { rebuild: true; reason: string };

export function decide(opts: { sourceDir?: string; outDir?: string } = {}): EnsureDecision {
  const sourceDir = opts.sourceDir ?? resolveSourceDir();
  const outDir = opts.outDir ?? DEFAULT_OUT_DIR;

  let oldestOutput = Infinity;
  for (const name of OUTPUT_FILES) {
    const m = mtimeMs(path.join(outDir, name));
    if (m === null) return { rebuild: true, reason: `sortie manquante : ${name}` };
    oldestOutput = Math.min(oldestOutput, m);
  }

  const sources = Object.values(SOURCE_FILES).map((f) => path.join(sourceDir, f));
  // Outputs exist but the raw sources are not here (e.g. another machine): keep the data.
  if (sources.some((f) => mtimeMs(f) === null)) {
    return { rebuild: false, reason: 'sources absentes, données existantes conservées' };
  }
  const inputs = [
    ...sources,
    ...tsFilesUnder(path.join(PROJECT_ROOT, 'geodata')),
    path.join(PROJECT_ROOT, 'src', 'lib', 'geodata', 'types.ts'),
    DECOUPAGE_FILES.packageJson,
  ];
  for (const file of inputs) {
    const m = mtimeMs(file);
    if (m !== null && m > oldestOutput) {
      return { rebuild: true, reason: `entrée plus récente : ${path.relative(PROJECT_ROOT, file)}` };
    }
  }
  return { rebuild: false, reason: 'à jour' };
}

async function run(): Promise<number> {
  const d = decide();
  if (!d.rebuild) {
    if (d.reason !== 'à jour') {
      console.warn(`geodata : ${d.reason} (${resolveSourceDir()} introuvable ou incomplet)`);
    }
    return 0;
  }
  console.log(`geodata : reconstruction (${d.reason})`);
  const { main } = await import('./build.ts');
  return main();
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) process.exitCode = await run();
