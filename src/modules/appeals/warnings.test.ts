import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.ts';
import { checkAggregates } from '../../core/indicators/aggregates.ts';
import { computeFigure } from '../../core/indicators/engine.ts';
import { wholeTree } from '../../core/scope.ts';
import { findOrgAnywhere } from '../../core/tree.ts';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeEmployer, makeTownship } from '../org/testing.ts';
import { createAppeal } from './service.ts';
import { makeAppeal } from './testing.ts';

let test: TestPlatform;
let officer: Client;
let reviewer: Client;
let viewer: Client;
let cityOfficer: Client;
let sibling: Client;

beforeAll(async () => {
  test = await createTestPlatform();
  officer = await test.login((await makeUser(test, '220102', 'operator')).username);
  reviewer = await test.login((await makeUser(test, '220102', 'reviewer')).username);
  viewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
  cityOfficer = await test.login((await makeUser(test, '220100', 'operator')).username);
  sibling = await test.login((await makeUser(test, '220103', 'admin')).username);
});
afterAll(() => test?.close());

const warningsOf = async (employerName: string) =>
  (await sql<{ id: string; reason: string; appeal_count: number; status: string }>`SELECT id, reason, appeal_count, status FROM appeal_warnings WHERE employer_name = ${employerName} ORDER BY id`.execute(test.platform.db)).rows;
const appeal = (employerName: string, overrides: Parameters<typeof makeAppeal>[2] = {}) => makeAppeal(test, '220102', { employerName, ...overrides });

describe('a cluster of appeals against one employer', () => {
  it('raises a warning at the threshold and not below: wages owed, 3 in 30 days', async () => {
    await appeal('南关机械厂');
    await appeal('南关机械厂');
    expect(await warningsOf('南关机械厂')).toEqual([]);
    await appeal('南关机械厂');
    expect(await warningsOf('南关机械厂')).toMatchObject([{ reason: 'cluster', appeal_count: 3, status: 'open' }]);
    // A fourth joins the warning that stands: still one.
    await appeal('南关机械厂');
    expect(await warningsOf('南关机械厂')).toMatchObject([{ reason: 'cluster', appeal_count: 4 }]);
  });

  it('takes 5 appeals of another category, and counts categories apart', async () => {
    for (let n = 0; n < 4; n++) await appeal('南关纺织厂', { category: 'social_insurance' });
    await appeal('南关纺织厂', { category: 'wages' });
    await appeal('南关纺织厂', { category: 'wages' });
    expect(await warningsOf('南关纺织厂')).toEqual([]);
    await appeal('南关纺织厂', { category: 'social_insurance' });
    expect(await warningsOf('南关纺织厂')).toMatchObject([{ reason: 'cluster', appeal_count: 5 }]);
  });

  it("takes the thresholds of the province's settings: wages owed at 4 when the province sets 4", async () => {
    await sql`UPDATE appeal_settings SET wages_warning_count = 4`.execute(test.platform.db);
    try {
      for (let n = 0; n < 3; n++) await appeal('南关钢窗厂');
      expect(await warningsOf('南关钢窗厂')).toEqual([]);
      await appeal('南关钢窗厂');
      expect(await warningsOf('南关钢窗厂')).toMatchObject([{ reason: 'cluster', appeal_count: 4 }]);
    } finally {
      await sql`UPDATE appeal_settings SET wages_warning_count = 3`.execute(test.platform.db);
    }
  });

  it('counts only the window: an appeal of 30 days before no longer counts', async () => {
    const first = await appeal('南关印刷厂');
    await sql`UPDATE appeals SET submitted_on = submitted_on - 30 WHERE id = ${first.id}`.execute(test.platform.db);
    await appeal('南关印刷厂');
    await appeal('南关印刷厂');
    expect(await warningsOf('南关印刷厂')).toEqual([]);
    // 29 days before is inside the window (the appeal's day and the 29 before it).
    await sql`UPDATE appeals SET submitted_on = submitted_on + 1 WHERE id = ${first.id}`.execute(test.platform.db);
    await appeal('南关印刷厂');
    expect(await warningsOf('南关印刷厂')).toMatchObject([{ appeal_count: 4 }]);
  });

  it('knows a typed employer by its normalised name within the county, and not across counties', async () => {
    await appeal('长春 华信（集团）');
    await makeAppeal(test, '220103', { employerName: '长春华信(集团)' });
    await appeal('长春华信(集团)');
    expect(await warningsOf('长春华信(集团)')).toEqual([]);
    // A township of the county is the same place for the cluster.
    const township = await makeTownship(test, '220102');
    await makeAppeal(test, '220102', { employerName: '长春华信 (集团)', placeCode: township.code });
    expect(await warningsOf('长春华信 (集团)')).toMatchObject([{ reason: 'cluster', appeal_count: 3 }]);
  });

  it('counts a known employer by its id, whatever name was typed', async () => {
    const employer = await makeEmployer(test, '220102', '南关食品有限公司');
    await appeal('南关食品', { employerId: employer.id });
    await appeal('南关食品有限公司', { employerId: employer.id });
    await appeal('南关食品有限公司', { employerName: '南关食品有限公司' });
    expect(await sql`SELECT 1 FROM appeal_warnings WHERE employer_id = ${employer.id}`.execute(test.platform.db).then((r) => r.rows)).toEqual([]);
    await appeal('食品公司', { employerId: employer.id });
    const rows = (await sql<{ appeal_count: number; org_id: string }>`SELECT appeal_count, org_id FROM appeal_warnings WHERE employer_id = ${employer.id}`.execute(test.platform.db)).rows;
    expect(rows).toMatchObject([{ appeal_count: 3 }]);
    expect(Number(rows[0]!.org_id)).toBe((await findOrgAnywhere(test.platform.db, '220102'))!.id);
  });

  it('raises one warning, not two, when two appeals arrive at once', async () => {
    const { db, cipher } = test.platform;
    await appeal('南关铸造厂');
    const fields = { orgCode: '220102', channel: 'hotline', kind: 'help', category: 'wages', employerName: '南关铸造厂', placeCode: '220102', facts: '欠薪', request: '讨薪', groupInvolved: false, anonymous: true } as const;
    // Two transactions at once (on PostgreSQL, two connections; PGlite has one and runs them one after the other).
    await Promise.all([createAppeal(systemActor('a'), db, cipher, fields), createAppeal(systemActor('b'), db, cipher, fields)]);
    expect(await warningsOf('南关铸造厂')).toMatchObject([{ reason: 'cluster', appeal_count: 3 }]);
    // And three at once beyond the threshold: still the one.
    await Promise.all([1, 2, 3].map(() => createAppeal(systemActor('c'), db, cipher, fields)));
    expect(await warningsOf('南关铸造厂')).toMatchObject([{ appeal_count: 6 }]);
    const linked = await sql`SELECT count(*)::int AS n FROM appeal_warning_appeals l JOIN appeal_warnings w ON w.id = l.warning_id WHERE w.employer_name = '南关铸造厂'`.execute(db);
    expect(linked.rows).toEqual([{ n: 6 }]);
  });

  // The race itself: the first transaction holds its appeal uncommitted while the second arrives. Without the
  // per-employer lock each would count 2 (the other's appeal unseen) and neither would warn. PostgreSQL only: PGlite
  // has one connection, on which the second transaction could not start before the first ends.
  it.runIf(process.env.DATABASE_URL)('makes the second of two appeals in flight wait for the first, then count it', async () => {
    const { db, cipher } = test.platform;
    await appeal('南关电机厂');
    const fields = { orgCode: '220102', channel: 'hotline', kind: 'help', category: 'wages', employerName: '南关电机厂', placeCode: '220102', facts: '欠薪', request: '讨薪', groupInvolved: false, anonymous: true } as const;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let firstInserted!: () => void;
    const inserted = new Promise<void>((resolve) => (firstInserted = resolve));
    const first = db.transaction().execute(async (tx) => {
      await createAppeal(systemActor('a'), tx, cipher, fields);
      firstInserted();
      await released;
    });
    await inserted;
    let secondDone = false;
    const second = createAppeal(systemActor('b'), db, cipher, fields).then(() => (secondDone = true));
    // Until the second either ends (it did not wait) or waits on a lock: the advisory one, or a row of an aggregate
    // table the first has changed (appeal_counts is kept before the detection, and its rows serialise the two too).
    for (;;) {
      const waiting = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`.execute(db);
      if (secondDone || waiting.rows[0]!.n > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(secondDone).toBe(false);
    release();
    await Promise.all([first, second]);
    expect(await warningsOf('南关电机厂')).toMatchObject([{ reason: 'cluster', appeal_count: 3 }]);
  });

  it('raises one at once for an appeal involving a group', async () => {
    await appeal('南关建筑公司', { category: 'other', groupInvolved: true });
    expect(await warningsOf('南关建筑公司')).toMatchObject([{ reason: 'group', appeal_count: 1 }]);
  });
});

describe('a warning handled like a case', () => {
  let id: number;
  beforeAll(async () => {
    await appeal('南关水泥厂', { groupInvolved: true, category: 'dismissal' });
    id = Number((await warningsOf('南关水泥厂'))[0]!.id);
  });
  const post = (client: Client, step: string, body: unknown = {}) => client.post(`/api/v1/appeals/warnings/${id}/${step}`, body);

  it('is in the queue of the county and of the city at once, not of the sibling county', async () => {
    const queue = async (client: Client) => (await client.get('/api/v1/queues')).json().items.find((item: { code: string }) => item.code === 'warnings_open');
    expect((await queue(officer)).count).toBeGreaterThan(0);
    expect((await queue(cityOfficer)).count).toBeGreaterThanOrEqual((await queue(officer)).count);
    expect((await queue(sibling)).count).toBe(0);
    const listed = (await officer.get('/api/v1/appeals/warnings?status=open&pageSize=200')).json();
    expect(listed.items.map((w: { id: number }) => w.id)).toContain(id);
    expect((await cityOfficer.get('/api/v1/appeals/warnings?status=open&pageSize=200')).json().items.map((w: { id: number }) => w.id)).toContain(id);
    expect((await sibling.get('/api/v1/appeals/warnings?pageSize=200')).json().items).toEqual([]);
    expect((await sibling.get(`/api/v1/appeals/warnings/${id}`)).statusCode).toBe(404);
    expect((await post(sibling, 'acknowledge')).statusCode).toBe(404);
  });

  it('is acknowledged, followed up and closed, each step refused where it may not be taken', async () => {
    const before = (await officer.get(`/api/v1/appeals/warnings/${id}`)).json();
    expect(before).toMatchObject({ status: 'open', reason: 'group', abilities: { acknowledge: true, followUp: false, close: false } });
    expect(before.timeline.map((e: { step: string }) => e.step)).toEqual(['raised']);
    expect(before.appeals).toHaveLength(1);

    expect((await post(viewer, 'acknowledge')).statusCode).toBe(403);
    expect((await post(officer, 'follow-up', { note: '还未签收' })).statusCode).toBe(409);
    expect((await post(reviewer, 'close', { note: '还未签收' })).statusCode).toBe(409);
    const acknowledged = await post(officer, 'acknowledge', { note: '已通知街道工会' });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(acknowledged.json()).toMatchObject({ status: 'acknowledged', acknowledgedOn: expect.any(String), abilities: { acknowledge: false, followUp: true, close: false } });
    expect((await post(officer, 'acknowledge')).statusCode).toBe(409);
    expect((await post(officer, 'follow-up', {})).statusCode).toBe(400);
    expect((await post(officer, 'follow-up', { note: '约谈企业负责人' })).json().status).toBe('acknowledged');
    expect((await post(officer, 'close', { note: '已化解' })).statusCode).toBe(403);
    const closed = (await post(reviewer, 'close', { note: '企业承诺补偿，已化解' })).json();
    expect(closed).toMatchObject({ status: 'closed', closedOn: expect.any(String), abilities: { acknowledge: false, followUp: false, close: false } });
    expect(closed.timeline.map((e: { step: string; note: string | null }) => [e.step, e.note])).toEqual([
      ['raised', null], ['acknowledge', '已通知街道工会'], ['followUp', '约谈企业负责人'], ['close', '企业承诺补偿，已化解'],
    ]);
    expect((await post(officer, 'follow-up', { note: '办结后' })).statusCode).toBe(409);
    const audit = await sql<{ action: string }>`SELECT action FROM audit_events WHERE entity = 'appeals.warning' AND entity_id = ${String(id)} ORDER BY id`.execute(test.platform.db);
    expect(audit.rows.map((row) => row.action)).toEqual(['raise', 'acknowledge', 'followUp', 'close']);
  });

  it('counts every warning raised in its year, and keeps the aggregate true to the records', async () => {
    const province = (await findOrgAnywhere(test.platform.db, '220000'))!;
    const year = new Date().getFullYear();
    const raised = await sql<{ n: number }>`SELECT count(*)::int AS n FROM appeal_warnings WHERE extract(year FROM raised_on) = ${year}`.execute(test.platform.db);
    expect((await computeFigure(test.platform.db, wholeTree, 'appeals.warnings_raised', province.id, year)).value).toBe(raised.rows[0]!.n);
    expect((await checkAggregates(test.platform.db)).filter((d) => d.table === 'appeal_aid_counts')).toEqual([]);
  });
});
