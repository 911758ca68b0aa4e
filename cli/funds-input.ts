// Reading funds files from the command line, shared by check-data and publish-site: the app's
// own import pipeline (same column recognition, same French errors) on the real geodata layers.

import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createEngineLocator } from '../src/lib/analysis/engine/engine.ts';
import type { SpatialLocator } from '../src/lib/analysis/types.ts';
import type { ArrondissementsLayer, CommunesLayer, QpvLayer, TerritoriesIndex } from '../src/lib/geodata/types.ts';
import { ImportFatalError, importFile, type ImportResult } from '../src/lib/import/pipeline.ts';

/** A fatal command-line error: French message, exit code (2 unless said otherwise). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code = 2,
  ) {
    super(message);
  }
}

/** Prints a fatal error (one JSON object with --json, « Erreur : … » on stderr otherwise) and exits. */
export function fail(message: string, json: boolean, code = 2): never {
  if (json) process.stdout.write(JSON.stringify({ error: message }) + '\n');
  else process.stderr.write(`Erreur : ${message}\n`);
  process.exit(code);
}

/** --sheet value: a number from 1 (as typed) or a sheet name. */
export function parseSheet(v: string): string | number {
  return /^\d+$/.test(v) ? Number(v) - 1 : v;
}

export interface Geodata {
  index: TerritoriesIndex;
  locator: SpatialLocator;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The territories index and the indexed locator, from the app-ready layers of `dataArg`. */
export function loadGeodata(dataArg: string): Geodata {
  const dataDir = resolve(dataArg);
  const need = ['territoires.json', 'communes.geojson', 'arrondissements.geojson', 'qpv.geojson'];
  const missing = need.filter((f) => !existsSync(join(dataDir, f)));
  if (missing.length > 0) {
    throw new CliError(`données géographiques absentes dans ${dataArg} (${missing.join(', ')}) : lancez d'abord « npm run geodata »`);
  }
  const index = readJson<TerritoriesIndex>(join(dataDir, 'territoires.json'));
  const locator = createEngineLocator(
    readJson<CommunesLayer>(join(dataDir, 'communes.geojson')),
    readJson<ArrondissementsLayer>(join(dataDir, 'arrondissements.geojson')),
    readJson<QpvLayer>(join(dataDir, 'qpv.geojson')),
  );
  return { index, locator };
}

/** The bytes of a file, or CliError « impossible de lire le fichier ». */
export function readBytes(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch {
    throw new CliError(`impossible de lire le fichier ${file}`);
  }
}

/** Imports one funds file with the app's pipeline; an unusable file is a CliError (exit 2). */
export function importFundsFile(file: string, geo: Geodata, sheet?: string | number, bytes = readBytes(file)): ImportResult {
  try {
    return importFile(bytes, basename(file), { index: geo.index, locator: geo.locator, sheet });
  } catch (e) {
    if (e instanceof ImportFatalError) throw new CliError(e.message);
    throw e;
  }
}
