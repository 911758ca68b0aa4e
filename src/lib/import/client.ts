// Main-thread side of the import worker. The worker (and the parsers it bundles) is only
// loaded when the user imports a file.

import type { ImportRequest, ImportResponse } from './client-types.ts';
import type { ImportResult } from './pipeline.ts';

let worker: Worker | null = null;
let nextId = 1;

export class ImportFailure extends Error {}

export function importInWorker(bytes: ArrayBuffer, fileName: string, sheet?: string | number): Promise<ImportResult> {
  worker ??= new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module' });
  const id = nextId++;
  const w = worker;
  return new Promise((resolve, reject) => {
    const onMessage = (e: MessageEvent<ImportResponse>) => {
      if (e.data.id !== id) return;
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      if (e.data.ok) resolve(e.data.result);
      else reject(new ImportFailure(e.data.message));
    };
    const onError = (e: ErrorEvent) => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      worker = null; // a crashed worker is replaced on the next import
      reject(new ImportFailure(`Le module d’import s’est arrêté : ${e.message || 'erreur inconnue'}`));
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    const msg: ImportRequest = { id, bytes, fileName, sheet };
    w.postMessage(msg, [bytes]);
  });
}
