import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, testPassword, type TestPlatform } from '../../test/platform.ts';
import { findTool } from './backup.ts';
import { openDatabase } from './database.ts';

/**
 * The database restarted under load (docs/reliability.md, "Restart"), on a PostgreSQL server of this test's own — a
 * throw-away cluster on port 5443 it starts, restarts and removes — so that a real restart ends real connections.
 * Requests are held in flight deterministically: a transaction of the test locks the audit table, so user creations
 * stop half-way (the user inserted, its audit event waiting) and audit reads wait; once the server shows them all
 * waiting, it is restarted. Each must answer 503 problem+json, none 500, nothing of them must be left, and the next
 * request must succeed on a new connection the app made by itself. PostgreSQL only: PGlite runs in the process.
 */

const pgCtl = findTool('pg_ctl');
const initdb = findTool('initdb');
const runs = Boolean(process.env.DATABASE_URL) && Boolean(pgCtl && initdb);
const port = 5443;
const asRoot = process.getuid?.() === 0;

let dir: string;
let test: TestPlatform;

/** Runs a server tool as the cluster's owner: postgres when we are root (the server refuses to run as root). */
function asOwner(tool: string, args: string[]): void {
  const command = asRoot ? 'runuser' : tool;
  // No pipes: the server pg_ctl leaves running would hold them open, and the call would wait for it to exit.
  execFileSync(command, asRoot ? ['-u', 'postgres', '--', tool, ...args] : args, { cwd: '/', stdio: 'ignore' });
}

const serverUrl = () => `postgres://postgres@127.0.0.1:${port}/postgres`;

beforeAll(async () => {
  if (!runs) return;
  dir = mkdtempSync('/tmp/h12-restart-');
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  asOwner(initdb!, ['-D', join(dir, 'data'), '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--auth=trust']);
  asOwner(pgCtl!, ['-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c autovacuum=off`]);
  test = await createTestPlatform({}, { database: await openDatabase({ databaseUrl: serverUrl() }) });
}, 120_000);

afterAll(async () => {
  if (!runs) return;
  await test?.close();
  try {
    asOwner(pgCtl!, ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Backends of the app waiting for a lock: the requests the test holds in flight. */
async function waitingOnLocks(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()`);
  return rows[0]!.n;
}

describe.skipIf(!runs)('the database restarted under load', () => {
  it('answers the requests in flight 503 problem+json, leaves none half-written, and reconnects by itself', async () => {
    const admin = await test.login('admin', testPassword);
    expect((await admin.get('/api/v1/users')).statusCode).toBe(200);

    const locker = new pg.Client({ connectionString: serverUrl() });
    locker.on('error', () => {});
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE');

    const creations = Array.from({ length: 4 }, (_, i) =>
      admin.post('/api/v1/users', { username: `restart_${i}`, displayName: `restart ${i}`, orgCode: '220102', role: 'viewer', password: 'Restart-password-2026' }),
    );
    const reads = Array.from({ length: 3 }, () => admin.get('/api/v1/audit'));
    const inFlight = Promise.all([...creations, ...reads]);
    const watcher = new pg.Client({ connectionString: serverUrl() });
    await watcher.connect();
    try {
      // Not a timing: the loop ends when the server itself shows all seven waiting.
      while ((await waitingOnLocks(watcher)) < 7) await new Promise((resolve) => setImmediate(resolve));
    } finally {
      await watcher.end();
    }

    asOwner(pgCtl!, ['-D', join(dir, 'data'), '-m', 'fast', '-w', '-t', '60', 'restart', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c autovacuum=off`]);
    const answers = await inFlight;
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBe(503);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.json()).toMatchObject({ status: 503, code: 'database_unavailable', messageKey: 'error.database_unavailable' });
    }
    await locker.end().catch(() => {});

    // The app's pool is full of connections the restart ended: the next request gets a working one all the same.
    const after = await admin.get('/api/v1/users?q=restart_');
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json().items).toEqual([]);
    const check = new pg.Client({ connectionString: serverUrl() });
    await check.connect();
    try {
      const users = await check.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE username LIKE 'restart\\_%'`);
      const events = await check.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE entity = 'user' AND action = 'create' AND after->>'username' LIKE 'restart\\_%'`);
      expect([users.rows[0]!.n, events.rows[0]!.n]).toEqual([0, 0]);
    } finally {
      await check.end();
    }
    // And it writes again: the same creation succeeds, user and audit event together.
    const again = await admin.post('/api/v1/users', { username: 'restart_0', displayName: 'restart 0', orgCode: '220102', role: 'viewer', password: 'Restart-password-2026' });
    expect(again.statusCode, again.body).toBe(201);
  }, 120_000);
});
