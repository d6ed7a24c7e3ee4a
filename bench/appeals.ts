// The appeals module over HTTP (issue 15, "Bench"): a synthetic province is generated on the PostgreSQL server at
// DATABASE_URL (a fresh database, dropped afterwards; or, with --existing, the database DATABASE_URL names, generated
// before), `node bin/qiaoliang.js start` serves it, and each request below is timed at each concurrency (that many
// users asking at once, each again as soon as answered), against /healthz and `SELECT 1` at the same concurrency:
//   the county queue page as AppealsPage.tsx opens it for a county officer (the case list of the shell's year —
//   the current one — and GET /queues, at once), the same list for 2012 (a year of the generated cases), the overdue
//   queue's tab, /queues alone; the public submission (POST /api/v1/public/appeals, a challenge solved for each
//   before the timed part) of an appeal against a new employer, and of a wages appeal against one of 10 employers
//   whose appeals cluster (each raises a warning at the threshold, later ones join it).
// Then the early warning's detection alone (bench/server.ts timeDetection), in process on the same database: an
// appeal without a cluster, one that brings a cluster to its threshold (raises), one that joins a standing warning,
// and a group appeal; each in a transaction rolled back.
//
// What the benchmark writes in the database (in an --existing one too): every generated case is closed, so that the
// queues have work it puts 2 % of them back in progress (due from 10 days ago to 10 days ahead; once: a second run
// finds them) — the per-year aggregates then no longer match the cases; a county officer's account (bench_county);
// and the appeals it submits. The public routes' limits stay as they are: the server trusts X-Forwarded-For from
// 127.0.0.1 (TRUST_PROXY, as behind a reverse proxy on the same host) and each public request comes from an address
// of its own, so the per-address rate limit (10 submissions, 30 challenges a minute) never trips.
//
//   DATABASE_URL=postgres://… npm run bench -- appeals [--scale S] [--seed N] [--concurrency 1,10,100] [--requests N]
//                                                       [--detections N] [--existing] [--no-record]
// --existing: DATABASE_URL is a province generated already (QIAOLIANG_KEY its data key and QIAOLIANG_ADMIN_PASSWORD
// its admin's password). --requests: per request and concurrency (default: 100, or 5 per user). --detections: runs of
// each detection case (default 300).
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { systemActor } from '../src/core/actor.ts';
import { loadConfig, type Config } from '../src/core/config.ts';
import { today } from '../src/core/dates.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { ensureWebBuild } from '../src/core/http/web-assets.ts';
import { leadingZeroBits } from '../src/core/public/solve.ts';
import { openPlatform } from '../src/core/platform.ts';
import { createAppeal } from '../src/modules/appeals/service.ts';
import { modules } from '../src/modules/index.ts';
import { createServerDatabase } from '../src/test/server-database.ts';
import { machine, revision } from './measure.ts';
import { fmt, generateProvinceOn, levelTable, login, measureLevels, percentile, postmasterOf, startServer, timeDetection, timedGet, type BenchCase, type BenchServer, type LevelRow } from './server.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '2013' },
    concurrency: { type: 'string', default: '1,10,100' },
    requests: { type: 'string' },
    detections: { type: 'string', default: '300' },
    existing: { type: 'boolean' },
    'no-record': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
const usage = 'usage: DATABASE_URL=postgres://… npm run bench -- appeals [--scale S] [--seed N] [--concurrency 1,10,100] [--requests N] [--detections N] [--existing] [--no-record]';
if (flags.help) {
  console.log(usage);
  process.exit(0);
}
if (!process.env.DATABASE_URL) {
  console.error('the appeals benchmark runs on PostgreSQL: set DATABASE_URL (a server where the role may create databases, or with --existing the generated one)');
  process.exit(2);
}
const scale = Number(flags.scale);
const levels = flags.concurrency.split(',').map(Number);
if (levels.some((level) => !Number.isInteger(level) || level < 1)) throw new Error(`--concurrency takes whole numbers ≥ 1, not ${flags.concurrency}`);
const detections = Number(flags.detections);
const requestsAt = (level: number) => (flags.requests ? Number(flags.requests) : Math.max(100, 5 * level));
const adminPassword = flags.existing ? (process.env.QIAOLIANG_ADMIN_PASSWORD ?? '') : 'Bench-password-2013';
const dataKey = flags.existing ? (process.env.QIAOLIANG_KEY ?? '') : Buffer.alloc(32, 7).toString('base64');
if (flags.existing && (!adminPassword || !dataKey)) throw new Error('--existing needs QIAOLIANG_KEY and QIAOLIANG_ADMIN_PASSWORD of that database');
/** The county officer's account: made with the first password, which the first sign-in must change to the second. */
const officer = { username: 'bench_county', first: 'Bench-county-officer-2013', password: 'Bench-county-officer-2013!' };
/** Names of this run's employers: a run on an --existing database does not find the clusters of an earlier one. */
const tag = Date.now().toString(36);

const loadAtStart = loadavg();
const work = mkdtempSync(join(tmpdir(), 'qiaoliang-bench-appeals-'));
const fresh = flags.existing ? undefined : await createServerDatabase();
const databaseUrl = fresh?.url ?? process.env.DATABASE_URL;
let generated = 'existing database';
let generateSeconds: number | undefined;
let postmaster: number | undefined;

/** The county with the most cases in its subtree; the cases put back in work (once) so that the queues have some. */
async function prepareData() {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async <R>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows[0] as R;
    const { version } = await one<{ version: string }>(`SELECT current_setting('server_version') AS version`);
    postmaster = await postmasterOf(client);
    const open = await one<{ n: number }>(`SELECT count(*)::int AS n FROM appeals WHERE status <> 'closed' AND submitted_on < DATE '2013-01-01'`);
    let reopened = 0;
    if (open.n === 0) {
      // 2 % of the generated cases, in progress, due from 10 days ago to 10 days ahead: overdue and due-soon queues.
      const result = await client.query(
        `UPDATE appeals SET status = 'in_progress', accepted_on = submitted_on, due_on = $1::date + (id % 21)::int - 10,
           answered_on = NULL, answer = NULL, closed_on = NULL, rating = NULL, rating_source = NULL, rating_reason = NULL
         WHERE id IN (SELECT id FROM appeals WHERE submitted_on < DATE '2013-01-01' ORDER BY md5(id::text) LIMIT (SELECT count(*) / 50 FROM appeals))`,
        [today()],
      );
      reopened = result.rowCount ?? 0;
      await client.query('ANALYZE appeals');
    }
    const county = await one<{ id: string; code: string; name: string; path: string; cases: number }>(
      `SELECT o.id, o.code, o.name, o.path::text AS path, count(a.id)::int AS cases FROM orgs o
       JOIN orgs h ON h.path <@ o.path JOIN appeals a ON a.org_id = h.id
       WHERE o.level = 'county' AND o.kind = 'federation' GROUP BY o.id ORDER BY count(a.id) DESC, o.code LIMIT 1`,
    );
    const counts = await one<{ total: number; open: number; county_open: number; county_overdue: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE a.status <> 'closed')::int AS open,
         count(*) FILTER (WHERE a.status <> 'closed' AND o.path <@ $1::ltree)::int AS county_open,
         count(*) FILTER (WHERE a.status IN ('accepted', 'in_progress') AND a.due_on < $2::date AND o.path <@ $1::ltree)::int AS county_overdue
       FROM appeals a JOIN orgs o ON o.id = a.org_id`,
      [county.path, today()],
    );
    const { employers } = await one<{ employers: number }>('SELECT count(*)::int AS employers FROM employers');
    return { version, reopened, county: { ...county, id: Number(county.id) }, counts, employers };
  } finally {
    await client.end();
  }
}

// Each public request from an address of its own (10.0.0.1, 10.0.0.2 …), through the trusted "proxy" at 127.0.0.1.
let addresses = 0;
const nextAddress = () => {
  const n = ++addresses;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

/** A nonce for the token, as the pages find one (src/core/public/solve.ts), with Node's synchronous SHA-256. */
function solve(token: string, bits: number): string {
  for (let attempt = 0; ; attempt++) {
    const nonce = attempt.toString(36);
    if (leadingZeroBits(createHash('sha256').update(`${token}:${nonce}`).digest()) >= bits) return nonce;
  }
}

/** Challenges fetched and solved before the timed part, each used by one submission. */
const solved: { token: string; nonce: string }[] = [];
let solvingMs = 0;
async function solveChallenges(url: string, count: number): Promise<void> {
  const begun = performance.now();
  while (solved.length < count) {
    const response = await fetch(`${url}/api/v1/public/challenge`, { headers: { 'x-forwarded-for': nextAddress() } });
    const body = (await response.json()) as { token: string; bits: number };
    if (response.status !== 200) throw new Error(`challenge: ${response.status} ${JSON.stringify(body)}`);
    solved.push({ token: body.token, nonce: solve(body.token, body.bits) });
  }
  solvingMs += performance.now() - begun;
}

async function submit(url: string, body: Record<string, unknown>): Promise<void> {
  const challenge = solved.pop();
  if (!challenge) throw new Error('no solved challenge left');
  const response = await fetch(`${url}/api/v1/public/appeals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, 'x-forwarded-for': nextAddress(), 'x-challenge': challenge.token, 'x-challenge-proof': challenge.nonce },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const answer = (await response.json()) as { trackingCode?: string };
  if (response.status !== 201 || !answer.trackingCode) throw new Error(`${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
}

/** The officer signed in: the first time, with the first password, changed as the server asks before anything else. */
async function officerSession(url: string): Promise<string> {
  try {
    return await login(url, officer.username, officer.password);
  } catch {
    const first = await login(url, officer.username, officer.first);
    const changed = await fetch(`${url}/api/v1/me/password`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url, cookie: first }, body: JSON.stringify({ currentPassword: officer.first, newPassword: officer.password }) });
    if (changed.status !== 200) throw new Error(`the county officer's new password: ${changed.status} ${await changed.text()}`);
    return login(url, officer.username, officer.password);
  }
}

// ---------------------------------------------------------------------------------------------------------------
let server: BenchServer | undefined;
const rows: LevelRow[] = [];
let data: Awaited<ReturnType<typeof prepareData>>;
const detection: { name: string; samples: number[] }[] = [];
let submissions = 0;
let pool: pg.Pool | undefined;
try {
  if (!flags.existing) {
    const result = await generateProvinceOn({ databaseUrl, dataDir: work, dataKey, adminPassword }, scale, Number(flags.seed));
    generateSeconds = result.seconds;
    generated = result.generated;
  }
  data = await prepareData();
  const county = data.county;
  console.log(`PostgreSQL ${data.version}; ${data.counts.total.toLocaleString('en')} cases (${data.reopened.toLocaleString('en')} put back in work now, ${data.counts.open.toLocaleString('en')} open); county ${county.code} ${county.name}: ${county.cases.toLocaleString('en')} cases, ${data.counts.county_open} open, ${data.counts.county_overdue} overdue`);
  await ensureWebBuild((line) => console.log(line));
  server = await startServer({ databaseUrl, dataDir: work, dataKey, adminPassword, env: { TRUST_PROXY: '127.0.0.1' } });
  const url = server.url;
  const api = `${url}/api/v1`;
  const admin = await login(url, 'admin', adminPassword);
  const created = await fetch(`${api}/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, cookie: admin },
    body: JSON.stringify({ username: officer.username, displayName: '压测县级经办人', orgCode: county.code, role: 'operator', password: officer.first }),
  });
  if (created.status !== 201 && created.status !== 409) throw new Error(`the county officer's account: ${created.status} ${await created.text()}`);
  const cookie = await officerSession(url);
  pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const db = pool;
  const year = new Date().getFullYear();
  const list = (query: string) => timedGet(`${api}/appeals?orgCode=${county.code}&pageSize=20&${query}`, cookie);
  const fields = { kind: 'help', placeCode: county.code, facts: '单位拖欠工资三个月，多次催要未果（压测）', request: '请工会帮助讨回工资', groupInvolved: false, anonymous: true, attachments: [] };
  const submitCase = (name: string, body: () => Record<string, unknown>): BenchCase => ({
    name,
    prepare: (count) => solveChallenges(url, count),
    run: async () => {
      await submit(url, body());
      submissions++;
    },
  });
  let newEmployers = 0;
  let clustered = 0;
  const cases: BenchCase[] = [
    { name: '`/healthz` (the floor)', run: () => timedGet(`${url}/healthz`, undefined) },
    { name: '`SELECT 1` (a pool of 10, as the server\'s)', run: async () => void (await db.query('SELECT 1')) },
    { name: `county queue page opened (list of ${year} + /queues, at once)`, run: async () => void (await Promise.all([list(`year=${year}`), timedGet(`${api}/queues`, cookie)])) },
    { name: 'county list, 2012 (a year of generated cases)', run: () => list('year=2012') },
    { name: 'county list, overdue queue', run: () => list('queue=overdue') },
    { name: '`/queues` (the counts of the home page and the tabs)', run: () => timedGet(`${api}/queues`, cookie) },
    submitCase('public submit, a new employer (no cluster)', () => ({ ...fields, category: 'other', employerName: `压测单位-${tag}-${++newEmployers}` })),
    submitCase('public submit, wages, 10 employers (warnings raised, then joined)', () => ({ ...fields, category: 'wages', employerName: `压测欠薪单位-${tag}-${++clustered % 10}` })),
  ];
  for (const c of cases) rows.push({ name: c.name, byLevel: new Map() });
  // The pool's 10 connections made before the timed part, as the server's are by its warm-up.
  await Promise.all(Array.from({ length: 10 }, () => db.query('SELECT pg_sleep(0.05)')));
  // Warm up: each request a few times, so the first timed ones do not pay for cold caches and plans.
  for (const c of cases) {
    await c.prepare?.(3);
    for (let i = 0; i < 3; i++) await c.run();
  }
  await measureLevels(cases, rows, levels, requestsAt, server.child.pid, postmaster);
  await server.stop();

  // The detection alone, in process on the same database: clusters of this run's own employers in the county.
  // The platform opened on it (its modules' aggregate tables registered: a new case counts in them).
  const database = await openDatabase({ databaseUrl });
  const config: Config = { ...loadConfig({}), dataDir: work, dataKey, adminPassword, logLevel: 'silent' };
  const platform = await openPlatform(config, modules, { database });
  try {
    const cipher = platform.cipher;
    const actor = systemActor('bench');
    const settings = (await pool.query<{ n: number }>('SELECT wages_warning_count AS n FROM appeal_settings LIMIT 1')).rows[0];
    const threshold = settings?.n ?? 3;
    const enter = async (employerName: string, times: number) => {
      for (let i = 0; i < times; i++) await createAppeal(actor, platform.db, cipher, { orgCode: county.code, channel: 'hotline', ...fields, category: 'wages', employerName } as Parameters<typeof createAppeal>[3]);
    };
    await enter(`压测预警-${tag}-到阈值`, threshold - 1);
    await enter(`压测预警-${tag}-已预警`, threshold);
    const base = { orgId: county.id, placeOrgId: county.id, category: 'wages' as const };
    const detectionCases = [
      { name: 'no cluster (an employer with no other appeal)', employerName: `压测预警-${tag}-无` },
      { name: `reaches the threshold (${threshold - 1} wages appeals in the window before it): raises a warning`, employerName: `压测预警-${tag}-到阈值` },
      { name: 'joins the warning that stands for its cluster', employerName: `压测预警-${tag}-已预警` },
      { name: 'a group appeal (raises one at once), no cluster', employerName: `压测预警-${tag}-群体`, groupInvolved: true },
    ];
    for (const c of detectionCases) {
      await timeDetection(platform.db, actor, { ...base, ...c }, 10);
      const samples = await timeDetection(platform.db, actor, { ...base, ...c }, detections);
      detection.push({ name: c.name, samples });
      console.log(`detection, ${c.name}: p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms`);
    }
  } finally {
    await database.close();
  }
} finally {
  await pool?.end();
  await server?.stop();
  await fresh?.drop();
  rmSync(work, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------
const loadAtEnd = loadavg();
const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const key = (name: string) => name.replace(/[`()]/g, '').replace(/[^\w]+/g, '_').replace(/^_|_$/g, '').toLowerCase();
const command = `\`DATABASE_URL=postgres://… npm run bench -- appeals --scale ${scale} --concurrency ${levels.join(',')}${flags.requests ? ` --requests ${flags.requests}` : ''} --detections ${detections}${flags.existing ? ' --existing' : ''}\``;
const { header, rule, lines, firstErrors } = levelTable(rows, levels);
const submitAt1 = rows.find((row) => row.name.startsWith('public submit, a new'))?.byLevel.get(levels[0]!);
const worst = Math.max(...detection.map((c) => percentile(c.samples, 50)));
const verdict = worst < 5 ? `met at p50: the dearest case's median is ${worst.toFixed(2)} ms` : `not met at p50: the dearest case's median is ${worst.toFixed(2)} ms`;
const table = [
  '',
  `## appeals — ${date}`,
  '',
  `- engine: PostgreSQL ${data!.version} (\`node bin/qiaoliang.js start\`, its pool of 10 connections, TRUST_PROXY=127.0.0.1); the client on the same machine, over loopback`,
  `- machine: ${machine()}, shared with other engineers' work (tests, builds) during the run; Node ${process.versions.node}; load average ${loadAtStart.map((v) => v.toFixed(2)).join(' ')} at the start, ${loadAtEnd.map((v) => v.toFixed(2)).join(' ')} at the end`,
  `- code: ${revision()}`,
  `- command: ${command}`,
  `- province at scale ${scale} (seed ${flags.seed}): ${generated}${generateSeconds ? `; generated in ${generateSeconds.toFixed(0)} s` : ''}; ${data!.employers.toLocaleString('en')} employers; ${data!.counts.total.toLocaleString('en')} cases, of which the benchmark put 2 % back in progress (due from 10 days ago to 10 ahead) so that queues have work: ${data!.counts.open.toLocaleString('en')} open`,
  `- the county: ${data!.county.code} ${data!.county.name} (the most cases: ${data!.county.cases.toLocaleString('en')} in its subtree, ${data!.counts.county_open} open, ${data!.counts.county_overdue} overdue), an operator of it signed in`,
  `- each cell: ${levels.map((level) => `${requestsAt(level)} requests by ${level} user(s) at once`).join(', ')}; a user asks again as soon as answered. Each submission with its own challenge (16 bits by default), fetched and solved before its cell (${(solvingMs / 1000).toFixed(0)} s of client CPU in all, not timed), and from an address of its own (X-Forwarded-For): the rate limit is not raised. ${submissions.toLocaleString('en')} submissions`,
  '',
  header,
  rule,
  ...lines,
  '',
  ...(firstErrors.length ? [...firstErrors, ''] : []),
  `Early-warning detection alone (\`detectWarnings\` in the submission's transaction, after the appeal's row; ${detections} runs each, one at a time, each rolled back), in the same county:`,
  '',
  '| appeal | p50 ms | p95 ms | mean ms |',
  '|---|---:|---:|---:|',
  ...detection.map((c) => `| ${c.name} | ${c.samples.length ? percentile(c.samples, 50).toFixed(2) : '—'} | ${c.samples.length ? percentile(c.samples, 95).toFixed(2) : '—'} | ${c.samples.length ? (c.samples.reduce((a, b) => a + b, 0) / c.samples.length).toFixed(2) : '—'} |`),
  '',
  `Issue 15's "detection adds under 5 ms to a submit": ${verdict}${submitAt1 ? ` (a whole public submission at 1 user: p50 ${fmt(submitAt1.p50)} ms)` : ''}.`,
  '',
].join('\n');
console.log(table);
if (!flags['no-record']) appendFileSync(join(root, 'docs', 'benchmarks.md'), table);
const fieldsOut = rows.flatMap((row) => levels.map((level) => `${key(row.name)}_c${level}_p95_ms=${fmt(row.byLevel.get(level)!.p95)}`));
const errors = rows.reduce((sum, row) => sum + levels.reduce((s, level) => s + row.byLevel.get(level)!.errors, 0), 0);
console.log(`RESULT appeals scale=${scale} errors=${errors} ${fieldsOut.join(' ')} ${detection.map((c, i) => `detect${i}_p50_ms=${percentile(c.samples, 50).toFixed(2)}`).join(' ')}`);
