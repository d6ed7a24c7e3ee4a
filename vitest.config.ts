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
    // expect.poll waits as long as the browser tests' own waits (120 s), not vitest's default second: on CI the
    // pages share two cores with a 200,000-row import, and a move's new trail once took longer than a second.
    expect: { poll: { timeout: 120_000, interval: 100 } },
    reporters: ['default'],
    globalSetup: ['e2e/global-setup.ts'],
  },
});
