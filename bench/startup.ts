// Start-up time: from spawning `node bin/qiaoliang.js start` (what `npm start` runs) to the first 200 from
// GET /healthz, on an empty data dir (schema, province tree, first admin) and on the second start of the same dir.
// Baselines measured in the same run: a bare `node -e 0` spawn, and opening an empty in-memory PGlite in process.
// With DATABASE_URL set, the same is measured on that PostgreSQL server, on a fresh database per repetition.
//
//   npm run bench -- startup [--runs N]
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { freePort, machine, ms, revision, sleep, stats, type Stats } from './measure.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const pgliteVersion = (JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '3' }, help: { type: 'boolean', short: 'h' } } });
if (flags.help) {
  console.log('usage: npm run bench -- startup [--runs N]\n\nTimes `npm start` to a listening server on an empty data dir and on a second start (and on DATABASE_URL when set).');
  process.exit(0);
}
const runs = Number(flags.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, not ${flags.runs}`);

const ratio = (a: number, b: number) => (a / b).toFixed(1);

/**
 * Spawns the server, polls /healthz until it answers 200, then stops it with SIGTERM and waits for it to exit
 * (so PGlite closes its files and releases the data dir). Returns the time to the first 200 and what it printed.
 */
async function timeStart(env: NodeJS.ProcessEnv): Promise<{ ms: number; output: string }> {
  const port = await freePort();
  const begun = performance.now();
  const child = spawn(process.execPath, ['bin/qiaoliang.js', 'start'], {
    cwd: root,
    // The platform's own start-up is measured, not the demo province a first start would generate.
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', QIAOLIANG_DEMO: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  try {
    const deadline = begun + 120_000;
    for (;;) {
      if (exited !== undefined) throw new Error(`the server exited (${exited}) before answering /healthz:\n${output}`);
      if (performance.now() > deadline) throw new Error(`no answer from /healthz within 120 s:\n${output}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        await response.arrayBuffer();
        if (response.status === 200) return { ms: performance.now() - begun, output };
      } catch {
        // not listening yet
      }
      await sleep(5);
    }
  } finally {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(killer);
    }
  }
}

async function timeSpawn(args: string[]): Promise<number> {
  const begun = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`node ${args.join(' ')} exited ${code}`))));
  });
  return performance.now() - begun;
}

async function timePgliteOpen(): Promise<number> {
  const begun = performance.now();
  const db = await PGlite.create('memory://');
  await db.query('SELECT 1');
  const elapsed = performance.now() - begun;
  await db.close();
  return elapsed;
}

/** A fresh, empty database on the server for one repetition, dropped afterwards. */
async function withFreshDatabase<T>(serverUrl: string, use: (url: string) => Promise<T>): Promise<T> {
  const name = `qiaoliang_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await use(url.toString());
  } finally {
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  }
}

interface EngineResult {
  engine: 'pglite' | 'postgres';
  first: Stats;
  second: Stats;
}

function checkOutputs(first: string, second: string): void {
  if (!first.includes('First admin created')) console.warn('warning: the first start did not report creating the first admin');
  if (second.includes('First admin created')) console.warn('warning: the second start created an admin again');
}

async function measureEngine(engine: 'pglite' | 'postgres'): Promise<EngineResult> {
  const first: number[] = [];
  const second: number[] = [];
  const serverUrl = process.env.DATABASE_URL;
  for (let run = 1; run <= runs; run++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'qiaoliang-bench-startup-'));
    try {
      const measure = async (databaseUrl: string | undefined) => {
        const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
        delete env.DATABASE_URL;
        delete env.QIAOLIANG_KEY;
        delete env.QIAOLIANG_ADMIN_PASSWORD;
        if (databaseUrl) env.DATABASE_URL = databaseUrl;
        const a = await timeStart(env);
        const b = await timeStart(env);
        checkOutputs(a.output, b.output);
        first.push(a.ms);
        second.push(b.ms);
        console.log(`${engine} run ${run}/${runs}: first start ${ms(a.ms)} ms, second start ${ms(b.ms)} ms`);
      };
      if (engine === 'pglite') await measure(undefined);
      else await withFreshDatabase(serverUrl!, measure);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { engine, first: stats(first), second: stats(second) };
}

/** "PostgreSQL 15.18 at 127.0.0.1:5432", for the record. */
async function serverDescription(serverUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  const { rows } = await client.query<{ version: string }>("SELECT current_setting('server_version') AS version");
  await client.end();
  const url = new URL(serverUrl);
  return `PostgreSQL ${rows[0]!.version.split(' ')[0]} at ${url.hostname}:${url.port || 5432}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Other work on the machine skews every figure; the 1-minute load average at the start goes into the record.
const loadAtStart = loadavg()[0]!;
const engines: ('pglite' | 'postgres')[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
console.log(`startup benchmark: ${runs} run(s) per figure; engines: ${engines.join(', ')}`);

const server = process.env.DATABASE_URL ? await serverDescription(process.env.DATABASE_URL) : undefined;

const nodeSamples: number[] = [];
const pgliteSamples: number[] = [];
for (let run = 0; run < runs; run++) nodeSamples.push(await timeSpawn(['-e', '0']));
for (let run = 0; run < runs; run++) pgliteSamples.push(await timePgliteOpen());
const node = stats(nodeSamples);
const pgliteOpen = stats(pgliteSamples);
console.log(`baseline: node -e 0 spawn ${ms(node.median)} ms; PGlite open (memory, in process) ${ms(pgliteOpen.median)} ms`);

const results: EngineResult[] = [];
for (const engine of engines) results.push(await measureEngine(engine));

// ---------------------------------------------------------------------------------------------------------------
const row = (what: string, s: Stats, vsNode: boolean, vsPglite: boolean) =>
  `| ${what} | ${ms(s.median)} | ${ms(s.min)}–${ms(s.max)} | ${vsNode ? `${ratio(s.median, node.median)}×` : '—'} | ${vsPglite ? `${ratio(s.median, pgliteOpen.median)}×` : '—'} |`;
const lines = [
  '| measure | median ms | min–max ms | × node -e 0 | × PGlite open |',
  '|---|---:|---:|---:|---:|',
  ...results.flatMap((r) => [
    row(`\`npm start\` to 200 on /healthz, empty ${r.engine === 'pglite' ? 'data dir' : 'database'} (${r.engine})`, r.first, true, true),
    row(`\`npm start\` to 200 on /healthz, second start (${r.engine})`, r.second, true, true),
  ]),
  row('baseline: spawn of `node -e "0"`', node, false, false),
  row('baseline: `PGlite.create()` of an empty memory db + `SELECT 1`, in process', pgliteOpen, false, false),
];
console.log(`\n${lines.join('\n')}\n`);

const benchmarks = join(root, 'docs', 'benchmarks.md');
if (!existsSync(benchmarks)) {
  writeFileSync(benchmarks, '# Benchmarks\n\nFigures written by `npm run bench -- <name>` (bench/), newest last. Tests never assert timings; these tables are the record.\n');
}
const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const command = `${server ? 'DATABASE_URL=postgres://… ' : ''}npm run bench -- startup${runs === 3 ? '' : ` --runs ${runs}`}`;
appendFileSync(
  benchmarks,
  [
    '',
    `## startup — ${date}`,
    '',
    `- engine: ${results.map((r) => (r.engine === 'postgres' ? `postgres (${server})` : `pglite ${pgliteVersion}`)).join(', ')}`,
    `- machine: ${machine()}; Node ${process.versions.node}; load average ${loadAtStart.toFixed(2)} at the start`,
    `- code: ${revision()}`,
    `- command: \`${command}\` (${runs} runs per figure; each run starts a fresh data dir twice)`,
    '',
    ...lines,
    '',
  ].join('\n'),
);

const fields = [
  ...results.flatMap((r) => {
    const prefix = r.engine === 'pglite' ? '' : 'postgres_';
    return [
      `${prefix}first_ms=${ms(r.first.median)}`,
      `${prefix}second_ms=${ms(r.second.median)}`,
      `${prefix}first_min_ms=${ms(r.first.min)}`,
      `${prefix}first_max_ms=${ms(r.first.max)}`,
      `${prefix}second_min_ms=${ms(r.second.min)}`,
      `${prefix}second_max_ms=${ms(r.second.max)}`,
      `${prefix}first_vs_node=${ratio(r.first.median, node.median)}`,
      `${prefix}second_vs_node=${ratio(r.second.median, node.median)}`,
      `${prefix}first_vs_pglite_open=${ratio(r.first.median, pgliteOpen.median)}`,
      `${prefix}second_vs_pglite_open=${ratio(r.second.median, pgliteOpen.median)}`,
    ];
  }),
  `node_ms=${ms(node.median)}`,
  `pglite_open_ms=${ms(pgliteOpen.median)}`,
  `runs=${runs}`,
];
console.log(`RESULT startup ${fields.join(' ')}`);
