// The roster import against the database's own bulk load: a CSV of N members (valid, distinct ID numbers, phones,
// households), first COPYed as it is into a bare table of text columns (PostgreSQL's own speed for these bytes), then
// imported in full — every row read, normalised and validated, ID number and phone encrypted and hashed, staged by
// COPY and merged into workers, memberships and the yearly counts — as the members.import job does it. On PGlite
// always; on the PostgreSQL server at DATABASE_URL too (a fresh database, dropped afterwards).
//
//   npm run bench -- import-members [--rows N] [--engine pglite|postgres] [--dry] [--reimport]
//
// --reimport: the same file is imported a second time into the same database and that second run is timed too: the
// case of a union sending its roster again, where every row is known, must change nothing and is all careful merge.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { from as copyFrom } from 'pg-copy-streams';
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
  console.log('usage: npm run bench -- import-members [--rows N] [--engine pglite|postgres] [--dry] [--reimport]\n\nTimes COPY of a roster CSV into a bare table, then the full members import of the same file (PGlite; and DATABASE_URL when set). --engine: only that one. --dry: do not append to docs/benchmarks.md. --reimport: import the same file a second time and time that too (every row known and unchanged).');
  process.exit(0);
}
const rows = Number(flags.rows);
if (!Number.isInteger(rows) || rows < 1 || rows > 10_000_000) throw new Error(`--rows must be a whole number from 1 to 10,000,000, not ${flags.rows}`);

const work = mkdtempSync(join(tmpdir(), 'qiaoliang-bench-import-'));
const unionName = '基准测试工会';
const header = '姓名,身份证号,所属工会,手机号,户籍,劳务派遣,入会日期';

function writeCsv(file: string): number {
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const birth = new Date(Date.UTC(1960, 0, 1) + (i % 14000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const body = `220102${birth}${String(Math.floor(i / 14000) % 1000).padStart(3, '0')}`;
    lines.push(`会员${i},${body}${idNumberCheckCharacter(body)},${unionName},139${String(i).padStart(8, '0')},${i % 3 === 0 ? '农村' : '城镇'},${i % 5 === 0 ? '是' : '否'},${2000 + (i % 13)}-0${1 + (i % 9)}-1${i % 10}`);
  }
  const text = lines.join('\n') + '\n';
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}
const engines = ['pglite', ...(process.env.DATABASE_URL ? ['postgres'] : [])].filter((engine) => !flags.engine || engine === flags.engine);
if (engines.length === 0) throw new Error(`--engine must be pglite or postgres (with DATABASE_URL set), not ${flags.engine}`);
if (rows > 14_000 * 1000) throw new Error('at most 14,000,000 distinct ID numbers');

/** PostgreSQL's own COPY of the file's bytes into a bare table with a text column per CSV column. */
async function timeCopy(database: Database, file: string): Promise<number> {
  await database.db.schema.dropTable('bench_copy').ifExists().execute();
  await database.db.schema.createTable('bench_copy').addColumn('name', 'text').addColumn('id_number', 'text').addColumn('union_name', 'text').addColumn('phone', 'text').addColumn('household', 'text').addColumn('dispatched', 'text').addColumn('joined_on', 'text').execute();
  const statement = (source: string) => `COPY bench_copy FROM ${source} WITH (FORMAT csv, HEADER true)`;
  const begun = performance.now();
  if (database.pglite) {
    await database.pglite.query(statement(`'/dev/blob'`), [], { blob: new Blob([readFileSync(file)]) });
  } else {
    const client = await database.pool!.connect();
    try {
      await pipeline(createReadStream(file), client.query(copyFrom(statement('STDIN'))));
    } finally {
      client.release();
    }
  }
  const seconds = (performance.now() - begun) / 1000;
  await database.db.schema.dropTable('bench_copy').execute();
  return seconds;
}

async function timeImport(database: Database, file: string): Promise<{ seconds: number; result: ImportResult; again?: { seconds: number; result: ImportResult } }> {
  const config: Config = { ...loadConfig({}), dataDir: join(work, `data-${database.engine}`), dataKey: Buffer.alloc(32, 9).toString('base64'), adminPassword: 'Bench-password-2024', logLevel: 'silent' };
  const platform = await openPlatform(config, modules, { database });
  const { union } = await makeUnion({ platform }, '220102', unionName);
  const run = async (stored: string) => {
    writeFileSync(join(importsDir(config.dataDir), stored), readFileSync(file));
    const begun = performance.now();
    const jobId = await queueImport(systemActor('bench'), platform.db, platform.jobs, { file: stored, fileName: stored, intoOrgCode: union.code, locale: 'zh-CN' });
    await platform.jobs.runOnce();
    const seconds = (performance.now() - begun) / 1000;
    const job = (await findJob(platform.db, wholeTree, jobId))!;
    if (job.status !== 'succeeded') throw new Error(`the import ${job.status}: ${JSON.stringify(job.error)}`);
    return { seconds, result: job.result as ImportResult };
  };
  const first = await run('bench.csv');
  if (!flags.reimport) return first;
  return { ...first, again: await run('bench-again.csv') };
}

interface Row {
  engine: string;
  copy: number;
  full: number;
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
    const open = () => openDatabase(server ? { databaseUrl: server.url } : { dataDir: 'memory://' });
    try {
      const forCopy = await open();
      const copy = await timeCopy(forCopy, file).finally(() => forCopy.close());
      const forImport = await open();
      const { seconds, result, again } = await timeImport(forImport, file).finally(() => forImport.close());
      if (result.imported !== rows) throw new Error(`imported ${result.imported} of ${rows} rows: ${JSON.stringify(result)}`);
      if (again && (again.result.unchanged !== rows || again.result.imported + again.result.updated + again.result.rejected !== 0)) throw new Error(`the second import changed something: ${JSON.stringify(again.result)}`);
      results.push({ engine, copy, full: seconds, result, ...(again ? { again: again.seconds } : {}) });
      console.log(`${engine}: COPY ${copy.toFixed(2)} s, full import ${seconds.toFixed(2)} s${again ? `, the same file again ${again.seconds.toFixed(2)} s` : ''}`);
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
  `| engine | COPY into a bare table | rows/s | full import (validated, encrypted, merged) | rows/s | full ÷ COPY rate |${flags.reimport ? ' the same file again (all unchanged) | rows/s |' : ''}`,
  `|---|---:|---:|---:|---:|---:|${flags.reimport ? '---:|---:|' : ''}`,
  ...results.map((row) => `| ${row.engine} | ${row.copy.toFixed(2)} s | ${rate(row.copy).toLocaleString('en')} | ${row.full.toFixed(2)} s | ${rate(row.full).toLocaleString('en')} | ${(row.copy / row.full).toFixed(2)}× |${row.again === undefined ? '' : ` ${row.again.toFixed(2)} s | ${rate(row.again).toLocaleString('en')} |`}`),
  '',
].join('\n');
console.log(table);
if (!flags.dry) appendFileSync(join(root, 'docs/benchmarks.md'), table);
console.log(`RESULT import-members rows=${rows} ${results.map((row) => `${row.engine}_copy_s=${row.copy.toFixed(2)} ${row.engine}_full_s=${row.full.toFixed(2)} ${row.engine}_ratio=${(row.copy / row.full).toFixed(3)}${row.again === undefined ? '' : ` ${row.engine}_again_s=${row.again.toFixed(2)}`}`).join(' ')}`);
