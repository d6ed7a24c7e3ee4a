// Indicator latency at province scale: a synthetic province is generated, then 1,000 random (indicator, subtree,
// year) requests are timed through the engine, against a baseline of `SELECT 1` on the same connection; then 10,000
// random record changes go through the services (members added, memberships ended, unions' committees and chairs
// toggled), the same requests are timed again, and the aggregates are checked against the records (they must agree).
// On the PostgreSQL server at DATABASE_URL (a fresh database, dropped afterwards), else on an in-memory PGlite.
//
//   npm run bench -- indicators [--scale S] [--seed N] [--requests N] [--changes N] [--dry]
import { appendFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { systemActor } from '../src/core/actor.ts';
import { loadConfig, type Config } from '../src/core/config.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { generateProvince, registerGenerateJob } from '../src/core/generate/job.ts';
import { checkAggregates } from '../src/core/indicators/aggregates.ts';
import { computeFigure } from '../src/core/indicators/engine.ts';
import { allIndicators } from '../src/core/indicators/registry.ts';
import { openPlatform } from '../src/core/platform.ts';
import { wholeTree } from '../src/core/scope.ts';
import { modules } from '../src/modules/index.ts';
import { idNumberCheckCharacter } from '../src/modules/members/id-number.ts';
import { createMember, endMembership } from '../src/modules/members/service.ts';
import { updateOrg } from '../src/modules/org/service.ts';
import { verifyBaseline } from '../src/modules/statistics/baseline.ts';
import { createServerDatabase } from '../src/test/server-database.ts';
import { machine, revision } from './measure.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '2013' }, requests: { type: 'string', default: '1000' }, changes: { type: 'string', default: '10000' }, dry: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
});
if (flags.help) {
  console.log('usage: npm run bench -- indicators [--scale S] [--seed N] [--requests N] [--changes N] [--dry]');
  process.exit(0);
}
const scale = Number(flags.scale);
const requests = Number(flags.requests);
const changes = Number(flags.changes);

// A seeded generator of the requests and changes, so two runs ask the same things.
let state = Number(flags.seed) >>> 0 || 1;
const random = () => ((state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const server = process.env.DATABASE_URL ? await createServerDatabase() : undefined;
const work = mkdtempSync(join(tmpdir(), 'qiaoliang-bench-indicators-'));
const database = await openDatabase(server ? { databaseUrl: server.url } : { dataDir: 'memory://' });
const config: Config = { ...loadConfig({}), dataDir: work, dataKey: Buffer.alloc(32, 9).toString('base64'), adminPassword: 'Bench-password-2024', logLevel: 'silent' };
const platform = await openPlatform(config, modules, { database });
registerGenerateJob(platform.jobs, platform, platform.modules);
const actor = systemActor('bench');

try {
  const begun = performance.now();
  let lastLine = 0;
  const generated = await generateProvince(actor, platform, { scale, seed: Number(flags.seed), until: 2012 }, (done, total) => {
    if (performance.now() - lastLine < 10_000) return;
    lastLine = performance.now();
    console.log(`generating: ${done.toLocaleString('en')} / ${(total ?? 0).toLocaleString('en')}`);
  });
  const generateSeconds = (performance.now() - begun) / 1000;
  console.log(`generated scale ${scale} in ${generateSeconds.toFixed(1)} s: ${JSON.stringify(generated.counts)}`);

  // The report's baseline figures against the engine, on the province as generated (before any change).
  const baseline = await verifyBaseline(actor, platform.db, { scale });
  for (const check of baseline.checks) console.log(`${check.withinTolerance ? 'ok ' : 'OFF'} ${check.indicator} report ${check.report} expected ${check.expected} computed ${check.computed}`);

  const orgs = (await sql<{ id: number }>`SELECT id FROM orgs`.execute(platform.db)).rows.map((row) => Number(row.id));
  const unions = (await sql<{ code: string }>`SELECT code FROM orgs WHERE kind = 'grassroots'`.execute(platform.db)).rows.map((row) => row.code);
  const codes = allIndicators().map((definition) => definition.code);
  const years = [2008, 2009, 2010, 2011, 2012];

  /** `requests` random figures, each timed alone; and as many `SELECT 1` on the same database, the floor of any query. */
  async function measure(): Promise<{ p50: number; p95: number; p99: number; floor: number }> {
    const samples: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < requests; i++) {
      const [code, orgId, year] = [pick(codes), pick(orgs), pick(years)];
      const start = performance.now();
      await computeFigure(platform.db, wholeTree, code, orgId, year);
      samples.push(performance.now() - start);
      const ping = performance.now();
      await sql`SELECT 1`.execute(platform.db);
      floor.push(performance.now() - ping);
    }
    return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), floor: percentile(floor, 50) };
  }
  // The province's own figure, the heaviest subtree, on its own.
  const provinceStart = performance.now();
  await computeFigure(platform.db, wholeTree, 'org.members', orgs[0]!, 2012);
  const provinceMs = performance.now() - provinceStart;

  const before = await measure();
  console.log(`before changes: ${JSON.stringify(before)}`);

  const changeStart = performance.now();
  const active = (await sql<{ id: number }>`SELECT id FROM memberships WHERE ended_on IS NULL ORDER BY id LIMIT 200000`.execute(platform.db)).rows.map((row) => Number(row.id));
  let made = 0;
  for (let i = 0; i < changes; i++) {
    const kind = random();
    try {
      if (kind < 0.5) {
        const birth = new Date(Date.UTC(1975, 0, 1) + Math.floor(random() * 9000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
        const body = `220581${birth}${String(100 + Math.floor(random() * 899)).padStart(3, '0')}`;
        await createMember(actor, platform.db, platform.cipher, { orgCode: pick(unions), name: `基准会员${i}`, idNumber: body + idNumberCheckCharacter(body), household: random() < 0.3 ? 'rural' : 'urban', dispatched: random() < 0.05, joinedOn: `201${Math.floor(random() * 3)}-0${1 + Math.floor(random() * 9)}-15`, secondJob: false });
      } else if (kind < 0.8) {
        await endMembership(actor, platform.db, platform.cipher, pick(active), '2012-12-01', 'left');
      } else {
        await updateOrg(actor, platform.db, pick(unions), { hasWomenCommittee: random() < 0.9, hasProfessionalChair: random() < 0.05 });
      }
      made++;
    } catch {
      // A drawn ID number already taken, a membership already ended: the draw is skipped.
    }
  }
  const changeSeconds = (performance.now() - changeStart) / 1000;
  const after = await measure();
  console.log(`after ${made} changes (${changeSeconds.toFixed(1)} s): ${JSON.stringify(after)}`);
  const checkStart = performance.now();
  const differences = await checkAggregates(platform.db);
  const checkSeconds = (performance.now() - checkStart) / 1000;
  if (differences.length) throw new Error(`the aggregates differ from the records: ${JSON.stringify(differences.slice(0, 5))}`);

  const engine = server ? 'PostgreSQL' : 'PGlite (in memory)';
  const table = [
    `\n## indicators — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- engine: ${engine}; machine: ${machine()}; Node ${process.version}; code: ${revision()}`,
    `- command: \`${server ? 'DATABASE_URL=postgres://… ' : ''}npm run bench -- indicators --scale ${scale} --requests ${requests} --changes ${changes}\``,
    `- province at scale ${scale} (seed ${flags.seed}): ${Object.entries(generated.counts).map(([key, value]) => `${key} ${Number(value).toLocaleString('en')}`).join(', ')}; generated in ${generateSeconds.toFixed(1)} s`,
    `- ${made.toLocaleString('en')} record changes through the services in ${changeSeconds.toFixed(1)} s; \`aggregates check\` afterwards: ${differences.length} differences (${checkSeconds.toFixed(1)} s)`,
    '',
    `| ${requests} random (indicator, subtree, year) requests | p50 ms | p95 ms | p99 ms | p95 ÷ \`SELECT 1\` |`,
    '|---|---:|---:|---:|---:|',
    `| before the changes | ${before.p50.toFixed(2)} | ${before.p95.toFixed(2)} | ${before.p99.toFixed(2)} | ${(before.p95 / before.floor).toFixed(1)}× |`,
    `| after the changes | ${after.p50.toFixed(2)} | ${after.p95.toFixed(2)} | ${after.p99.toFixed(2)} | ${(after.p95 / after.floor).toFixed(1)}× |`,
    `| baseline: \`SELECT 1\` (median) | ${before.floor.toFixed(2)} | | | |`,
    '',
    `The province's own figure (org.members, 2012), the largest subtree: ${provinceMs.toFixed(1)} ms.`,
    '',
    `\`verify-baseline --scale ${scale}\` on the province as generated (counts scaled by ${scale}, within 1 %; rates within one point):`,
    '',
    '| figure | kind | report | expected at this scale | computed | within tolerance |',
    '|---|---|---:|---:|---:|:---:|',
    ...baseline.checks.map((check) => {
      const show = (value: number | null) => (value === null ? '—' : check.kind === 'rate' ? `${(value * 100).toFixed(1)} %` : Math.round(value).toLocaleString('en'));
      return `| ${check.indicator} | ${check.kind} | ${show(check.report)} | ${show(check.expected)} | ${show(check.computed)} | ${check.withinTolerance ? 'yes' : 'no'} |`;
    }),
    '',
  ].join('\n');
  console.log(table);
  if (!flags.dry) appendFileSync(join(root, 'docs/benchmarks.md'), table);
  console.log(`RESULT indicators scale=${scale} generate_s=${generateSeconds.toFixed(1)} p50_ms=${before.p50.toFixed(2)} p95_ms=${before.p95.toFixed(2)} p99_ms=${before.p99.toFixed(2)} after_p95_ms=${after.p95.toFixed(2)} differences=${differences.length}`);
} finally {
  await database.close();
  await server?.drop();
  rmSync(work, { recursive: true, force: true });
}
