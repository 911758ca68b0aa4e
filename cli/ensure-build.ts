// publish-site copies the production build: this makes sure dist/ exists and is not older than
// the sources it is built from (a fresh clone has no dist/; a pulled change makes it stale).

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decide } from '../geodata/ensure.ts';
import { CliError } from './cli-error.ts';

// Everything `vite build` reads (public/data is rebuilt by the build's geodata:ensure step).
const INPUTS = ['src', 'build', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Why dist/ must be rebuilt, or null when it is up to date. */
export function buildStaleness(root: string, dist = join(root, 'dist')): string | null {
  const marker = join(dist, 'sw.js'); // written last by the build
  if (!existsSync(join(dist, 'index.html')) || !existsSync(marker)) return 'aucun build';
  const built = statSync(marker).mtimeMs;
  const newer = INPUTS.find((p) => newestMtime(join(root, p)) > built);
  return newer ? `${newer} a changé depuis le dernier build` : null;
}

/**
 * The environment of the build: the caller's, without a test runner's marks. Started from a
 * Vitest test, the build inherited VITEST and NODE_ENV=test, and the Svelte plugin then resolved
 * Svelte to its server build (a blank page in the browser).
 */
function buildEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'NODE_ENV' || k === 'TEST') delete env[k];
  return env;
}

/** Runs `npm run build` when dist/ is missing or stale; its output goes to stderr (stdout stays for --json). */
export function ensureBuild(root: string, log: (line: string) => void): void {
  const why = buildStaleness(root);
  if (!why) return;
  log(`Construction de l'application (${why}) : npm run build…`);
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 2, 2], env: buildEnv() });
  if (r.status !== 0) throw new CliError("la construction de l'application a échoué (npm run build) : voir les messages ci-dessus");
}

/**
 * The map layers (public/data) the import reads: built on a fresh clone, rebuilt when older than
 * their sources (geodata/ensure.ts decides, as before `npm run build`).
 */
export function ensureGeodata(root: string, dataDir: string, log: (line: string) => void): void {
  const d = decide({ outDir: dataDir });
  if (!d.rebuild) return;
  log(`Construction des couches géographiques (${d.reason}) : npm run geodata:ensure…`);
  const r = spawnSync('npm', ['run', '--silent', 'geodata:ensure'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new CliError('la construction des couches géographiques a échoué (npm run geodata) : voir les messages ci-dessus');
}
