import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../http/server.ts';
import { createTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { ClientGone, openQueryScope, runInQueryScope } from './request-scope.ts';

const onServer = Boolean(process.env.DATABASE_URL);

let test: TestPlatform;
/** Served with a statement timeout of 1 s. */
let app: FastifyInstance;
/** Served with none, and listening: its clients go away. */
let patient: FastifyInstance;

/** A server with requests that hold a statement as long as asked (what a slow list would do), and one that tells the timeout. */
async function slowServer(statementTimeoutSeconds: number): Promise<FastifyInstance> {
  const { db } = test.platform;
  return buildServer({ ...test.platform, config: { ...test.platform.config, statementTimeoutSeconds } }, {
    routes: (api) => {
      api.get<{ Querystring: { seconds: string; mark: string } }>('/slow', { config: { public: true } }, async (request) => {
        await sql`SELECT pg_sleep(${Number(request.query.seconds)}), ${request.query.mark}::text AS mark`.execute(db);
        return { done: true };
      });
      api.get('/timeout', { config: { public: true } }, async () => (await sql<{ timeout: string }>`SELECT current_setting('statement_timeout') AS timeout`.execute(db)).rows[0]);
    },
  });
}

beforeAll(async () => {
  test = await createTestPlatform();
  app = await slowServer(1);
  patient = await slowServer(0);
  await patient.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await patient?.close();
  await test?.close();
});

describe("a request's queries", () => {
  it('take no connection once the client has gone; work outside requests is not touched', async () => {
    const scope = openQueryScope(0);
    scope.abandon();
    await expect(runInQueryScope(scope, () => sql`SELECT 1 AS one`.execute(test.platform.db))).rejects.toBeInstanceOf(ClientGone);
    expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(test.platform.db)).rows).toEqual([{ one: 1 }]);
  });

  it.skipIf(!onServer)('run with the statement timeout, and work outside requests with none', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/timeout' })).json()).toEqual({ timeout: '1s' });
    expect((await sql<{ timeout: string }>`SELECT current_setting('statement_timeout') AS timeout`.execute(test.platform.db)).rows[0]!.timeout).toBe('0');
    // The same connections serve both: each is set again when it changes hands.
    expect((await app.inject({ method: 'GET', url: '/api/v1/timeout' })).json()).toEqual({ timeout: '1s' });
  });

  it.skipIf(!onServer)('are cut off by the statement timeout, answered 503 problem+json in the reader’s language', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/slow?seconds=30&mark=timeout', headers: { 'accept-language': 'zh-CN' } });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'query_timeout', messageKey: 'error.query_timeout', detail: '查询用时超过 1 秒，已中止：请缩小范围或增加筛选条件后重试' });
    const english = await app.inject({ method: 'GET', url: '/api/v1/slow?seconds=30&mark=timeout-en', headers: { 'accept-language': 'en' } });
    expect(english.json().detail).toBe('The query took longer than 1 s and was stopped: narrow the scope or add a filter, then try again');
  });

  it.skipIf(!onServer)('are cancelled when the client goes away: the query is gone from pg_stat_activity', async () => {
    const { port } = patient.server.address() as AddressInfo;
    const running = async () =>
      Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()`.execute(test.platform.db)).rows[0]!.n,
      );
    const client = httpRequest({ host: '127.0.0.1', port, path: '/api/v1/slow?seconds=60&mark=gone' });
    client.on('error', () => {});
    client.end();
    await expect.poll(running, { timeout: 5_000, interval: 20 }).toBe(1);
    client.destroy();
    // Gone long before pg_sleep would have ended (nothing else cuts it short: this server has no statement timeout).
    await expect.poll(running, { timeout: 20_000, interval: 20 }).toBe(0);
  });
});
