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
 */

const rows = 200_000;
const root = new URL('../../../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'qiaoliang-kill-'));
let serverDatabase: ServerDatabase | undefined;
let server: ChildProcess | undefined;

afterAll(async () => {
  server?.kill('SIGKILL');
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

async function startServer(port: number): Promise<ChildProcess> {
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
      ...(serverDatabase ? { DATABASE_URL: serverDatabase.url } : { DATABASE_URL: '' }),
    },
    stdio: 'ignore',
  });
  await until(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true);
  return child;
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

describe('a server killed during an import', () => {
  it('resumes after a restart and ends with exactly the rows of the file', { timeout: 900_000 }, async () => {
    serverDatabase = await createServerDatabase();
    const port = await freePort();
    server = await startServer(port);
    let call = await session(port);
    const employer = await call('POST', '/employers', { orgCode: '220102', name: '断电测试机械厂', ownership: 'state', sizeClass: 'large', industry: 'C', employeeCount: rows });
    const union = await call('POST', '/orgs', { parentCode: '220102', kind: 'grassroots', name: '断电测试机械厂工会', employerId: employer.json.id });
    const unionCode = String(union.json.code);

    const form = new FormData();
    form.set('file', new Blob([roster()]), 'roster.csv');
    const queued = await call('POST', `/members/import?intoOrgCode=${unionCode}`, form);
    expect(queued.status).toBe(202);
    const jobId = Number(queued.json.jobId);

    // Kill it once some rows are in and before it is done.
    await until(async () => Number((await call('GET', `/jobs/${jobId}`)).json.progressDone) >= 20_000);
    const before = Number((await call('GET', `/members?orgCode=${unionCode}&pageSize=1`)).json.total);
    expect(before).toBeLessThan(rows);
    server.kill('SIGKILL');
    await new Promise((resolve) => server!.once('exit', resolve));

    server = await startServer(port);
    call = await session(port);
    await until(async () => ['succeeded', 'failed', 'cancelled'].includes(String((await call('GET', `/jobs/${jobId}`)).json.status)));
    const job = (await call('GET', `/jobs/${jobId}`)).json;
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ imported: rows, rejected: 0 });
    expect((await call('GET', `/members?orgCode=${unionCode}&pageSize=1`)).json.total).toBe(rows);
    expect((await call('GET', `/members?orgCode=${unionCode}&pageSize=1&status=all`)).json.total).toBe(rows);
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
    server = undefined;
  });
});
