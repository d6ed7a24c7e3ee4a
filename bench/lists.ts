// The registers at province scale, over HTTP, as users reach them: a synthetic province is generated on the PostgreSQL
// server at DATABASE_URL (a fresh database, dropped afterwards; or, with --existing, the database DATABASE_URL names,
// generated before), `node bin/qiaoliang.js start` serves it, and each request below is timed at each concurrency
// (that many users asking at once, each again as soon as answered), against /healthz at the same concurrency:
//   roster page 1 (the province), a later page (a cursor at a random member's place, as a user reaches it by "next"),
//   search by surname 王, by a full name (of two people), by ID number, the employers list, the org list (the
//   province's subtree) and the statistics page (overview and trail at once, then the children of one indicator).
// Against a server of the old contract (page numbers: no `next` in the answer), the later page is page 1000.
//
//   DATABASE_URL=postgres://… npm run bench -- lists [--scale S] [--seed N] [--concurrency 1,10,100] [--requests N]
//                                                     [--existing] [--no-record]
// --existing: DATABASE_URL is a province generated already (with this seed's data; QIAOLIANG_KEY its data key and
// QIAOLIANG_ADMIN_PASSWORD its admin's password). --requests: per request and concurrency (default: 100, or 5 per user).
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { systemActor } from '../src/core/actor.ts';
import { loadConfig, type Config } from '../src/core/config.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { generateProvince, registerGenerateJob } from '../src/core/generate/job.ts';
import { openPlatform } from '../src/core/platform.ts';
import { createCipher } from '../src/core/personal-data.ts';
import { modules } from '../src/modules/index.ts';
import { createServerDatabase } from '../src/test/server-database.ts';
import { freePort, machine, revision, sleep } from './measure.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '2013' },
    concurrency: { type: 'string', default: '1,10,100' },
    requests: { type: 'string' },
    existing: { type: 'boolean' },
    'no-record': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (flags.help) {
  console.log('usage: DATABASE_URL=postgres://… npm run bench -- lists [--scale S] [--seed N] [--concurrency 1,10,100] [--requests N] [--existing] [--no-record]');
  process.exit(0);
}
if (!process.env.DATABASE_URL) {
  console.error('the lists benchmark runs on PostgreSQL: set DATABASE_URL (a server where the role may create databases, or with --existing the generated one)');
  process.exit(2);
}
const scale = Number(flags.scale);
const levels = flags.concurrency.split(',').map(Number);
if (levels.some((level) => !Number.isInteger(level) || level < 1)) throw new Error(`--concurrency takes whole numbers ≥ 1, not ${flags.concurrency}`);
const requestsAt = (level: number) => (flags.requests ? Number(flags.requests) : Math.max(100, 5 * level));
const adminPassword = flags.existing ? (process.env.QIAOLIANG_ADMIN_PASSWORD ?? '') : 'Bench-password-2013';
const dataKey = flags.existing ? (process.env.QIAOLIANG_KEY ?? '') : Buffer.alloc(32, 7).toString('base64');
if (flags.existing && (!adminPassword || !dataKey)) throw new Error('--existing needs QIAOLIANG_KEY and QIAOLIANG_ADMIN_PASSWORD of that database');

// A seeded generator, so two runs ask the same things.
let state = Number(flags.seed) >>> 0 || 1;
const random = () => ((state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

const loadAtStart = loadavg();
const work = mkdtempSync(join(tmpdir(), 'qiaoliang-bench-lists-'));
const fresh = flags.existing ? undefined : await createServerDatabase();
const databaseUrl = fresh?.url ?? process.env.DATABASE_URL;
let generated = 'existing database';
let generateSeconds: number | undefined;

/** The province, generated in this process as `generate --scale S` does. */
async function generate(): Promise<void> {
  const database = await openDatabase({ databaseUrl });
  const config: Config = { ...loadConfig({}), dataDir: work, dataKey, adminPassword, logLevel: 'silent' };
  const platform = await openPlatform(config, modules, { database });
  registerGenerateJob(platform.jobs, platform, platform.modules);
  try {
    const begun = performance.now();
    let lastLine = 0;
    const result = await generateProvince(systemActor('bench'), platform, { scale, seed: Number(flags.seed), until: 2012 }, (done, total) => {
      if (performance.now() - lastLine < 15_000) return;
      lastLine = performance.now();
      console.log(`generating: ${done.toLocaleString('en')} / ${(total ?? 0).toLocaleString('en')}`);
    });
    generateSeconds = (performance.now() - begun) / 1000;
    generated = Object.entries(result.counts).map(([key, value]) => `${key} ${Number(value).toLocaleString('en')}`).join(', ');
    console.log(`generated scale ${scale} in ${generateSeconds.toFixed(1)} s: ${generated}`);
  } finally {
    await database.close();
  }
}

/** What the requests ask for, drawn from the data: names of two people, ID numbers, places in the roster. */
async function samples() {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const query = async <R>(text: string) => (await client.query(text)).rows as R[];
    const one = async <R>(text: string) => (await query<R>(text))[0]!;
    const { version } = await one<{ version: string }>('SELECT current_setting(\'server_version\') AS version');
    const { members } = await one<{ members: number }>('SELECT count(*)::int AS members FROM memberships WHERE ended_on IS NULL');
    const names = (await query<{ name: string }>('SELECT name FROM workers GROUP BY name HAVING count(*) = 2 ORDER BY name LIMIT 200')).map((row) => row.name);
    const cipher = createCipher(Buffer.from(dataKey, 'base64'));
    const idNumbers = (await query<{ id_number_cipher: Buffer }>('SELECT id_number_cipher FROM workers ORDER BY id LIMIT 200 OFFSET 1000')).map((row) => cipher.decrypt(row.id_number_cipher));
    // Places in the roster's order (union code, date joined, id), anywhere in it: a "later page" starts at one.
    const places = await query<{ code: string; joined_on: string; id: number }>(
      `SELECT o.code, m.joined_on::text AS joined_on, m.id::int AS id FROM memberships m JOIN orgs o ON o.id = m.org_id
       WHERE m.ended_on IS NULL ORDER BY md5(m.id::text) LIMIT 200`,
    );
    const cursors = places.map((place) => Buffer.from(JSON.stringify(['roster', place.code, place.joined_on, place.id])).toString('base64url'));
    const { root } = await one<{ root: string }>('SELECT code AS root FROM orgs WHERE parent_id IS NULL');
    return { version, members, names, idNumbers, cursors, root };
  } finally {
    await client.end();
  }
}

/** `node bin/qiaoliang.js start` on the database; resolves once /healthz answers 200. */
async function startServer(): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: work,
    PORT: String(port),
    HOST: '127.0.0.1',
    QIAOLIANG_KEY: dataKey,
    QIAOLIANG_ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'warn',
    QIAOLIANG_DEMO: 'off',
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
      if (response.status === 200) return { url, child, stop };
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
}

async function login(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ username: 'admin', password: adminPassword }) });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('qiaoliang_session='));
  if (!cookie) throw new Error('login set no session cookie');
  return cookie.split(';')[0]!;
}

const requestTimeoutMs = 60_000;

async function timedGet(url: string, cookie: string | undefined, check?: (body: unknown) => void): Promise<void> {
  const response = await fetch(url, { headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(requestTimeoutMs) });
  const body = (await response.json()) as unknown;
  if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  check?.(body);
}

/** `count` requests made by `users` at once, each user asking again as soon as answered. */
async function load(users: number, count: number, request: () => Promise<void>): Promise<{ samples: number[]; errors: number; firstError?: string }> {
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

// ---------------------------------------------------------------------------------------------------------------
let server: Awaited<ReturnType<typeof startServer>> | undefined;
type Row = { name: string; byLevel: Map<number, { p50: number; p95: number; errors: number; n: number; firstError?: string }> };
const rows: Row[] = [];
let sampled: Awaited<ReturnType<typeof samples>>;
let contract = 'keyset';
try {
  if (!flags.existing) await generate();
  sampled = await samples();
  console.log(`PostgreSQL ${sampled.version}; ${sampled.members.toLocaleString('en')} active members; ${sampled.names.length} names of two people, ${sampled.idNumbers.length} ID numbers, ${sampled.cursors.length} roster places`);
  server = await startServer();
  const api = `${server.url}/api/v1`;
  const cookie = await login(server.url);
  const first = (await (await fetch(`${api}/members?pageSize=20`, { headers: { cookie } })).json()) as { next?: unknown };
  if (!('next' in first)) contract = 'page numbers';
  const s = sampled;
  const year = 2012;
  const cases: { name: string; run: () => Promise<void> }[] = [
    { name: '`/healthz` (the floor)', run: () => timedGet(`${server!.url}/healthz`, undefined) },
    { name: 'roster, province, page 1', run: () => timedGet(`${api}/members?pageSize=20`, cookie) },
    {
      name: contract === 'keyset' ? 'roster, a later page (after a random member)' : 'roster, page 1000',
      run: () => timedGet(contract === 'keyset' ? `${api}/members?pageSize=20&after=${pick(s.cursors)}` : `${api}/members?pageSize=20&page=1000`, cookie),
    },
    { name: 'search by surname 王', run: () => timedGet(`${api}/members?pageSize=20&q=${encodeURIComponent('王')}`, cookie) },
    { name: 'search by a full name (2 people)', run: () => timedGet(`${api}/members?pageSize=20&q=${encodeURIComponent(pick(s.names))}`, cookie, (body) => {
      if ((body as { items: unknown[] }).items.length === 0) throw new Error('a full-name search found nobody');
    }) },
    { name: 'search by ID number', run: () => timedGet(`${api}/members?pageSize=20&status=all&idNumber=${pick(s.idNumbers)}`, cookie, (body) => {
      if ((body as { items: unknown[] }).items.length === 0) throw new Error('an ID-number search found nobody');
    }) },
    { name: 'employers, province, page 1', run: () => timedGet(`${api}/employers?pageSize=20`, cookie) },
    { name: 'orgs, province subtree, page 1', run: () => timedGet(`${api}/orgs?pageSize=20&depth=subtree`, cookie) },
    {
      name: 'statistics page (3 calls)',
      run: async () => {
        await Promise.all([timedGet(`${api}/statistics/overview?org=${s.root}&year=${year}`, cookie), timedGet(`${api}/orgs/${s.root}/trail`, cookie)]);
        await timedGet(`${api}/statistics/children?org=${s.root}&year=${year}&indicator=org.members`, cookie);
      },
    },
  ];
  for (const c of cases) rows.push({ name: c.name, byLevel: new Map() });
  // Warm up: each request a few times, so the first timed ones do not pay for cold caches and plans.
  for (const c of cases) for (let i = 0; i < 5; i++) await c.run();
  for (const level of levels) {
    const count = requestsAt(level);
    for (const [index, c] of cases.entries()) {
      const result = await load(level, count, c.run);
      const cell = { p50: result.samples.length ? percentile(result.samples, 50) : NaN, p95: result.samples.length ? percentile(result.samples, 95) : NaN, errors: result.errors, n: count, ...(result.firstError ? { firstError: result.firstError } : {}) };
      rows[index]!.byLevel.set(level, cell);
      console.log(`${level} user(s), ${c.name}: p50 ${cell.p50.toFixed(1)} ms, p95 ${cell.p95.toFixed(1)} ms, ${result.errors} errors of ${count}${result.firstError ? ` (${result.firstError})` : ''}`);
    }
  }
} finally {
  await server?.stop();
  await fresh?.drop();
  rmSync(work, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------
const loadAtEnd = loadavg();
const floor = rows[0]!;
const fmt = (ms: number) => (Number.isNaN(ms) ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const header = `| request | ${levels.map((level) => `${level} user${level > 1 ? 's' : ''}: p50 / p95 ms | p95 ÷ healthz p95`).join(' | ')} | errors |`;
const rule = `|---|${levels.map(() => '---:|---:').join('|')}|---:|`;
const lines = rows.map((row) => {
  const cells = levels.map((level) => {
    const cell = row.byLevel.get(level)!;
    const ratio = row === floor ? '1×' : `${(cell.p95 / floor.byLevel.get(level)!.p95).toFixed(1)}×`;
    return `${fmt(cell.p50)} / ${fmt(cell.p95)} | ${ratio}`;
  });
  const errors = levels.reduce((sum, level) => sum + row.byLevel.get(level)!.errors, 0);
  return `| ${row.name} | ${cells.join(' | ')} | ${errors} |`;
});
const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const table = [
  '',
  `## lists — ${date}`,
  '',
  `- engine: PostgreSQL ${sampled!.version} (\`node bin/qiaoliang.js start\`, its pool of 10 connections); the client on the same machine, over loopback`,
  `- machine: ${machine()}; Node ${process.versions.node}; load average ${loadAtStart.map((value) => value.toFixed(2)).join(' ')} at the start, ${loadAtEnd.map((value) => value.toFixed(2)).join(' ')} at the end`,
  `- code: ${revision()}; the server's list contract: ${contract}`,
  `- command: \`DATABASE_URL=postgres://… npm run bench -- lists --scale ${scale} --concurrency ${levels.join(',')}${flags.requests ? ` --requests ${flags.requests}` : ''}${flags.existing ? ' --existing' : ''}\``,
  `- province at scale ${scale} (seed ${flags.seed}): ${generated}${generateSeconds ? `; generated in ${generateSeconds.toFixed(0)} s` : ''}; ${sampled!.members.toLocaleString('en')} active members`,
  `- each cell: ${levels.map((level) => `${requestsAt(level)} requests by ${level} user(s) at once`).join(', ')}; a user asks again as soon as answered`,
  '',
  header,
  rule,
  ...lines,
  '',
].join('\n');
console.log(table);
if (!flags['no-record']) appendFileSync(join(root, 'docs', 'benchmarks.md'), table);
const key = (name: string) => name.replace(/[`()]/g, '').replace(/[^\w\u4e00-\u9fff]+/g, '_').replace(/^_|_$/g, '').toLowerCase();
const fields = rows.flatMap((row) => levels.map((level) => `${key(row.name)}_c${level}_p95_ms=${fmt(row.byLevel.get(level)!.p95)}`));
const errors = rows.reduce((sum, row) => sum + levels.reduce((s, level) => s + row.byLevel.get(level)!.errors, 0), 0);
console.log(`RESULT lists scale=${scale} contract=${contract.replace(' ', '_')} errors=${errors} ${fields.join(' ')}`);
