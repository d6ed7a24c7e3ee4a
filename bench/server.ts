// What the HTTP benchmarks share (lists, appeals): the server started on a database as users run it, signing in,
// timed requests, a load of many users at once, and the CPU and memory the server and PostgreSQL spend meanwhile.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { systemActor, type Actor } from '../src/core/actor.ts';
import { loadConfig, type Config } from '../src/core/config.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { generateProvince, registerGenerateJob } from '../src/core/generate/job.ts';
import { openPlatform } from '../src/core/platform.ts';
import { today } from '../src/core/dates.ts';
import type { Db } from '../src/core/db/tables.ts';
import { modules } from '../src/modules/index.ts';
import type { AppealCategory } from '../src/modules/appeals/schema.ts';
import { insertAppeal } from '../src/modules/appeals/store.ts';
import { detectWarnings } from '../src/modules/appeals/warnings.ts';
import { freePort, sleep } from './measure.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

/** The postmaster, when PostgreSQL runs on this machine: the parent of this connection's backend; else undefined. */
export async function postmasterOf(client: pg.Client): Promise<number | undefined> {
  const { rows } = await client.query<{ backend: number }>('SELECT pg_backend_pid() AS backend');
  try {
    return Number(readFileSync(`/proc/${rows[0]!.backend}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** `node bin/qiaoliang.js start` on the database; resolves once /healthz answers 200. */
/** The province, generated in this process as `generate --scale S --seed N --until 2012` does, on the database. */
export async function generateProvinceOn(options: ServerOptions, scale: number, seed: number): Promise<{ seconds: number; generated: string }> {
  const database = await openDatabase({ databaseUrl: options.databaseUrl });
  const config: Config = { ...loadConfig({}), dataDir: options.dataDir, dataKey: options.dataKey, adminPassword: options.adminPassword, logLevel: 'silent' };
  const platform = await openPlatform(config, modules, { database });
  registerGenerateJob(platform.jobs, platform, platform.modules);
  try {
    const begun = performance.now();
    let lastLine = 0;
    const result = await generateProvince(systemActor('bench'), platform, { scale, seed, until: 2012 }, (done, total) => {
      if (performance.now() - lastLine < 15_000) return;
      lastLine = performance.now();
      console.log(`generating: ${done.toLocaleString('en')} / ${(total ?? 0).toLocaleString('en')}`);
    });
    const seconds = (performance.now() - begun) / 1000;
    const generated = Object.entries(result.counts).map(([key, value]) => `${key} ${Number(value).toLocaleString('en')}`).join(', ');
    console.log(`generated scale ${scale} in ${seconds.toFixed(1)} s: ${generated}`);
    return { seconds, generated };
  } finally {
    await database.close();
  }
}

export interface ServerOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  dataKey: string;
  adminPassword: string;
  /** More of the server's environment (TRUST_PROXY, PUBLIC_CHALLENGE_BITS …). */
  env?: NodeJS.ProcessEnv;
}

export type BenchServer = Awaited<ReturnType<typeof startServer>>;

export async function startServer(options: ServerOptions): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void>; builtPages: boolean }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: options.dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    QIAOLIANG_KEY: options.dataKey,
    QIAOLIANG_ADMIN_PASSWORD: options.adminPassword,
    LOG_LEVEL: 'warn',
    QIAOLIANG_DEMO: 'off',
    ...options.env,
  };
  const child = spawn(process.execPath, ['bin/qiaoliang.js', 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  const stop = async () => {
    if (exited !== undefined) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exit;
    clearTimeout(killer);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 180_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`the server exited (${exited}) before answering /healthz:\n${output}`);
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`no answer from /healthz within 180 s:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      // A server that built the pages itself (the sources newer than dist/web) carries vite's memory from then on.
      if (response.status === 200) return { url, child, stop, builtPages: output.includes('vite build') };
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
}

/** Signs in and answers the session cookie. */
export async function login(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('qiaoliang_session='));
  if (!cookie) throw new Error('login set no session cookie');
  return cookie.split(';')[0]!;
}

const requestTimeoutMs = 60_000;

export async function timedGet(url: string, cookie: string | undefined, check?: (body: unknown) => void): Promise<void> {
  const response = await fetch(url, { headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(requestTimeoutMs) });
  const body = (await response.json()) as unknown;
  if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  check?.(body);
}

export const nonEmpty = (what: string) => (body: unknown) => {
  if ((body as { items: unknown[] }).items.length === 0) throw new Error(`${what} was empty`);
};

/** The resident memory of a process in MiB (VmRSS), Linux only. */
export function residentMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) of a process, in ms, from /proc/<pid>/stat (clock ticks of 10 ms); Linux only. */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * The CPU the server and PostgreSQL spend, where both run on this machine: the server's process and every process of
 * the PostgreSQL server (the children of its postmaster, found as the parent of a backend). On a machine shared with
 * other work this is steadier than the latencies, which include waiting for the CPU.
 */
export function cpuNow(serverPid: number | undefined, postmaster: number | undefined): { node: number; pg: number } | undefined {
  const node = serverPid === undefined ? undefined : cpuMs(serverPid);
  if (node === undefined || postmaster === undefined) return undefined;
  let pg = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(postmaster)) pg += cpuMs(Number(entry)) ?? 0;
    } catch {
      // gone meanwhile
    }
  }
  return { node, pg };
}


/** `count` requests made by `users` at once, each user asking again as soon as answered. */
export async function load(users: number, count: number, request: () => Promise<void>): Promise<{ samples: number[]; errors: number; firstError?: string }> {
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let issued = 0;
  await Promise.all(
    Array.from({ length: users }, async () => {
      while (issued < count) {
        issued++;
        const begun = performance.now();
        try {
          await request();
          samples.push(performance.now() - begun);
        } catch (error) {
          errors++;
          firstError ??= String(error);
        }
      }
    }),
  );
  return { samples, errors, ...(firstError ? { firstError } : {}) };
}


export const fmt = (ms: number) => (Number.isNaN(ms) ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

export interface LevelCell {
  p50: number;
  p95: number;
  errors: number;
  n: number;
  firstError?: string;
  /** CPU per request, ms: the server's and PostgreSQL's. */
  cpu?: { node: number; pg: number };
}
export interface LevelRow {
  name: string;
  byLevel: Map<number, LevelCell>;
}
export interface BenchCase {
  name: string;
  run: () => Promise<void>;
  /** Called before each level's load, with the requests it will make (to prepare what they use up: challenges). */
  prepare?: (count: number) => Promise<void>;
}

/** Each case at each concurrency in turn (`requestsAt(level)` requests), into `rows` (one per case, in order). */
export async function measureLevels(cases: BenchCase[], rows: LevelRow[], levels: number[], requestsAt: (level: number) => number, serverPid: number | undefined, postmaster: number | undefined): Promise<void> {
  for (const level of levels) {
    const count = requestsAt(level);
    for (const [index, c] of cases.entries()) {
      await c.prepare?.(count);
      const before = cpuNow(serverPid, postmaster);
      const result = await load(level, count, c.run);
      const after = cpuNow(serverPid, postmaster);
      const cpu = before && after ? { node: (after.node - before.node) / count, pg: (after.pg - before.pg) / count } : undefined;
      const cell: LevelCell = { p50: result.samples.length ? percentile(result.samples, 50) : NaN, p95: result.samples.length ? percentile(result.samples, 95) : NaN, errors: result.errors, n: count, ...(result.firstError ? { firstError: result.firstError } : {}), ...(cpu ? { cpu } : {}) };
      rows[index]!.byLevel.set(level, cell);
      console.log(`${level} user(s), ${c.name}: p50 ${cell.p50.toFixed(1)} ms, p95 ${cell.p95.toFixed(1)} ms, ${result.errors} errors of ${count}${cpu ? `; CPU per request: server ${cpu.node.toFixed(1)} ms, PostgreSQL ${cpu.pg.toFixed(1)} ms` : ''}${result.firstError ? ` (${result.firstError})` : ''}`);
    }
  }
}

/** The markdown table of `measureLevels`' rows, the first row being the floor (/healthz) each p95 is divided by. */
export function levelTable(rows: LevelRow[], levels: number[]): { header: string; rule: string; lines: string[]; firstErrors: string[] } {
  const floor = rows[0]!;
  const header = `| request | ${levels.map((level) => `${level} user${level > 1 ? 's' : ''}: p50 / p95 ms | p95 ÷ healthz p95`).join(' | ')} | errors (${levels.join(' / ')}) | CPU ms per request, server + PostgreSQL (${levels[0]} user${levels[0]! > 1 ? 's' : ''}) |`;
  const rule = `|---|${levels.map(() => '---:|---:').join('|')}|---:|---:|`;
  const lines = rows.map((row) => {
    const cells = levels.map((level) => {
      const cell = row.byLevel.get(level)!;
      const ratio = row === floor ? '1×' : `${(cell.p95 / floor.byLevel.get(level)!.p95).toFixed(1)}×`;
      return `${fmt(cell.p50)} / ${fmt(cell.p95)} | ${ratio}`;
    });
    const cpu = row.byLevel.get(levels[0]!)!.cpu;
    return `| ${row.name} | ${cells.join(' | ')} | ${levels.map((level) => row.byLevel.get(level)!.errors).join(' / ')} | ${cpu ? `${cpu.node.toFixed(1)} + ${cpu.pg.toFixed(1)}` : '—'} |`;
  });
  const firstErrors = rows.flatMap((row) =>
    levels.flatMap((level) => {
      const cell = row.byLevel.get(level)!;
      return cell.firstError ? [`- first error of ${row.name} at ${level} user(s): ${cell.firstError}`] : [];
    }),
  );
  return { header, rule, lines, firstErrors };
}

/** An appeal as the early-warning benchmarks enter it: anonymous, a typed employer, in one county. */
export interface DetectionCase {
  orgId: number;
  placeOrgId: number;
  category: AppealCategory;
  employerName: string;
  groupInvolved?: boolean;
}

class RolledBack extends Error {}

/**
 * The early warning's detection alone, as a submission runs it (service.ts insertCase): in one transaction the
 * appeal's row is inserted (not timed), then `detectWarnings` is timed; the transaction is rolled back, so nothing
 * stays and each of the `n` runs finds the same cluster. Milliseconds of each run.
 */
export async function timeDetection(db: Db, actor: Actor, appeal: DetectionCase, n: number): Promise<number[]> {
  const samples: number[] = [];
  const on = today();
  for (let i = 0; i < n; i++) {
    await db
      .transaction()
      .execute(async (tx) => {
        const id = await insertAppeal(tx, { org_id: appeal.orgId, received_org_id: appeal.orgId, kind: 'help', category: appeal.category, channel: 'online', employer_id: null, employer_name: appeal.employerName, place_org_id: appeal.placeOrgId, facts: '压测', request: '压测', group_involved: appeal.groupInvolved ?? false, anonymous: true, submitted_on: on });
        const begun = performance.now();
        await detectWarnings(tx, actor, { id, category: appeal.category, employerId: null, employerName: appeal.employerName, placeOrgId: appeal.placeOrgId, groupInvolved: appeal.groupInvolved ?? false, on });
        samples.push(performance.now() - begun);
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
  }
  return samples;
}
