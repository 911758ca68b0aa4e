// Aggregation worker: builds the indexed engine once (layers fetched from the app's own origin)
// and locates / counts big point sets off the main thread.
//
// Messages in:  { id, lonlat: Float64Array (transferred), weights?: Float64Array } | { cancel: id }
// Messages out: { type: 'progress', id, done, total }
//               { type: 'result', id, commune, arrondissement, qpv, snapped, counts?, codes, ms }
//               { type: 'cancelled', id } | { type: 'error', id, message }
// Points are processed in chunks of CHUNK; a cancel message is honoured between chunks.

import { AggregationEngine } from '../lib/analysis/engine/engine.ts';
import type { AggregateRequest, AggregateResponse } from '../lib/analysis/engine/messages.ts';
import type { ArrondissementsLayer, CommunesLayer, QpvLayer } from '../lib/geodata/types.ts';

const CHUNK = 200_000;

let enginePromise: Promise<AggregationEngine> | null = null;
const cancelled = new Set<number>();

async function getJson<T>(file: string): Promise<T> {
  const res = await fetch(new URL(`${import.meta.env.BASE_URL}data/${file}`, self.location.origin).href);
  if (!res.ok) throw new Error(`Impossible de charger ${file} (HTTP ${res.status})`);
  return (await res.json()) as T;
}

function getEngine(): Promise<AggregationEngine> {
  enginePromise ??= (async () => {
    const [communes, arrondissements, qpv] = await Promise.all([
      getJson<CommunesLayer>('communes.geojson'),
      getJson<ArrondissementsLayer>('arrondissements.geojson'),
      getJson<QpvLayer>('qpv.geojson'),
    ]);
    return new AggregationEngine(communes, arrondissements, qpv);
  })();
  enginePromise.catch(() => {
    enginePromise = null; // retry on the next request
  });
  return enginePromise;
}

const post = (msg: AggregateResponse, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function run(req: AggregateRequest): Promise<void> {
  const { id, lonlat, weights } = req;
  const t0 = performance.now();
  const engine = await getEngine();
  const n = lonlat.length >> 1;
  const out = {
    commune: new Int32Array(n),
    arrondissement: new Int32Array(n),
    qpv: new Int32Array(n),
    snapped: new Uint8Array(n),
  };
  for (let from = 0; from < n; from += CHUNK) {
    if (cancelled.has(id)) {
      cancelled.delete(id);
      post({ type: 'cancelled', id });
      return;
    }
    const to = Math.min(n, from + CHUNK);
    engine.locateInto(lonlat, from, to, out);
    if (n > CHUNK) {
      post({ type: 'progress', id, done: to, total: n });
      if (to < n) await nextTask(); // let a cancel message in
    }
  }
  if (cancelled.delete(id)) {
    post({ type: 'cancelled', id });
    return;
  }
  const counts = weights !== undefined || req.count ? engine.countByTerritory(out, weights) : undefined;
  const transfer: Transferable[] = [out.commune.buffer, out.arrondissement.buffer, out.qpv.buffer, out.snapped.buffer];
  if (counts) {
    for (const t of [counts.commune, counts.arrondissement, counts.qpv, counts.outside]) {
      transfer.push(t.count.buffer, t.jobs.buffer, t.amount.buffer);
    }
  }
  post(
    {
      type: 'result',
      id,
      ...out,
      counts,
      codes: { commune: [...engine.communeCodes], arrondissement: [...engine.arrondissementCodes], qpv: [...engine.qpvCodes] },
      ms: performance.now() - t0,
    },
    transfer,
  );
}

self.onmessage = (e: MessageEvent<AggregateRequest | { cancel: number }>) => {
  const data = e.data;
  if ('cancel' in data) {
    cancelled.add(data.cancel);
    return;
  }
  run(data).catch((err: unknown) => {
    cancelled.delete(data.id);
    post({ type: 'error', id: data.id, message: `Erreur pendant l’agrégation : ${(err as Error).message}` });
  });
};
