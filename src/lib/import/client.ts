// Main-thread side of the import worker. The worker (and the parsers it bundles) is only
// loaded when the user imports a file. An import can be followed (progress) and cancelled: the
// worker is then terminated (a synchronous parse cannot be interrupted otherwise) and the next
// import starts a new one.

import type { ImportProgressMessage, ImportRequest, ImportResponse } from './client-types.ts';
import type { ImportPhase, ImportResult } from './pipeline.ts';
import type { FundId } from '../domain/types.ts';
import type { ColumnOverrides } from './columns.ts';

let worker: Worker | null = null;
let nextId = 1;

export const CANCELLED_MESSAGE = 'Import annulé';

export class ImportFailure extends Error {
  /** True when the user cancelled the import (not an error of the file). */
  readonly cancelled: boolean;
  constructor(message: string, cancelled = false) {
    super(message);
    this.name = 'ImportFailure';
    this.cancelled = cancelled;
  }
}

export interface WorkerImportOptions {
  /** XLSX sheet (0-based index or name). */
  sheet?: string | number;
  /** Latitude / longitude swap (default 'auto', see ImportContext.swapLatLon). */
  swapLatLon?: 'auto' | boolean;
  /** Fund of a file without a fund column. */
  defaultFund?: FundId;
  /** Column chosen per field (header text). */
  columns?: ColumnOverrides;
  /** Choices remembered per header signature. */
  columnsByHeader?: Record<string, ColumnOverrides>;
  /** Progress of the current phase, `fraction` from 0 to 1. */
  onProgress?: (phase: ImportPhase, fraction: number) => void;
  /** Aborting terminates the worker and rejects with ImportFailure « Import annulé ». */
  signal?: AbortSignal;
}

/** Imports a file in the worker. `bytes` is transferred (unusable afterwards). */
export function importInWorker(bytes: ArrayBuffer, fileName: string, opts: WorkerImportOptions = {}): Promise<ImportResult> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) return Promise.reject(new ImportFailure(CANCELLED_MESSAGE, true));
  worker ??= new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module' });
  const id = nextId++;
  const w = worker;
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = (e: MessageEvent<ImportResponse>) => {
      const d = e.data;
      if (d.id !== id) return;
      if (d.progress) {
        onProgress?.((d as ImportProgressMessage).phase, (d as ImportProgressMessage).fraction);
        return;
      }
      cleanup();
      if (d.ok) resolve(d.result);
      else reject(new ImportFailure(d.message));
    };
    const onError = (e: ErrorEvent) => {
      cleanup();
      if (worker === w) worker = null; // a crashed worker is replaced on the next import
      w.terminate();
      reject(new ImportFailure(`Le module d’import s’est arrêté : ${e.message || 'erreur inconnue'}`));
    };
    const onAbort = () => {
      cleanup();
      if (worker === w) worker = null;
      w.terminate();
      reject(new ImportFailure(CANCELLED_MESSAGE, true));
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    const msg: ImportRequest = { id, bytes, fileName, sheet: opts.sheet, swapLatLon: opts.swapLatLon, defaultFund: opts.defaultFund, columns: opts.columns, columnsByHeader: opts.columnsByHeader };
    w.postMessage(msg, [bytes]);
  });
}
