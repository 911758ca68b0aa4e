// Reading funds files from the command line (check-data, and the publish-site CLI): one or several
// files → one Dataset plus a report per file, with the app's own import code and geodata.

import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createEngineLocator } from '../src/lib/analysis/engine/engine.ts';
import type { Dataset, FundId } from '../src/lib/domain/types.ts';
import type { ArrondissementsLayer, CommunesLayer, QpvLayer, TerritoriesIndex } from '../src/lib/geodata/types.ts';
import type { NeighbourCommunesLayer, OutsideIndex } from '../src/lib/geodata/outside.ts';
import { FIELD_LABELS, fieldByName, matchFund, type ColumnOverrides } from '../src/lib/import/columns.ts';
import { mergeImports, type CrossFileDuplicate } from '../src/lib/import/merge.ts';
import type { OutsideData } from '../src/lib/import/outside.ts';
import { ImportFatalError, importFile, type ImportContext, type ImportResult } from '../src/lib/import/pipeline.ts';

export interface ReadOptions {
  /** Folder of the app-ready layers (default public/data). */
  dataDir?: string;
  sheet?: string | number;
  /** Fund of files without a fund column. */
  fund?: FundId;
  /** Column chosen per field (header text). */
  columns?: ColumnOverrides;
}

export type FileReport = { file: string; ok: true; result: ImportResult } | { file: string; ok: false; error: string };

export interface DataFilesRead {
  /** Every valid row of every readable file (cross-file exact duplicates left out once). */
  dataset: Dataset;
  files: FileReport[];
  duplicates: CrossFileDuplicate[];
  index: TerritoriesIndex;
}

/** Command-line options of the import itself (check-data, publish-site). */
export const IMPORT_OPTIONS = ['--sheet', '--fund', '--map'] as const;

/** Applies one import option (--sheet, --fund, --map) and its value to `opts`; returns a French error, or null. */
export function applyImportOption(name: string, v: string, opts: Pick<ReadOptions, 'sheet' | 'fund' | 'columns'>): string | null {
  if (name === '--sheet') opts.sheet = /^\d+$/.test(v) ? Number(v) - 1 : v;
  else if (name === '--fund') {
    const f = matchFund(v);
    if (!f) return `fonds inconnu « ${v} » : AMPA, Airbus ou Adie`;
    opts.fund = f;
  } else if (name === '--map') {
    const eq = v.indexOf('=');
    const field = eq > 0 ? fieldByName(v.slice(0, eq)) : null;
    if (!field) return `--map attend CHAMP=ENTÊTE avec un champ connu (${Object.values(FIELD_LABELS).join(', ')}) : « ${v} »`;
    (opts.columns ??= {})[field] = v.slice(eq + 1);
  } else return `option inconnue ${name}`;
  return null;
}

/** Thrown when the geodata layers are missing (French message). */
export class MissingGeodataError extends Error {}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** Loads the layers the import needs from `dataDir`. */
export function loadImportContext(dataDir = 'public/data'): Pick<ImportContext, 'index' | 'locator' | 'outside'> {
  const dir = resolve(dataDir);
  const need = ['territoires.json', 'communes.geojson', 'arrondissements.geojson', 'qpv.geojson', 'hors-departement.json', 'communes-voisines.geojson'];
  const missing = need.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    throw new MissingGeodataError(`données géographiques absentes dans ${dataDir} (${missing.join(', ')}) : lancez d'abord « npm run geodata »`);
  }
  const communes = readJson<CommunesLayer>(join(dir, 'communes.geojson'));
  const outside: OutsideData = {
    index: readJson<OutsideIndex>(join(dir, 'hors-departement.json')),
    neighbours: readJson<NeighbourCommunesLayer>(join(dir, 'communes-voisines.geojson')),
    communes,
  };
  return {
    index: readJson<TerritoriesIndex>(join(dir, 'territoires.json')),
    locator: createEngineLocator(communes, readJson<ArrondissementsLayer>(join(dir, 'arrondissements.geojson')), readJson<QpvLayer>(join(dir, 'qpv.geojson'))),
    outside,
  };
}

/**
 * Reads one or several funds files into one Dataset plus a report per file. An unreadable file is
 * reported (ok: false) and the others are still read. Throws MissingGeodataError without geodata.
 */
export function readDataFiles(paths: readonly string[], opts: ReadOptions = {}): DataFilesRead {
  const ctx = loadImportContext(opts.dataDir);
  const files: FileReport[] = [];
  for (const file of paths) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch {
      files.push({ file, ok: false, error: `impossible de lire le fichier ${file}` });
      continue;
    }
    try {
      const result = importFile(bytes, basename(file), { ...ctx, sheet: opts.sheet, defaultFund: opts.fund, columns: opts.columns });
      files.push({ file, ok: true, result });
    } catch (e) {
      if (!(e instanceof ImportFatalError)) throw e;
      files.push({ file, ok: false, error: e.message });
    }
  }
  const read = files.filter((f): f is Extract<FileReport, { ok: true }> => f.ok);
  const merged = mergeImports(read.map((f) => ({ fileName: basename(f.file), dataset: f.result.dataset, rowWord: f.result.rowWord })));
  return { dataset: merged.dataset, files, duplicates: merged.duplicates, index: ctx.index };
}
