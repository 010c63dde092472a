import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Temporal's native worker crashes vitest's thread pool: run files in child processes.
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    setupFiles: ['test/support/quietTemporal.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
  },
});
