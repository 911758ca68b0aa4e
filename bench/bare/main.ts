// Bare MapLibre page for the map-ready benchmark (bench/browser.ts): the same style as the app
// (src/lib/map/style.ts: context, département, communes fill + line + labels, QPV, arrondissements,
// EPCI, zones d'emploi; labels drawn from the Marianne font through `font-faces`), the same map
// options, the same worker setup and the same public/data files — and nothing else (no Svelte,
// no DSFR, no app state). Sets #map[data-ready="true"] on the first `idle` after `load`, like the app.

import { Map as MlMap, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import fontRegular from '@gouvfr/dsfr/dist/fonts/Marianne-Regular.woff2?url';
import fontBold from '@gouvfr/dsfr/dist/fonts/Marianne-Bold.woff2?url';
import { buildStyle, DEPARTEMENT_BOUNDS, QPV_HATCH_IMAGE } from '../../src/lib/map/style.ts';
import { DEFAULT_VISIBILITY, QPV_STYLE } from '../../src/lib/map/legend-model.ts';
import { hatchPattern } from '../../src/lib/map/patterns.ts';

setWorkerUrl(workerUrl);

const base = new URL(import.meta.env.BASE_URL, location.href);
const container = document.getElementById('map')!;
const map = new MlMap({
  container,
  style: buildStyle(
    {
      data: (file) => new URL(`${import.meta.env.BASE_URL}data/${file}`, location.href).href,
      fonts: { regular: new URL(fontRegular, base).href, bold: new URL(fontBold, base).href },
    },
    DEFAULT_VISIBILITY,
  ),
  bounds: DEPARTEMENT_BOUNDS,
  fitBoundsOptions: { padding: 8 },
  minZoom: 6.5,
  maxZoom: 16,
  maxBounds: [
    [2.6, 42.4],
    [7.4, 44.8],
  ],
  attributionControl: false,
  canvasContextAttributes: { preserveDrawingBuffer: true },
});
map.setMissingStyleImageResolver((id) => {
  if (id === QPV_HATCH_IMAGE) map.addImage(QPV_HATCH_IMAGE, hatchPattern(QPV_STYLE.fill, 10), { pixelRatio: 2 });
});
map.once('load', () => {
  map.once('idle', () => {
    container.dataset.ready = 'true';
  });
});
(window as unknown as { __map: MlMap }).__map = map;
