import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    // Each test file gets its own database (in-memory PGlite, or a fresh database on the server): files run in
    // parallel processes, tests inside a file in order.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    globalSetup: ['e2e/global-setup.ts'],
  },
});
