// The early warning's cost on an appeal's insert (issue 15: under 5 ms). A province is loaded (the tree only), 2,000
// appeals are entered over 200 employers (typed names, in one county, wages and another category) to give the
// clusters a history; then N appeals are entered through the service and timed whole (insert, timeline, audit and
// detection in one transaction), and the detection alone is timed N times on a wages appeal of a cluster that has its
// warning, in a transaction rolled back (bench/server.ts timeDetection, which bench/appeals.ts uses too). The first
// minus the second is a create without detection. On DATABASE_URL (a fresh database, dropped afterwards), else on an
// in-memory PGlite.
//
//   npm run bench -- warnings [--appeals N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { systemActor } from '../src/core/actor.ts';
import { loadConfig, type Config } from '../src/core/config.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { openPlatform } from '../src/core/platform.ts';
import { findOrgAnywhere } from '../src/core/tree.ts';
import { modules } from '../src/modules/index.ts';
import { createAppeal } from '../src/modules/appeals/service.ts';
import { createServerDatabase } from '../src/test/server-database.ts';
import { timeDetection } from './server.ts';

const { values: flags } = parseArgs({ options: { appeals: { type: 'string', default: '500' } } });
const n = Number(flags.appeals);
const server = process.env.DATABASE_URL ? await createServerDatabase() : undefined;
const work = mkdtempSync(join(tmpdir(), 'qiaoliang-bench-warnings-'));
const database = await openDatabase(server ? { databaseUrl: server.url } : { dataDir: 'memory://' });
const config: Config = { ...loadConfig({}), dataDir: work, dataKey: Buffer.alloc(32, 9).toString('base64'), adminPassword: 'Bench-password-2024', logLevel: 'silent' };
const platform = await openPlatform(config, modules, { database });
const { db, cipher } = platform;
const actor = systemActor('bench');
const county = (await findOrgAnywhere(db, '220102'))!;
const fields = (i: number) =>
  ({ orgCode: '220102', channel: 'hotline', kind: 'help', category: i % 2 ? 'wages' : 'contract', employerName: `压测单位${i % 200}`, placeCode: '220102', facts: '欠薪', request: '讨薪', groupInvolved: false, anonymous: true }) as const;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1]!;

for (let i = 0; i < 2000; i++) await createAppeal(actor, db, cipher, fields(i));
const create: number[] = [];
for (let i = 0; i < n; i++) {
  const start = process.hrtime.bigint();
  await createAppeal(actor, db, cipher, fields(i));
  create.push(ms(start));
}
const detect = await timeDetection(db, actor, { orgId: county.id, placeOrgId: county.id, category: 'wages', employerName: fields(1).employerName }, n);
const row = (name: string, xs: number[]) => `${name}: p50 ${pct(xs, 50).toFixed(2)} ms, p95 ${pct(xs, 95).toFixed(2)} ms, mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2)} ms`;
console.log(`engine ${server ? 'postgres' : 'pglite'}, ${n} appeals after 2,000, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(row('create (with detection)', create));
console.log(row('detection alone', detect));
console.log(`RESULT warnings engine=${server ? 'postgres' : 'pglite'} create_p50_ms=${pct(create, 50).toFixed(2)} detect_p50_ms=${pct(detect, 50).toFixed(2)} detect_p95_ms=${pct(detect, 95).toFixed(2)}`);
await platform.database.close();
await server?.drop();
rmSync(work, { recursive: true, force: true });
