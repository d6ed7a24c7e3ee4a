import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServerDatabase, type ServerDatabase } from '../../test/server-database.ts';
import { testKey, testPassword } from '../../test/platform.ts';
import { idNumberCheckCharacter } from './id-number.ts';

/**
 * The real thing: a server process killed (SIGKILL, no goodbye) in the middle of importing 200,000 members, then
 * started again. The job must finish from its last committed chunk — no row lost, none counted twice.
 *
 * The kill comes at a known point, not after polling progress: the first server runs with
 * QIAOLIANG_TEST_PAUSE=job-checkpoint:3 (src/core/test-pause.ts), so it stops once it has written the third chunk's
 * checkpoint, that chunk's transaction still open, and says so on stdout. Chunks 1 and 2 are committed, chunk 3 is
 * not: it must be rolled back by the kill and imported again, once, by the restarted server.
 */

const rows = 200_000;
/** The first server stops inside the transaction of this chunk: the ones before it are committed. */
const killedInChunk = 3;
const pausedMarker = `QIAOLIANG_TEST_PAUSED job-checkpoint ${killedInChunk}`;
const root = new URL('../../../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'qiaoliang-kill-'));
let serverDatabase: ServerDatabase | undefined;
let server: Server | undefined;

afterAll(async () => {
  if (server) await kill(server, 'SIGKILL');
  await serverDatabase?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  /** Resolves when the server prints this line on stdout; rejects, with what it printed, if it exits first. */
  printed(line: string): Promise<void>;
}

async function startServer(port: number, extraEnv: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, [join(root, 'bin/qiaoliang.js'), 'start'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      QIAOLIANG_KEY: testKey,
      QIAOLIANG_ADMIN_PASSWORD: testPassword,
      LOG_LEVEL: 'warn',
      // No demo province on its first start: the test counts exactly the rows it imports.
      QIAOLIANG_DEMO: 'off',
      // A killed server's job is taken over after this long without a heartbeat.
      JOB_STALE_SECONDS: '2',
      // The test-only stopping points (src/core/test-pause.ts) are honoured under NODE_ENV=test only.
      NODE_ENV: 'test',
      QIAOLIANG_TEST_PAUSE: '',
      ...(serverDatabase ? { DATABASE_URL: serverDatabase.url } : { DATABASE_URL: '' }),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiting = new Set<{ line: string; resolve: () => void }>();
  const collect = (data: Buffer) => {
    output = (output + data.toString()).slice(-20_000);
    for (const wait of waiting) if (output.split('\n').includes(wait.line)) wait.resolve();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`the server exited (${signal ?? code}) before it printed what the test waits for; its last output:\n${output}`))));
  exited.catch(() => {});
  const printed = (line: string) => Promise.race([new Promise<void>((resolve) => waiting.add({ line, resolve })), exited]);
  await Promise.race([until(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true), exited]);
  return { child, printed };
}

async function kill(target: Server, signal: NodeJS.Signals): Promise<void> {
  if (target.child.exitCode !== null || target.child.signalCode !== null) return;
  const gone = new Promise((resolve) => target.child.once('exit', resolve));
  target.child.kill(signal);
  await gone;
}

/** Polls until the condition holds; the test's own timeout bounds it. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 250));
}

async function session(port: number) {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: testPassword }) });
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  return async (method: string, path: string, body?: unknown) => {
    const answer = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method,
      headers: { cookie, ...(body instanceof FormData || body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body instanceof FormData ? body : body === undefined ? null : JSON.stringify(body),
    });
    return { status: answer.status, json: (await answer.json()) as Record<string, unknown> & { items?: unknown[]; total?: number } };
  };
}

function roster(): string {
  const lines = ['姓名,身份证号,户籍,入会日期'];
  for (let i = 0; i < rows; i++) {
    const birth = new Date(Date.UTC(1960, 0, 1) + (i % 14000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const body = `220102${birth}${String(Math.floor(i / 14000)).padStart(3, '0')}`;
    lines.push(`职工${i},${body}${idNumberCheckCharacter(body)},${i % 3 === 0 ? '农村' : '城镇'},2011-0${1 + (i % 9)}-15`);
  }
  return lines.join('\n') + '\n';
}

/** The import's chunks as its audit trail records them ("1-10000", …), oldest first. */
async function chunksAudited(call: Awaited<ReturnType<typeof session>>, jobId: number): Promise<string[]> {
  const { json } = await call('GET', `/audit?entity=member_import&entityId=${jobId}&limit=200`);
  const events = json.items as { id: number; action: string; after: { rows: string } }[];
  return events
    .filter((event) => event.action === 'import')
    .sort((a, b) => a.id - b.id)
    .map((event) => event.after.rows);
}

describe('a server killed during an import', () => {
  it('resumes after a restart and ends with exactly the rows of the file', { timeout: 900_000 }, async () => {
    serverDatabase = await createServerDatabase();
    const port = await freePort();
    server = await startServer(port, { QIAOLIANG_TEST_PAUSE: `job-checkpoint:${killedInChunk}` });
    let call = await session(port);
    const employer = await call('POST', '/employers', { orgCode: '220102', name: '断电测试机械厂', ownership: 'state', sizeClass: 'large', industry: 'C', employeeCount: rows });
    const union = await call('POST', '/orgs', { parentCode: '220102', kind: 'grassroots', name: '断电测试机械厂工会', employerId: employer.json.id });
    const unionCode = String(union.json.code);

    const form = new FormData();
    form.set('file', new Blob([roster()]), 'roster.csv');
    const paused = server.printed(pausedMarker);
    const queued = await call('POST', `/members/import?intoOrgCode=${unionCode}`, form);
    expect(queued.status).toBe(202);
    const jobId = Number(queued.json.jobId);

    // The job stops inside chunk 3's transaction and says so: kill it there.
    await paused;
    if (serverDatabase) {
      // On PostgreSQL the server still answers, from what is committed: chunks 1 and 2 and nothing of chunk 3. (On
      // PGlite it cannot: its one connection is held by the open transaction.)
      const committed = await chunksAudited(call, jobId);
      expect(committed).toHaveLength(killedInChunk - 1);
      const committedRows = Number(committed.at(-1)!.split('-')[1]);
      expect(Number((await call('GET', `/members?orgCode=${unionCode}&pageSize=1`)).json.total)).toBe(committedRows);
    }
    await kill(server, 'SIGKILL');

    server = await startServer(port);
    call = await session(port);
    await until(async () => ['succeeded', 'failed', 'cancelled'].includes(String((await call('GET', `/jobs/${jobId}`)).json.status)));
    const job = (await call('GET', `/jobs/${jobId}`)).json;
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ imported: rows, rejected: 0 });
    expect((await call('GET', `/members?orgCode=${unionCode}&pageSize=1`)).json.total).toBe(rows);
    expect((await call('GET', `/members?orgCode=${unionCode}&pageSize=1&status=all`)).json.total).toBe(rows);

    // Every chunk committed exactly once, in file order: chunk 3, rolled back by the kill, was imported again
    // (once) by the restarted server, and chunks 1 and 2 were not redone.
    const chunks = await chunksAudited(call, jobId);
    const chunkSize = Number(chunks[0]!.split('-')[1]);
    expect(chunkSize).toBeLessThan(rows / killedInChunk);
    const expected = Array.from({ length: Math.ceil(rows / chunkSize) }, (_, index) => `${index * chunkSize + 1}-${Math.min(rows, (index + 1) * chunkSize)}`);
    expect(chunks).toEqual(expected);

    await kill(server, 'SIGTERM');
    server = undefined;
  });
});
