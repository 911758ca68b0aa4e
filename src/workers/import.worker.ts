// Reads, validates and locates an imported file off the main thread, so the map keeps responding.
// The same pipeline runs in the command line (cli/check-data.ts). Progress is posted at most once
// per percent and per phase; the app cancels an import by terminating this worker.

import { importFile, ImportFatalError, type ImportPhase } from '../lib/import/pipeline.ts';
// The indexed engine gives exactly the turf reference's answers (test/unit/engine.test.ts), much faster.
import { createEngineLocator } from '../lib/analysis/engine/engine.ts';
import type { ArrondissementsLayer, CommunesLayer, QpvLayer, TerritoriesIndex } from '../lib/geodata/types.ts';
import type { SpatialLocator } from '../lib/analysis/types.ts';
import type { ImportRequest, ImportResponse } from '../lib/import/client-types.ts';
import type { NeighbourCommunesLayer, OutsideIndex } from '../lib/geodata/outside.ts';
import type { OutsideData } from '../lib/import/outside.ts';

let context: Promise<{ index: TerritoriesIndex; locator: SpatialLocator; outside: OutsideData }> | null = null;

async function getJson<T>(file: string): Promise<T> {
  const res = await fetch(new URL(`${import.meta.env.BASE_URL}data/${file}`, self.location.origin).href);
  if (!res.ok) throw new Error(`Impossible de charger ${file} (HTTP ${res.status})`);
  return (await res.json()) as T;
}

function loadContext() {
  context ??= (async () => {
    const [index, communes, arrondissements, qpv, outsideIndex, neighbours] = await Promise.all([
      getJson<TerritoriesIndex>('territoires.json'),
      getJson<CommunesLayer>('communes.geojson'),
      getJson<ArrondissementsLayer>('arrondissements.geojson'),
      getJson<QpvLayer>('qpv.geojson'),
      getJson<OutsideIndex>('hors-departement.json'),
      getJson<NeighbourCommunesLayer>('communes-voisines.geojson'),
    ]);
    return {
      index,
      locator: createEngineLocator(communes, arrondissements, qpv),
      outside: { index: outsideIndex, neighbours, communes },
    };
  })();
  // A failed load (network hiccup) is retried on the next import.
  context.catch(() => (context = null));
  return context;
}

self.onmessage = async (e: MessageEvent<ImportRequest>) => {
  const { id, bytes, fileName, sheet, swapLatLon, defaultFund, columns, columnsByHeader } = e.data;
  const reply = (r: ImportResponse) => (self as unknown as Worker).postMessage(r);
  let lastPhase: ImportPhase | null = null;
  let lastPercent = -1;
  const progress = (phase: ImportPhase, done: number, total: number) => {
    const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
    const percent = Math.floor(fraction * 100);
    if (phase === lastPhase && percent === lastPercent) return;
    lastPhase = phase;
    lastPercent = percent;
    reply({ id, progress: true, phase, fraction });
  };
  try {
    if (!context) progress('localisation', 0, 1);
    const ctx = await loadContext();
    const result = importFile(new Uint8Array(bytes), fileName, { ...ctx, sheet, swapLatLon, defaultFund, columns, columnsByHeader }, progress);
    reply({ id, ok: true, result });
  } catch (err) {
    const fatal = err instanceof ImportFatalError;
    reply({ id, ok: false, fatal, message: fatal ? err.message : `Erreur inattendue pendant la lecture du fichier : ${(err as Error).message}` });
  }
};
