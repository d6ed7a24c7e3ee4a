// The registers at province scale, over HTTP, as users reach them: a synthetic province is generated on the PostgreSQL
// server at DATABASE_URL (a fresh database, dropped afterwards; or, with --existing, the database DATABASE_URL names,
// generated before), `node bin/qiaoliang.js start` serves it, and each request below is timed at each concurrency
// (that many users asking at once, each again as soon as answered), against /healthz at the same concurrency:
//   roster page 1 (the province), a later page (a cursor at a random member's place, as a user reaches it by "next"),
//   search by surname 王, by a full name (of two people), by ID number, by phone, by card number, the employers list,
//   the org list (the province's subtree) and the statistics page (overview and trail at once, then the children of
//   one indicator).
// Against a server of the old contract (page numbers: no `next` in the answer), the later page is page 1000.
// The generator gives no membership a card number: the benchmark gives 200 active memberships one (BENCH-<id>) so
// that there are cards to search for (in an --existing database too, once; nothing else is written).
//
//   DATABASE_URL=postgres://… npm run bench -- lists [--scale S] [--seed N] [--concurrency 1,10,100] [--requests N]
//                                                     [--duration SECONDS] [--existing] [--no-record]
// --existing: DATABASE_URL is a province generated already (with this seed's data; QIAOLIANG_KEY its data key and
// QIAOLIANG_ADMIN_PASSWORD its admin's password). --requests: per request and concurrency (default: 100, or 5 per user).
// --duration: instead of the table by concurrency, a sustained load (issue 12, docs/reliability.md): the largest
// --concurrency's users, each asking in turn for the roster's page 1, a later page, a surname, a full name, the
// statistics page and /healthz, for that many seconds; p50/p95/p99 and errors of each, and the server's resident
// memory (VmRSS of its process, /proc/<pid>/status) sampled every 5 s.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ensureWebBuild } from '../src/core/http/web-assets.ts';
import { createCipher } from '../src/core/personal-data.ts';
import { createServerDatabase } from '../src/test/server-database.ts';
import { machine, revision } from './measure.ts';
import { cpuNow, fmt, generateProvinceOn, levelTable, login, measureLevels, nonEmpty, percentile, postmasterOf, residentMiB, startServer, timedGet, type BenchServer, type LevelRow } from './server.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '2013' },
    concurrency: { type: 'string', default: '1,10,100' },
    requests: { type: 'string' },
    duration: { type: 'string' },
    existing: { type: 'boolean' },
    'no-record': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (flags.help) {
  console.log('usage: DATABASE_URL=postgres://… npm run bench -- lists [--scale S] [--seed N] [--concurrency 1,10,100] [--requests N] [--duration SECONDS] [--existing] [--no-record]');
  process.exit(0);
}
if (!process.env.DATABASE_URL) {
  console.error('the lists benchmark runs on PostgreSQL: set DATABASE_URL (a server where the role may create databases, or with --existing the generated one)');
  process.exit(2);
}
const scale = Number(flags.scale);
const levels = flags.concurrency.split(',').map(Number);
if (levels.some((level) => !Number.isInteger(level) || level < 1)) throw new Error(`--concurrency takes whole numbers ≥ 1, not ${flags.concurrency}`);
const durationSeconds = flags.duration === undefined ? undefined : Number(flags.duration);
if (durationSeconds !== undefined && !(durationSeconds > 0)) throw new Error(`--duration takes a number of seconds, not ${flags.duration}`);
const requestsAt = (level: number) => (flags.requests ? Number(flags.requests) : Math.max(100, 5 * level));
const adminPassword = flags.existing ? (process.env.QIAOLIANG_ADMIN_PASSWORD ?? '') : 'Bench-password-2013';
const dataKey = flags.existing ? (process.env.QIAOLIANG_KEY ?? '') : Buffer.alloc(32, 7).toString('base64');
if (flags.existing && (!adminPassword || !dataKey)) throw new Error('--existing needs QIAOLIANG_KEY and QIAOLIANG_ADMIN_PASSWORD of that database');

// A seeded generator, so two runs ask the same things.
let state = Number(flags.seed) >>> 0 || 1;
const random = () => ((state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const loadAtStart = loadavg();
const work = mkdtempSync(join(tmpdir(), 'qiaoliang-bench-lists-'));
const fresh = flags.existing ? undefined : await createServerDatabase();
const databaseUrl = fresh?.url ?? process.env.DATABASE_URL;
let generated = 'existing database';
let generateSeconds: number | undefined;

/** What the requests ask for, drawn from the data: names of two people, ID numbers, places in the roster. */
async function samples() {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const query = async <R>(text: string) => (await client.query(text)).rows as R[];
    const one = async <R>(text: string) => (await query<R>(text))[0]!;
    const { version } = await one<{ version: string }>('SELECT current_setting(\'server_version\') AS version');
    postmaster = await postmasterOf(client);
    const { members } = await one<{ members: number }>('SELECT count(*)::int AS members FROM memberships WHERE ended_on IS NULL');
    // Names that two people have, both members now (the roster lists active members by default).
    const names = (
      await query<{ name: string }>(
        `SELECT w.name FROM workers w LEFT JOIN (SELECT DISTINCT worker_id FROM memberships WHERE ended_on IS NULL) a ON a.worker_id = w.id
         GROUP BY w.name HAVING count(*) = 2 AND count(a.worker_id) = 2 ORDER BY w.name LIMIT 200`,
      )
    ).map((row) => row.name);
    const cipher = createCipher(Buffer.from(dataKey, 'base64'));
    const idNumbers = (await query<{ id_number_cipher: Buffer }>('SELECT id_number_cipher FROM workers ORDER BY id LIMIT 200 OFFSET 1000')).map((row) => cipher.decrypt(row.id_number_cipher));
    const phones = (await query<{ phone_cipher: Buffer }>('SELECT phone_cipher FROM workers WHERE phone_cipher IS NOT NULL ORDER BY id LIMIT 200 OFFSET 2000')).map((row) => cipher.decrypt(row.phone_cipher));
    // Cards: the generator gives none, so 200 active memberships get one (once: a second run finds them).
    const cardsOf = async () => (await query<{ card_number: string }>(`SELECT card_number FROM memberships WHERE card_number LIKE 'BENCH-%' AND ended_on IS NULL ORDER BY card_number LIMIT 200`)).map((row) => row.card_number);
    let cards = await cardsOf();
    if (cards.length < 200) {
      await client.query(
        `UPDATE memberships SET card_number = 'BENCH-' || id WHERE id IN (
           SELECT id FROM memberships WHERE ended_on IS NULL AND card_number IS NULL ORDER BY md5(id::text) LIMIT ${200 - cards.length})`,
      );
      cards = await cardsOf();
    }
    // Places in the roster's order (union code, date joined, id), anywhere in it: a "later page" starts at one.
    const places = await query<{ code: string; joined_on: string; id: number }>(
      `SELECT o.code, m.joined_on::text AS joined_on, m.id::int AS id FROM memberships m JOIN orgs o ON o.id = m.org_id
       WHERE m.ended_on IS NULL ORDER BY md5(m.id::text) LIMIT 200`,
    );
    const cursors = places.map((place) => Buffer.from(JSON.stringify(['roster', place.code, place.joined_on, place.id])).toString('base64url'));
    const { root } = await one<{ root: string }>('SELECT code AS root FROM orgs WHERE parent_id IS NULL');
    return { version, members, names, idNumbers, phones, cards, cursors, root };
  } finally {
    await client.end();
  }
}

interface Sustained {
  users: number;
  seconds: number;
  byCase: { name: string; samples: number[]; errors: number; firstError?: string }[];
  /** Seconds since the load began, and the server's VmRSS then (MiB). */
  rss: { at: number; mib: number }[];
}

/**
 * `users` users for `seconds`, each asking for the cases in turn (user i starting at case i), again as soon as
 * answered; the server's VmRSS sampled every 5 s meanwhile.
 */
async function sustain(users: number, seconds: number, cases: { name: string; run: () => Promise<void> }[], pid: number | undefined): Promise<Sustained> {
  const byCase = cases.map((c) => ({ name: c.name, samples: [] as number[], errors: 0, firstError: undefined as string | undefined }));
  const rss: Sustained['rss'] = [];
  const begun = performance.now();
  const end = begun + seconds * 1000;
  const sample = () => {
    const mib = residentMiB(pid);
    if (mib !== undefined) rss.push({ at: (performance.now() - begun) / 1000, mib });
  };
  sample();
  const sampler = setInterval(sample, 5000);
  let lastLine = begun;
  try {
    await Promise.all(
      Array.from({ length: users }, async (_, user) => {
        for (let turn = user; performance.now() < end; turn++) {
          const index = turn % cases.length;
          const started = performance.now();
          try {
            await cases[index]!.run();
            byCase[index]!.samples.push(performance.now() - started);
          } catch (error) {
            byCase[index]!.errors++;
            byCase[index]!.firstError ??= String(error);
          }
          if (user === 0 && performance.now() - lastLine > 60_000) {
            lastLine = performance.now();
            const done = byCase.reduce((sum, c) => sum + c.samples.length + c.errors, 0);
            console.log(`${((lastLine - begun) / 1000).toFixed(0)} s: ${done.toLocaleString('en')} requests, server RSS ${rss.at(-1)?.mib.toFixed(0) ?? '?'} MiB`);
          }
        }
      }),
    );
  } finally {
    clearInterval(sampler);
  }
  sample();
  return { users, seconds, byCase: byCase.map(({ firstError, ...rest }) => ({ ...rest, ...(firstError ? { firstError } : {}) })), rss };
}

// ---------------------------------------------------------------------------------------------------------------
let server: BenchServer | undefined;
let postmaster: number | undefined;
const rows: LevelRow[] = [];
let sampled: Awaited<ReturnType<typeof samples>>;
let contract = 'keyset';
let sustained: Sustained | undefined;
let serverMemory = '';
let sustainedCpu: { node: number; pg: number } | undefined;
try {
  if (!flags.existing) {
    const result = await generateProvinceOn({ databaseUrl, dataDir: work, dataKey, adminPassword }, scale, Number(flags.seed));
    generateSeconds = result.seconds;
    generated = result.generated;
  }
  sampled = await samples();
  console.log(`PostgreSQL ${sampled.version}; ${sampled.members.toLocaleString('en')} active members; ${sampled.names.length} names of two people, ${sampled.idNumbers.length} ID numbers, ${sampled.cursors.length} roster places`);
  // The pages built here, not by the server: a server that builds them keeps vite's memory (the sustained load's RSS).
  await ensureWebBuild((line) => console.log(line));
  server = await startServer({ databaseUrl, dataDir: work, dataKey, adminPassword });
  const rssAtStart = residentMiB(server.child.pid);
  serverMemory = `VmRSS ${rssAtStart?.toFixed(0) ?? '?'} MiB when /healthz first answered${server.builtPages ? ' (the server had built the web pages itself: vite\'s memory included)' : ' (dist/web current: no build in the server)'}`;
  console.log(`server up; ${serverMemory}`);
  const api = `${server.url}/api/v1`;
  const cookie = await login(server.url, 'admin', adminPassword);
  const first = (await (await fetch(`${api}/members?pageSize=20`, { headers: { cookie } })).json()) as { next?: unknown };
  if (!('next' in first)) contract = 'page numbers';
  const s = sampled;
  const year = 2012;
  const cases: { name: string; run: () => Promise<void> }[] = [
    { name: '`/healthz` (the floor)', run: () => timedGet(`${server!.url}/healthz`, undefined) },
    { name: 'roster, province, page 1', run: () => timedGet(`${api}/members?pageSize=20`, cookie, nonEmpty('roster page 1')) },
    {
      name: contract === 'keyset' ? 'roster, a later page (after a random member)' : 'roster, page 1000',
      run: () => timedGet(contract === 'keyset' ? `${api}/members?pageSize=20&after=${pick(s.cursors)}` : `${api}/members?pageSize=20&page=1000`, cookie, nonEmpty('a later page')),
    },
    { name: 'search by surname 王', run: () => timedGet(`${api}/members?pageSize=20&q=${encodeURIComponent('王')}`, cookie) },
    { name: 'search by a full name (2 people)', run: () => timedGet(`${api}/members?pageSize=20&q=${encodeURIComponent(pick(s.names))}`, cookie, (body) => {
      if ((body as { items: unknown[] }).items.length === 0) throw new Error('a full-name search found nobody');
    }) },
    { name: 'search by ID number', run: () => timedGet(`${api}/members?pageSize=20&status=all&idNumber=${pick(s.idNumbers)}`, cookie, (body) => {
      if ((body as { items: unknown[] }).items.length === 0) throw new Error('an ID-number search found nobody');
    }) },
    { name: 'search by phone', run: () => timedGet(`${api}/members?pageSize=20&status=all&phone=${pick(s.phones)}`, cookie, (body) => {
      if ((body as { items: unknown[] }).items.length === 0) throw new Error('a phone search found nobody');
    }) },
    { name: 'search by card number', run: () => timedGet(`${api}/members?pageSize=20&cardNumber=${pick(s.cards)}`, cookie, (body) => {
      if ((body as { items: unknown[] }).items.length === 0) throw new Error('a card-number search found nobody');
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
  if (durationSeconds !== undefined) {
    const mix = ['`/healthz` (the floor)', 'roster, province, page 1', 'roster, a later page (after a random member)', 'roster, page 1000', 'search by surname 王', 'search by a full name (2 people)', 'statistics page (3 calls)'];
    const users = Math.max(...levels);
    console.log(`${users} users for ${durationSeconds} s: ${mix.filter((name) => cases.some((c) => c.name === name)).join(', ')}`);
    serverMemory += `, ${residentMiB(server.child.pid)?.toFixed(0) ?? '?'} MiB after the warm-up`;
    const before = cpuNow(server.child.pid, postmaster);
    sustained = await sustain(users, durationSeconds, cases.filter((c) => mix.includes(c.name)), server.child.pid);
    const after = cpuNow(server.child.pid, postmaster);
    if (before && after) sustainedCpu = { node: after.node - before.node, pg: after.pg - before.pg };
  }
  if (durationSeconds === undefined) await measureLevels(cases, rows, levels, requestsAt, server.child.pid, postmaster);
} finally {
  await server?.stop();
  await fresh?.drop();
  rmSync(work, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------
const loadAtEnd = loadavg();
const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const key = (name: string) => name.replace(/[`()]/g, '').replace(/[^\w\u4e00-\u9fff]+/g, '_').replace(/^_|_$/g, '').toLowerCase();
const loads = `load average ${loadAtStart.map((value) => value.toFixed(2)).join(' ')} at the start, ${loadAtEnd.map((value) => value.toFixed(2)).join(' ')} at the end`;
const command = `\`DATABASE_URL=postgres://… npm run bench -- lists --scale ${scale} --concurrency ${levels.join(',')}${flags.requests ? ` --requests ${flags.requests}` : ''}${durationSeconds ? ` --duration ${durationSeconds}` : ''}${flags.existing ? ' --existing' : ''}\``;
const preamble = [
  `- engine: PostgreSQL ${sampled!.version} (\`node bin/qiaoliang.js start\`, its pool of 10 connections); the client on the same machine, over loopback`,
  `- machine: ${machine()}; Node ${process.versions.node}; ${loads}`,
  `- code: ${revision()}; the server's list contract: ${contract}`,
  `- command: ${command}`,
  `- province at scale ${scale} (seed ${flags.seed}): ${generated}${generateSeconds ? `; generated in ${generateSeconds.toFixed(0)} s` : ''}; ${sampled!.members.toLocaleString('en')} active members`,
];

if (sustained) {
  const all = sustained.byCase.flatMap((c) => c.samples);
  const totalErrors = sustained.byCase.reduce((sum, c) => sum + c.errors, 0);
  const floorCase = sustained.byCase.find((c) => c.name.includes('healthz'));
  const floorP95 = floorCase?.samples.length ? percentile(floorCase.samples, 95) : NaN;
  const line = (name: string, samples: number[], errors: number) =>
    `| ${name} | ${samples.length.toLocaleString('en')} | ${samples.length ? `${fmt(percentile(samples, 50))} | ${fmt(percentile(samples, 95))} | ${fmt(percentile(samples, 99))} | ${fmt(Math.max(...samples))}` : '— | — | — | —'} | ${samples.length && floorP95 ? `${(percentile(samples, 95) / floorP95).toFixed(1)}×` : '—'} | ${errors} |`;
  // Memory: each minute's mean, and the least-squares slope over the run and over its second half.
  const rss = sustained.rss;
  const slope = (points: { at: number; mib: number }[]) => {
    if (points.length < 2) return NaN;
    const mx = points.reduce((sum, p) => sum + p.at, 0) / points.length;
    const my = points.reduce((sum, p) => sum + p.mib, 0) / points.length;
    const num = points.reduce((sum, p) => sum + (p.at - mx) * (p.mib - my), 0);
    const den = points.reduce((sum, p) => sum + (p.at - mx) ** 2, 0);
    return den ? (num / den) * 60 : NaN;
  };
  const minutes = new Map<number, number[]>();
  for (const point of rss) minutes.set(Math.floor(point.at / 60), [...(minutes.get(Math.floor(point.at / 60)) ?? []), point.mib]);
  const perMinute = [...minutes.entries()].map(([minute, values]) => `${minute}: ${(values.reduce((a, b) => a + b, 0) / values.length).toFixed(0)}`);
  const rssValues = rss.map((point) => point.mib);
  const memory = rss.length
    ? [
        `- server memory: ${serverMemory}; under the load (VmRSS of the server's process, every 5 s, ${rss.length} samples): first ${rssValues[0]!.toFixed(0)} MiB, last ${rssValues.at(-1)!.toFixed(0)} MiB, min ${Math.min(...rssValues).toFixed(0)}, max ${Math.max(...rssValues).toFixed(0)} MiB;`,
        `  slope ${slope(rss).toFixed(2)} MiB/min over the run, ${slope(rss.filter((p) => p.at >= sustained!.seconds / 2)).toFixed(2)} MiB/min over its second half`,
        `- mean VmRSS by minute (MiB): ${perMinute.join(', ')}`,
      ]
    : ['- server memory: not sampled (no /proc)'];
  const table = [
    '',
    `## lists, sustained load — ${date}`,
    '',
    ...preamble,
    `- ${sustained.users} users for ${sustained.seconds} s, each asking for the requests below in turn, again as soon as answered; ${all.length.toLocaleString('en')} answers (${(all.length / sustained.seconds).toFixed(0)}/s)`,
    ...memory,
    ...(sustainedCpu ? [`- CPU over the run: the server ${(sustainedCpu.node / 1000).toFixed(0)} s (${((sustainedCpu.node / 1000 / sustained.seconds) * 100).toFixed(0)} % of one core), PostgreSQL ${(sustainedCpu.pg / 1000).toFixed(0)} s (${((sustainedCpu.pg / 1000 / sustained.seconds) * 100).toFixed(0)} %), of the machine's ${cpus().length} cores`] : []),
    '',
    '| request | answers | p50 ms | p95 ms | p99 ms | max ms | p95 ÷ healthz p95 | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...sustained.byCase.map((c) => line(c.name, c.samples, c.errors)),
    line('all of them', all, totalErrors),
    '',
    ...sustained.byCase.filter((c) => c.firstError).map((c) => `- first error of ${c.name}: ${c.firstError}`),
    '',
  ].join('\n');
  console.log(table);
  console.log(`rss series (s MiB): ${rss.map((p) => `${p.at.toFixed(0)} ${p.mib.toFixed(1)}`).join(', ')}`);
  if (!flags['no-record']) appendFileSync(join(root, 'docs', 'benchmarks.md'), table);
  console.log(`RESULT lists-sustained scale=${scale} users=${sustained.users} seconds=${sustained.seconds} errors=${totalErrors} all_p50_ms=${fmt(percentile(all, 50))} all_p95_ms=${fmt(percentile(all, 95))} all_p99_ms=${fmt(percentile(all, 99))} rss_first_mib=${rssValues[0]?.toFixed(0)} rss_last_mib=${rssValues.at(-1)?.toFixed(0)} rss_max_mib=${rssValues.length ? Math.max(...rssValues).toFixed(0) : ''}`);
} else {
  const { header, rule, lines, firstErrors } = levelTable(rows, levels);
  const table = [
    '',
    `## lists — ${date}`,
    '',
    ...preamble,
    `- each cell: ${levels.map((level) => `${requestsAt(level)} requests by ${level} user(s) at once`).join(', ')}; a user asks again as soon as answered`,
    '',
    header,
    rule,
    ...lines,
    '',
    ...(firstErrors.length ? [...firstErrors, ''] : []),
  ].join('\n');
  console.log(table);
  if (!flags['no-record']) appendFileSync(join(root, 'docs', 'benchmarks.md'), table);
  const fields = rows.flatMap((row) => levels.map((level) => `${key(row.name)}_c${level}_p95_ms=${fmt(row.byLevel.get(level)!.p95)}`));
  const errors = rows.reduce((sum, row) => sum + levels.reduce((s, level) => s + row.byLevel.get(level)!.errors, 0), 0);
  console.log(`RESULT lists scale=${scale} contract=${contract.replace(' ', '_')} errors=${errors} ${fields.join(' ')}`);
}
