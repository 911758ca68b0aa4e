import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { offlineServiceWorker } from './build/offline-sw.ts';
import { precompress, preloadFirstScreen, purgeDsfrCss } from './build/assets.ts';
import { subsetFonts } from './build/font-subset.ts';

export default defineConfig({
  plugins: [svelte(), svelteTesting(), purgeDsfrCss(), subsetFonts(), preloadFirstScreen(), offlineServiceWorker(), precompress()],
  build: {
    target: 'es2022',
    // maplibre-gl alone is ~1 MB; the budget is checked by the bench, not by this warning.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // MapLibre in a chunk of its own: cached apart from the app code, and measured apart by the bench.
        codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ }] },
      },
    },
  },
  test: {
    include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'],
    // Builds public/data when missing: the tests on the real layers never skip (see the file).
    globalSetup: ['test/unit/global-setup.ts'],
    environment: 'node',
    // Property tests run 10^5 cases: on a busy 2-core machine they exceed the 5 s default.
    testTimeout: 30000,
  },
});
