import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../core/db/database.ts';

/**
 * Global setup of the unit and browser projects (vitest.config.ts). Starting an in-memory PGlite runs initdb in
 * WebAssembly: 5–10 s per test file on a loaded two-core machine. Instead the new, empty data directory is made
 * once, dumped to node_modules/.cache/qiaoliang/ (kept per PGlite version; `npm ci` starts it afresh), and each
 * test file's database starts from that dump (src/test/database.ts), in about a third of the time. Nothing is in
 * it but what initdb makes: each file still migrates and seeds its own database. Not used with DATABASE_URL.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** The dumped empty PGlite data directory, when the tests run on PGlite. */
    pgliteTemplate: string | undefined;
  }
}

const root = new URL('../../', import.meta.url).pathname;

export async function pgliteTemplate(): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  const dir = join(root, 'node_modules/.cache/qiaoliang');
  const path = join(dir, `pglite-${version}-empty.tar`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    const dump = await database.pglite!.dumpDataDir('none');
    // Written whole, then renamed: a run started meanwhile never reads half a file.
    const partial = `${path}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  } finally {
    await database.close();
  }
  return path;
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('pgliteTemplate', process.env.DATABASE_URL ? undefined : await pgliteTemplate());
}
