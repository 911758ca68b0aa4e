// Loads the app-ready layers built by `npm run geodata` (served from the app's own origin).

import type { GeodataManifest, TerritoriesIndex } from './types.ts';

/** Absolute URL of a built data file, relative to the app's base. */
export function dataUrl(file: string): string {
  return new URL(`${import.meta.env.BASE_URL}data/${file}`, location.href).href;
}

export class GeodataLoadError extends Error {}

async function fetchJson<T>(file: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(dataUrl(file));
  } catch (e) {
    throw new GeodataLoadError(`Impossible de charger ${file} : ${(e as Error).message}`);
  }
  if (!res.ok) {
    throw new GeodataLoadError(
      `Impossible de charger ${file} (HTTP ${res.status}). Les couches géographiques ont-elles été construites (npm run geodata) ?`,
    );
  }
  try {
    return (await res.json()) as T;
  } catch {
    throw new GeodataLoadError(`Le fichier ${file} n’est pas un JSON valide.`);
  }
}

const TERRITORIES_FILE = 'territoires.json';
const MANIFEST_FILE = 'manifest.json';
/** The layers' files every page reads at start (preloaded by the page itself: build/assets.ts). */
export const START_DATA_FILES = [TERRITORIES_FILE, MANIFEST_FILE];

export const loadTerritories = () => fetchJson<TerritoriesIndex>(TERRITORIES_FILE);
export const loadManifest = () => fetchJson<GeodataManifest>(MANIFEST_FILE);
