// The plans of the lists and searches, kept under review beside their stores (as Immich keeps its generated SQL): each
// case below goes through the module's service as a request would, every SELECT it sends is captured with its
// parameters, and EXPLAIN ANALYZE of each is written with the SQL to src/modules/<module>/plans/<case>.txt, so a
// change of plan shows in the diff. Timings, costs and memory are left out (they differ run to run); rows and loops
// stay: they are how much work a plan does.
//
//   DATABASE_URL=postgres://… npm run bench -- explain [--scale S] [--seed N] [--existing] [--check]
// On a fresh database at DATABASE_URL, generated at --scale (default 0.1, seed 2013), dropped afterwards; with
// --existing, the province DATABASE_URL names already (QIAOLIANG_KEY its data key). Without DATABASE_URL, on an
// in-memory PGlite (its plans are PostgreSQL 18's: written under plans/pglite/). --check: write nothing, exit 1 when a
// plan differs from the file kept.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { systemActor } from '../src/core/actor.ts';
import { loadConfig, type Config } from '../src/core/config.ts';
import { openDatabase } from '../src/core/db/database.ts';
import type { Db } from '../src/core/db/tables.ts';
import { generateProvince, registerGenerateJob } from '../src/core/generate/job.ts';
import { openPlatform } from '../src/core/platform.ts';
import { scopeOf } from '../src/core/scope.ts';
import { modules } from '../src/modules/index.ts';
import { listMembers } from '../src/modules/members/service.ts';
import { listMembersQuery } from '../src/modules/members/schema.ts';
import { listEmployers } from '../src/modules/org/employers.ts';
import { listEmployersQuery, listOrgsQuery } from '../src/modules/org/schema.ts';
import { listOrgs } from '../src/modules/org/service.ts';
import { createServerDatabase } from '../src/test/server-database.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '2013' },
    existing: { type: 'boolean' },
    check: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (flags.help) {
  console.log('usage: [DATABASE_URL=postgres://…] npm run bench -- explain [--scale S] [--seed N] [--existing] [--check]');
  process.exit(0);
}
if (flags.existing && !process.env.DATABASE_URL) throw new Error('--existing needs DATABASE_URL');
const scale = Number(flags.scale);
const dataKey = flags.existing ? (process.env.QIAOLIANG_KEY ?? '') : Buffer.alloc(32, 7).toString('base64');

/** Statements as node-postgres is asked to run them. */
interface Statement {
  text: string;
  values: unknown[];
}

/** A pool whose clients write down every statement before running it. */
function recordingPool(pool: { connect(): Promise<pg.PoolClient>; end(): Promise<void> }, into: Statement[]) {
  return {
    async connect() {
      const client = await pool.connect();
      const query = client.query.bind(client) as (text: unknown, values?: unknown) => Promise<unknown>;
      return new Proxy(client, {
        get(target, property, receiver) {
          if (property === 'query') {
            return (text: unknown, values?: unknown) => {
              if (typeof text === 'string') into.push({ text, values: Array.isArray(values) ? values : [] });
              return query(text, values);
            };
          }
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
    end: () => pool.end(),
  };
}

/** A parameter as a reader of the file wants it: hashes and long lists shortened. */
function shown(value: unknown): string {
  if (Buffer.isBuffer(value)) return `<${value.length}-byte keyed hash>`;
  if (Array.isArray(value)) return value.length > 5 ? `[${value.slice(0, 5).join(', ')}, … ${value.length} in all]` : JSON.stringify(value);
  return JSON.stringify(value);
}

const today = new Date().toISOString().slice(0, 10);
const thisYear = today.slice(0, 4);
/** Today's date and year (a membership is active as of today) as words, so the files do not change with the calendar. */
const dated = (text: string) => text.replaceAll(today, '<today>').replace(new RegExp(`(year <= |= )${thisYear}\\b`, 'g'), '$1<this year>');

/** What varies from run to run on the same data: timings, costs, memory, block counts. */
function steady(plan: string): string {
  return plan
    .split('\n')
    .filter((line) => !/^\s*(Planning|Execution|JIT:|Functions:|Options:|Timing:|Buffers:|Heap Blocks:|Worker \d+:)/.test(line))
    .map((line) => line.replace(/\s+(Memory Usage|Peak Memory|Average Memory|Memory): \d+kB/g, '').replace(/\s+Sort Method: [\w-]+(\s+Memory: \d+kB|\s+Disk: \d+kB)?/g, (match) => match.replace(/\s+(Memory|Disk): \d+kB/, '')))
    .join('\n')
    .trimEnd();
}

const server = flags.existing ? undefined : await createServerDatabase();
const databaseUrl = server?.url ?? (flags.existing ? process.env.DATABASE_URL : undefined);
const work = mkdtempSync(join(tmpdir(), 'qiaoliang-bench-explain-'));
const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' });
const config: Config = { ...loadConfig({}), dataDir: work, dataKey, adminPassword: 'Bench-password-2013', logLevel: 'silent' };
const platform = await openPlatform(config, modules, { database });
registerGenerateJob(platform.jobs, platform, platform.modules);
// An admin of the province, as the people who read the longest lists are (the command line's actor has no org).
let actor = systemActor('explain');
let changed = 0;
const written: string[] = [];
try {
  if (!flags.existing) {
    console.log(`generating a province at scale ${scale} …`);
    await generateProvince(actor, platform, { scale, seed: Number(flags.seed), until: 2012 }, () => {});
  }
  const one = async <R>(text: string): Promise<R> => (await sql.raw<R>(text).execute(platform.db)).rows[0]!;
  const province = await one<{ id: number; path: string }>('SELECT id, path::text AS path FROM orgs WHERE parent_id IS NULL');
  actor = { ...actor, orgId: province.id, scope: scopeOf(province.id, province.path) };
  const { version } = await one<{ version: string }>(`SELECT current_setting('server_version') AS version`);
  const twoPeople = (await one<{ name: string }>('SELECT name FROM workers GROUP BY name HAVING count(*) = 2 ORDER BY name LIMIT 1')).name;
  const person = await one<{ id_number_cipher: Buffer }>('SELECT id_number_cipher FROM workers ORDER BY id LIMIT 1 OFFSET 1000');
  const idNumber = platform.cipher.decrypt(person.id_number_cipher);
  const union = (await one<{ code: string }>(`SELECT o.code FROM orgs o WHERE kind = 'grassroots' AND EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = o.id) ORDER BY code LIMIT 1 OFFSET 100`)).code;
  const county = (await one<{ code: string }>(`SELECT code FROM orgs WHERE level = 'county' ORDER BY code LIMIT 1`)).code;
  const { count } = await one<{ count: number }>('SELECT count(*)::int AS count FROM memberships WHERE ended_on IS NULL');
  const middle = await one<{ code: string; joined_on: string; id: number }>(
    `SELECT o.code, m.joined_on::text AS joined_on, m.id::int AS id FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.ended_on IS NULL ORDER BY o.code, m.joined_on, m.id OFFSET ${Math.floor(count / 2)} LIMIT 1`,
  );
  const cursor = Buffer.from(JSON.stringify(['roster', middle.code, middle.joined_on, middle.id])).toString('base64url');
  // The generator records no card numbers: a few, so that the search by card has something to find.
  await sql`UPDATE memberships SET card_number = 'JL' || id WHERE id % 1000 = 7 AND card_number IS NULL`.execute(platform.db);
  const card = (await one<{ card_number: string }>(`SELECT card_number FROM memberships WHERE card_number IS NOT NULL ORDER BY id LIMIT 1`)).card_number;

  const statements: Statement[] = [];
  const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 2 }) : new pg.Pool(createPgConfig(platform.database.pglite!) as pg.PoolConfig);
  const recording = new Kysely({ dialect: new PostgresDialect({ pool: recordingPool(pool, statements) }) }) as unknown as Db;
  const members = (query: Record<string, string>) => () => listMembers(actor, recording, platform.cipher, listMembersQuery.parse(query));
  const orgs = (query: Record<string, string>) => () => listOrgs(actor, recording, listOrgsQuery.parse(query));
  const employers = (query: Record<string, string>) => () => listEmployers(actor, recording, listEmployersQuery.parse(query));
  const cases: { module: string; name: string; what: string; run: () => Promise<unknown> }[] = [
    { module: 'members', name: 'roster-province-first-page', what: 'GET /members (the province, active members, page 1)', run: members({}) },
    { module: 'members', name: 'roster-province-after', what: 'GET /members?after=… (the page after a member halfway through the province)', run: members({ after: cursor }) },
    { module: 'members', name: 'roster-province-before', what: 'GET /members?before=… (the page before it)', run: members({ before: cursor }) },
    { module: 'members', name: 'roster-county', what: `GET /members?orgCode=${county}`, run: members({ orgCode: county }) },
    { module: 'members', name: 'roster-union', what: `GET /members?orgCode=${union}`, run: members({ orgCode: union }) },
    { module: 'members', name: 'search-surname', what: 'GET /members?q=王 (a common surname: matched while walking the roster)', run: members({ q: '王' }) },
    { module: 'members', name: 'search-full-name', what: `GET /members?q=${twoPeople} (two people: looked up first)`, run: members({ q: twoPeople }) },
    { module: 'members', name: 'search-id-number', what: 'GET /members?idNumber=…&status=all (the keyed hash)', run: members({ idNumber, status: 'all' }) },
    { module: 'members', name: 'search-card-number', what: 'GET /members?cardNumber=…&status=all', run: members({ cardNumber: card, status: 'all' }) },
    { module: 'members', name: 'roster-filtered-counted', what: 'GET /members?household=rural&count=1 (a filter the walk passes over; counted up to 10,000 on request)', run: members({ household: 'rural', count: '1' }) },
    { module: 'org', name: 'orgs-children', what: 'GET /orgs (the province\'s children)', run: orgs({}) },
    { module: 'org', name: 'orgs-subtree', what: 'GET /orgs?depth=subtree (the province\'s subtree, by code)', run: orgs({ depth: 'subtree' }) },
    { module: 'org', name: 'orgs-subtree-by-name', what: 'GET /orgs?depth=subtree&sort=name', run: orgs({ depth: 'subtree', sort: 'name' }) },
    { module: 'org', name: 'orgs-search', what: 'GET /orgs?depth=subtree&q=总工会 (the org picker)', run: orgs({ depth: 'subtree', q: '总工会' }) },
    { module: 'org', name: 'employers-first-page', what: 'GET /employers (the province, by name)', run: employers({}) },
    { module: 'org', name: 'employers-county-by-headcount', what: `GET /employers?orgCode=${county}&sort=employeeCount&order=desc`, run: employers({ orgCode: county, sort: 'employeeCount', order: 'desc' }) },
    { module: 'org', name: 'employers-search', what: 'GET /employers?q=医药连锁', run: employers({ q: '医药连锁' }) },
    { module: 'org', name: 'employers-not-unionised', what: 'GET /employers?unionised=no', run: employers({ unionised: 'no' }) },
  ];

  const explainer = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : undefined;
  await explainer?.connect();
  const explain = async (statement: Statement): Promise<string> => {
    const text = `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${statement.text}`;
    const rows = explainer
      ? ((await explainer.query(text, statement.values)).rows as Record<string, string>[])
      : (await platform.database.pglite!.query<Record<string, string>>(text, statement.values)).rows;
    return steady(rows.map((row) => row['QUERY PLAN']).join('\n'));
  };
  try {
    for (const c of cases) {
      statements.length = 0;
      await c.run();
      const selects = statements.filter((statement) => /^\s*(select|with)\b/i.test(statement.text));
      const sections: string[] = [];
      for (const [index, statement] of selects.entries()) {
        const parameters = statement.values.map((value, i) => `-- $${i + 1} = ${shown(value)}`).join('\n');
        sections.push(`-- statement ${index + 1} of ${selects.length}\n${statement.text.trim()}\n${parameters}\n\n${await explain(statement)}`);
      }
      const engine = databaseUrl ? `PostgreSQL ${version.split(' ')[0]}` : `PGlite (PostgreSQL ${version.split(' ')[0]})`;
      const file = join(root, 'src/modules', c.module, 'plans', databaseUrl ? '' : 'pglite', `${c.name}.txt`);
      const body = dated(`-- ${c.what}\n-- ${engine}, a province generated at scale ${scale} (seed ${flags.seed}); \`npm run bench -- explain\` writes this file.\n\n${sections.join('\n\n')}\n`);
      const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      if (before !== body) {
        changed++;
        console.log(`${before === undefined ? 'new' : 'changed'}: ${file.slice(root.length)}`);
      }
      if (!flags.check) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, body);
      }
      written.push(file.slice(root.length));
    }
  } finally {
    await explainer?.end();
    await recording.destroy();
  }
} finally {
  await database.close();
  await server?.drop();
  rmSync(work, { recursive: true, force: true });
}
console.log(`RESULT explain cases=${written.length} changed=${changed}${flags.check ? ' check=1' : ''}`);
if (flags.check && changed > 0) process.exit(1);
