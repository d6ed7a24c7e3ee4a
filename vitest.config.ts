import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Three projects, so CI can run each where it is needed (.ci/run) and `vitest run` still runs them all:
 * - unit: the API, store and pure tests under src/ — run on both engines (PGlite, then PostgreSQL);
 * - browser: the pages in Chromium (e2e/, and any src/**\/*.browser.test.ts a module brings) — once per CI run;
 * - kill: servers SIGKILLed mid-import (src/**\/*-kill.test.ts) — alone: groupOrder 1 starts it only once the
 *   other two are done, so its 200,000-row import never loads the machine under the browser tests.
 * One project: `npx vitest run --project unit`; one module: `npx vitest run src/modules/members` (README.md).
 */
const killTests = 'src/**/*-kill.test.ts';
const browserTests = ['e2e/**/*.test.ts', 'src/**/*.browser.test.ts'];

export default defineConfig({
  test: {
    // Each test file gets its own database (in-memory PGlite, or a fresh database on the server): files run in
    // parallel processes, tests inside a file in order.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // expect.poll waits as long as the browser tests' own waits (120 s), not vitest's default second: on CI the
    // pages share two cores with other test files, and a move's new trail once took longer than a second.
    expect: { poll: { timeout: 120_000, interval: 100 } },
    reporters: ['default'],
    projects: [
      {
        extends: true,
        // On PGlite each file's database starts from a dumped empty data directory, not a new initdb (src/test/pglite-template.ts).
        test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: [...configDefaults.exclude, killTests, ...browserTests], globalSetup: ['src/test/pglite-template.ts'] },
      },
      {
        extends: true,
        // The pages are built once before any file runs: files running in parallel must not rebuild dist/web under each other.
        test: { name: 'browser', include: browserTests, globalSetup: ['src/test/pglite-template.ts', 'e2e/global-setup.ts'] },
      },
      {
        extends: true,
        // The killed server serves the pages too: built before it starts, not while the test waits for it.
        test: { name: 'kill', include: [killTests], globalSetup: ['e2e/global-setup.ts'], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
