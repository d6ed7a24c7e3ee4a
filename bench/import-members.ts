// The roster import against the database's own cost of storing the same rows: a CSV of N members (valid, distinct
// ID numbers, phones, households), imported in full — every row read, normalised and validated, ID number and phone
// encrypted and hashed, staged by COPY and merged into workers, memberships and the yearly counts — as the
// members.import job does it; then the floor: the rows the import stored (already encrypted, as they are in workers
// and memberships) COPYed into copies of the two tables in a scratch schema, built with LIKE … INCLUDING ALL (every
// index, the trigram GIN among them, checks, identity) and given the same foreign keys (memberships → the scratch
// workers and the real orgs). `floor_ratio` = import rate ÷ floor rate: how close the import comes to the database's
// own cost of the final rows. The old `ratio` compares with COPY of the CSV's bytes into a bare table of text columns.
// On PGlite always; on the PostgreSQL server at DATABASE_URL too (a fresh database, dropped afterwards).
//
//   npm run bench -- import-members [--rows N] [--engine pglite|postgres] [--dry] [--reimport]
//
// --reimport: the same file is imported a second time into the same database and that second run is timed too: the
// case of a union sending its roster again, where every row is known, must change nothing and is all careful merge.
// The peak RSS is this process's (the server's: Node, and on PGlite the database too) sampled while the import runs.
import { appendFileSync, closeSync, copyFileSync, createReadStream, createWriteStream, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { loadConfig, type Config } from '../src/core/config.ts';
import { openDatabase, type Database } from '../src/core/db/database.ts';
import { findJob } from '../src/core/jobs/store.ts';
import { openPlatform } from '../src/core/platform.ts';
import { systemActor } from '../src/core/actor.ts';
import { wholeTree } from '../src/core/scope.ts';
import { modules } from '../src/modules/index.ts';
import { idNumberCheckCharacter } from '../src/modules/members/id-number.ts';
import { importsDir, queueImport, type ImportResult } from '../src/modules/members/import.ts';
import { createServerDatabase } from '../src/test/server-database.ts';
import { makeUnion } from '../src/modules/org/testing.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, engine: { type: 'string' }, dry: { type: 'boolean' }, reimport: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
if (flags.help) {
  console.log('usage: npm run bench -- import-members [--rows N] [--engine pglite|postgres] [--dry] [--reimport]\n\nTimes COPY of a roster CSV into a bare table, the full members import of the same file, and the floor: COPY of the rows the import stored into indexed, foreign-keyed copies of workers and memberships (PGlite; and DATABASE_URL when set). --engine: only that one. --dry: do not append to docs/benchmarks.md. --reimport: import the same file a second time and time that too (every row known and unchanged).');
  process.exit(0);
}
const rows = Number(flags.rows);
if (!Number.isInteger(rows) || rows < 1 || rows > 10_000_000) throw new Error(`--rows must be a whole number from 1 to 10,000,000, not ${flags.rows}`);

const work = mkdtempSync(join(tmpdir(), 'qiaoliang-bench-import-'));
const unionName = '基准测试工会';
const header = '姓名,身份证号,所属工会,手机号,户籍,劳务派遣,入会日期';

/** Writes the roster in pieces, so that the benchmark itself never holds the whole file (its RSS is measured). */
function writeCsv(file: string): number {
  const fd = openSync(file, 'w');
  let bytes = 0;
  const put = (text: string) => {
    bytes += writeSync(fd, text);
  };
  try {
    put(header + '\n');
    let lines: string[] = [];
    for (let i = 0; i < rows; i++) {
      const birth = new Date(Date.UTC(1960, 0, 1) + (i % 14000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
      const body = `220102${birth}${String(Math.floor(i / 14000) % 1000).padStart(3, '0')}`;
      lines.push(`会员${i},${body}${idNumberCheckCharacter(body)},${unionName},139${String(i).padStart(8, '0')},${i % 3 === 0 ? '农村' : '城镇'},${i % 5 === 0 ? '是' : '否'},${2000 + (i % 13)}-0${1 + (i % 9)}-1${i % 10}\n`);
      if (lines.length === 10_000) {
        put(lines.join(''));
        lines = [];
      }
    }
    put(lines.join(''));
  } finally {
    closeSync(fd);
  }
  return bytes;
}
const engines = ['pglite', ...(process.env.DATABASE_URL ? ['postgres'] : [])].filter((engine) => !flags.engine || engine === flags.engine);
if (engines.length === 0) throw new Error(`--engine must be pglite or postgres (with DATABASE_URL set), not ${flags.engine}`);
if (rows > 14_000 * 1000) throw new Error('at most 14,000,000 distinct ID numbers');

/** COPY into a table from a file, on either engine; the copy's seconds. */
async function copyFile(database: Database, statement: (source: string) => string, file: string): Promise<number> {
  const begun = performance.now();
  if (database.pglite) {
    await database.pglite.query(statement(`'/dev/blob'`), [], { blob: new Blob([readFileSync(file)]) });
  } else {
    const client = await database.pool!.connect();
    try {
      await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), client.query(copyFrom(statement('STDIN'))));
    } finally {
      client.release();
    }
  }
  return (performance.now() - begun) / 1000;
}

/** COPY of a query's rows out to a file (COPY's text format), on either engine. */
async function copyOut(database: Database, query: string, file: string): Promise<void> {
  if (database.pglite) {
    const result = await database.pglite.query(`COPY (${query}) TO '/dev/blob'`);
    writeFileSync(file, Buffer.from(await result.blob!.arrayBuffer()));
    return;
  }
  const client = await database.pool!.connect();
  try {
    await pipeline(client.query(copyTo(`COPY (${query}) TO STDOUT`)), createWriteStream(file, { highWaterMark: 1 << 20 }));
  } finally {
    client.release();
  }
}

/** PostgreSQL's own COPY of the file's bytes into a bare table with a text column per CSV column. */
async function timeCopy(database: Database, file: string): Promise<number> {
  await database.db.schema.dropTable('bench_copy').ifExists().execute();
  await database.db.schema.createTable('bench_copy').addColumn('name', 'text').addColumn('id_number', 'text').addColumn('union_name', 'text').addColumn('phone', 'text').addColumn('household', 'text').addColumn('dispatched', 'text').addColumn('joined_on', 'text').execute();
  const seconds = await copyFile(database, (source) => `COPY bench_copy FROM ${source} WITH (FORMAT csv, HEADER true)`, file);
  await database.db.schema.dropTable('bench_copy').execute();
  return seconds;
}

/** The tables an import stores its rows in, parents first (the floor loads them in this order). */
const floorTables = ['workers', 'memberships'] as const;

/**
 * The floor: the rows the import stored, read back as they are (ciphertext and hashes included) and COPYed into
 * `scratch.workers` and `scratch.memberships`, made LIKE the real ones INCLUDING ALL, with the real tables' foreign
 * keys (one between the two pointing at the scratch copy, the others at the real tables: orgs). Only the COPYs are
 * timed, each in its own transaction. The scratch schema is dropped afterwards.
 */
async function timeFloor(database: Database): Promise<{ seconds: number; rows: Record<string, number> }> {
  const { db } = database;
  await sql`DROP SCHEMA IF EXISTS scratch CASCADE`.execute(db);
  await sql`CREATE SCHEMA scratch`.execute(db);
  const counts: Record<string, number> = {};
  let seconds = 0;
  try {
    for (const table of floorTables) {
      await sql`CREATE TABLE ${sql.raw(`scratch.${table} (LIKE public.${table} INCLUDING ALL)`)}`.execute(db);
    }
    const { rows: keys } = await sql<{ table: string; name: string; definition: string; parent: string }>`
      SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition, c.confrelid::regclass::text AS parent
      FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid IN (${sql.join(floorTables.map((table) => sql`${`public.${table}`}::regclass`))})`.execute(db);
    for (const key of keys) {
      const parent = key.parent.replace(/^public\./, '');
      const definition = (floorTables as readonly string[]).includes(parent) ? key.definition.replace(/REFERENCES (public\.)?(\w+)\(/, `REFERENCES scratch.$2(`) : key.definition.replace(/REFERENCES (?!public\.)(\w+)\(/, 'REFERENCES public.$1(');
      await sql.raw(`ALTER TABLE scratch.${key.table.replace(/^public\./, '')} ADD CONSTRAINT ${key.name} ${definition}`).execute(db);
    }
    for (const table of floorTables) {
      const file = join(work, `floor-${table}.copy`);
      await copyOut(database, `SELECT * FROM public.${table} ORDER BY id`, file);
      seconds += await copyFile(database, (source) => `COPY scratch.${table} FROM ${source}`, file);
      rmSync(file, { force: true });
      const { rows: [count] } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.raw(`scratch.${table}`)}`.execute(db);
      counts[table] = Number(count!.n);
    }
  } finally {
    await sql`DROP SCHEMA scratch CASCADE`.execute(db);
  }
  return { seconds, rows: counts };
}

interface Timed {
  seconds: number;
  result: ImportResult;
  /** The highest RSS of this process seen while the import ran, in MB. */
  peakRss: number;
}

/** Samples this process's RSS every 100 ms (when the event loop lets it) until stopped; the peak in MB. */
function sampleRss(): () => number {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage.rss()) / 1e6;
  };
}

async function timeImport(database: Database, file: string): Promise<Timed & { floor: number; again?: Timed }> {
  const config: Config = { ...loadConfig({}), dataDir: join(work, `data-${database.engine}`), dataKey: Buffer.alloc(32, 9).toString('base64'), adminPassword: 'Bench-password-2024', logLevel: 'silent' };
  const platform = await openPlatform(config, modules, { database });
  const { union } = await makeUnion({ platform }, '220102', unionName);
  const run = async (stored: string): Promise<Timed> => {
    copyFileSync(file, join(importsDir(config.dataDir), stored));
    const peak = sampleRss();
    const begun = performance.now();
    const jobId = await queueImport(systemActor('bench'), platform.db, platform.jobs, { file: stored, fileName: stored, intoOrgCode: union.code, locale: 'zh-CN' });
    await platform.jobs.runOnce();
    const seconds = (performance.now() - begun) / 1000;
    const peakRss = peak();
    const job = (await findJob(platform.db, wholeTree, jobId))!;
    if (job.status !== 'succeeded') throw new Error(`the import ${job.status}: ${JSON.stringify(job.error)}`);
    return { seconds, result: job.result as ImportResult, peakRss };
  };
  const first = await run('bench.csv');
  const floor = await timeFloor(database);
  if (floor.rows.workers !== rows || floor.rows.memberships !== rows) throw new Error(`the floor copied ${JSON.stringify(floor.rows)}, not ${rows} rows each`);
  if (!flags.reimport) return { ...first, floor: floor.seconds };
  return { ...first, floor: floor.seconds, again: await run('bench-again.csv') };
}

interface Row {
  engine: string;
  copy: number;
  full: number;
  floor: number;
  peakRss: number;
  result: ImportResult;
  /** The same file imported a second time (--reimport). */
  again?: number;
}

const file = join(work, 'roster.csv');
const bytes = writeCsv(file);
const results: Row[] = [];
try {
  for (const engine of engines) {
    const server = engine === 'postgres' ? await createServerDatabase() : undefined;
    // PGlite in a data directory on disk, as the server runs it (memory:// grows its files by copying them whole).
    const open = (name: string) => openDatabase(server ? { databaseUrl: server.url } : { dataDir: join(work, name) });
    try {
      const forCopy = await open('pglite-copy');
      const copy = await timeCopy(forCopy, file).finally(() => forCopy.close());
      const forImport = await open('pglite-import');
      const { seconds, result, floor, peakRss, again } = await timeImport(forImport, file).finally(() => forImport.close());
      if (result.imported !== rows) throw new Error(`imported ${result.imported} of ${rows} rows: ${JSON.stringify(result)}`);
      if (again && (again.result.unchanged !== rows || again.result.imported + again.result.updated + again.result.rejected !== 0)) throw new Error(`the second import changed something: ${JSON.stringify(again.result)}`);
      results.push({ engine, copy, full: seconds, floor, peakRss, result, ...(again ? { again: again.seconds } : {}) });
      console.log(`${engine}: COPY ${copy.toFixed(2)} s, full import ${seconds.toFixed(2)} s (peak RSS ${Math.round(peakRss)} MB), floor ${floor.toFixed(2)} s${again ? `, the same file again ${again.seconds.toFixed(2)} s` : ''}`);
    } finally {
      await server?.drop();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const rate = (seconds: number) => Math.round(rows / seconds);
const table = [
  `\n## import-members — ${new Date().toISOString().slice(0, 10)}`,
  '',
  `${rows.toLocaleString('en')} roster rows (${(bytes / 1e6).toFixed(1)} MB CSV); ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()[0]!.toFixed(1)}; Node ${process.version}.`,
  '',
  `| engine | COPY into a bare table | floor: COPY of the stored rows into indexed copies | full import (validated, encrypted, merged) | rows/s | full ÷ floor rate | full ÷ bare COPY rate | peak RSS |${flags.reimport ? ' the same file again (all unchanged) | rows/s |' : ''}`,
  `|---|---:|---:|---:|---:|---:|---:|---:|${flags.reimport ? '---:|---:|' : ''}`,
  ...results.map((row) => `| ${row.engine} | ${row.copy.toFixed(2)} s | ${row.floor.toFixed(2)} s | ${row.full.toFixed(2)} s | ${rate(row.full).toLocaleString('en')} | ${(row.floor / row.full).toFixed(2)}× | ${(row.copy / row.full).toFixed(2)}× | ${Math.round(row.peakRss)} MB |${row.again === undefined ? '' : ` ${row.again.toFixed(2)} s | ${rate(row.again).toLocaleString('en')} |`}`),
  '',
].join('\n');
console.log(table);
if (!flags.dry) appendFileSync(join(root, 'docs/benchmarks.md'), table);
console.log(`RESULT import-members rows=${rows} load=${loadavg()[0]!.toFixed(2)} ${results.map((row) => `${row.engine}_copy_s=${row.copy.toFixed(2)} ${row.engine}_floor_s=${row.floor.toFixed(2)} ${row.engine}_full_s=${row.full.toFixed(2)} ${row.engine}_ratio=${(row.copy / row.full).toFixed(3)} ${row.engine}_floor_ratio=${(row.floor / row.full).toFixed(3)} ${row.engine}_peak_rss_mb=${Math.round(row.peakRss)}${row.again === undefined ? '' : ` ${row.engine}_again_s=${row.again.toFixed(2)}`}`).join(' ')}`);
