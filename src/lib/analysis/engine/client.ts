// Main-thread client of the aggregation worker: promise API, progress callback, AbortSignal.
//
//   const r = await aggregateInWorker(lonlat, { weights, onProgress: (done, total) => …, signal });
//   r.commune[i] → index into r.codes.commune (-1 = none); r.counts when weights were given.
//
// `lonlat` (and `weights`) are transferred: the caller's buffers are detached afterwards.

import type { AggregateRequest, AggregateResponse, AggregateResult } from './messages.ts';

export type { AggregateResult, TerritoryCodes } from './messages.ts';

export interface AggregateOptions {
  weights?: Float64Array;
  /** Return counts per territory even without weights. */
  count?: boolean;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export class AggregationFailure extends Error {}

let worker: Worker | null = null;
let nextId = 1;

function getWorker(): Worker {
  worker ??= new Worker(new URL('../../../workers/aggregate.worker.ts', import.meta.url), { type: 'module' });
  return worker;
}

function abortError(): Error {
  return new DOMException('Agrégation annulée', 'AbortError');
}

export function aggregateInWorker(lonlat: Float64Array, opts: AggregateOptions = {}): Promise<AggregateResult> {
  if (opts.signal?.aborted) return Promise.reject(abortError());
  const w = getWorker();
  const id = nextId++;
  return new Promise<AggregateResult>((resolve, reject) => {
    const cleanup = () => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = (e: MessageEvent<AggregateResponse>) => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.type === 'progress') {
        opts.onProgress?.(m.done, m.total);
        return;
      }
      cleanup();
      if (m.type === 'result') {
        const { type: _t, id: _i, ...result } = m;
        resolve(result);
      } else if (m.type === 'cancelled') reject(abortError());
      else reject(new AggregationFailure(m.message));
    };
    const onError = (e: ErrorEvent) => {
      cleanup();
      worker = null; // a crashed worker is replaced on the next request
      reject(new AggregationFailure(`Le module d’agrégation s’est arrêté : ${e.message || 'erreur inconnue'}`));
    };
    const onAbort = () => w.postMessage({ cancel: id });
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const msg: AggregateRequest = { id, lonlat, weights: opts.weights, count: opts.count };
    const transfer: Transferable[] = [lonlat.buffer];
    if (opts.weights && opts.weights.buffer !== lonlat.buffer) transfer.push(opts.weights.buffer);
    w.postMessage(msg, transfer);
  });
}

/** Stop the worker (frees the engine's memory); a new one starts on the next request. */
export function terminateAggregationWorker(): void {
  worker?.terminate();
  worker = null;
}
