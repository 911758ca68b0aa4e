// Second, tiny Vite entry for the map-ready benchmark: a bare MapLibre page drawing the app's
// layers (see main.ts). Built by bench/browser.ts into bench/.bare-dist/ (git-ignored) and served
// by scripts/serve.mjs like the app. Same target and MapLibre chunking as the app's vite.config.ts.

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  publicDir: here('../../public'),
  logLevel: 'warn',
  build: {
    target: 'es2022',
    outDir: here('../.bare-dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ }] },
      },
    },
  },
});
