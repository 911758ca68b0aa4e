import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    // Generous: the tests wait on states, and on a machine whose cores are both busy (load average
    // 20 and more was seen) launching Chromium and drawing a map can take minutes.
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
