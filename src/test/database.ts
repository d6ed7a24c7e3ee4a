import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../core/db/database.ts';

/**
 * A database of its own for one test file: in-memory PGlite by default, or, when DATABASE_URL is set, a new
 * database on that server, dropped afterwards. No mocks: the tests run the real SQL on both engines. With
 * TEST_SERVING_URL (a second role on the same server, as CI sets), the database is created and migrated as
 * DATABASE_URL's role and served as that one, which owns nothing: the two roles of README's "PostgreSQL roles".
 */
export async function createTestDatabase(): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // From the dumped empty data directory the project's global setup made (src/test/pglite-template.ts), if any.
    const template = inject('pgliteTemplate');
    return openDatabase({ dataDir: 'memory://', ...(template ? { loadDataDir: new Blob([readFileSync(template)]) } : {}) });
  }
  const name = `qiaoliang_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const servingUrl = process.env.TEST_SERVING_URL ? new URL(process.env.TEST_SERVING_URL) : undefined;
  if (servingUrl) servingUrl.pathname = `/${name}`;
  const owner = servingUrl ? await openDatabase({ databaseUrl: url.toString() }) : undefined;
  const database = await openDatabase({ databaseUrl: (servingUrl ?? url).toString() });
  return {
    ...database,
    ...(owner ? { migrationDatabase: owner } : {}),
    close: async () => {
      await database.close();
      await owner?.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
