import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './db/migrate.ts';
import { coreMigrations } from './platform.ts';
import { modules } from '../modules/index.ts';
import { createTestPlatform, type TestPlatform } from '../test/platform.ts';

let test: TestPlatform;
beforeAll(async () => {
  test = await createTestPlatform();
});
afterAll(() => test?.close());

describe('start-up', () => {
  it('loads the province, its 9 cities and 60 counties with their GB/T 2260 codes', async () => {
    const rows = await sql<{ level: string; n: number }>`SELECT level, count(*)::int AS n FROM orgs WHERE kind = 'federation' GROUP BY level ORDER BY level`.execute(test.platform.db);
    expect(rows.rows).toEqual([
      { level: 'city', n: 9 },
      { level: 'county', n: 60 },
      { level: 'province', n: 1 },
    ]);
    const changchun = await sql<{ name: string; parent: string }>`SELECT o.name, p.code AS parent FROM orgs o JOIN orgs p ON p.id = o.parent_id WHERE o.code = '220102'`.execute(test.platform.db);
    expect(changchun.rows[0]).toEqual({ name: '南关区总工会', parent: '220100' });
  });

  it('answers the health check with the engine', async () => {
    const response = await test.app.inject({ url: '/healthz' });
    expect(response.json()).toEqual({ status: 'ok', db: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('applies nothing and adds nothing on a second start', async () => {
    const before = await sql<{ n: number }>`SELECT (SELECT count(*) FROM orgs) + (SELECT count(*) FROM users) + (SELECT count(*) FROM audit_events) AS n`.execute(test.platform.db);
    const applied = await migrate(test.platform.db, [{ module: 'core', directory: coreMigrations }, ...modules.map((m) => ({ module: m.id, directory: m.migrations }))]);
    for (const module of modules) await module.seed?.({ db: test.platform.db, log: () => {} });
    const after = await sql<{ n: number }>`SELECT (SELECT count(*) FROM orgs) + (SELECT count(*) FROM users) + (SELECT count(*) FROM audit_events) AS n`.execute(test.platform.db);
    expect(applied).toEqual([]);
    expect(Number(after.rows[0]!.n)).toBe(Number(before.rows[0]!.n));
  });

  it('describes every route in OpenAPI', async () => {
    const response = await test.app.inject({ url: '/api/v1/openapi.json' });
    const spec = response.json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/orgs', '/api/v1/orgs/{orgCode}', '/api/v1/employers', '/api/v1/users', '/api/v1/session']));
  });
});
