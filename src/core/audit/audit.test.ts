import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../modules/org/service.ts';
import { actorFor, createTestPlatform, makeUser, type TestPlatform } from '../../test/platform.ts';
import { inTransaction } from '../db/transaction.ts';
import { scrub } from './store.ts';

let test: TestPlatform;
beforeAll(async () => {
  test = await createTestPlatform();
});
afterAll(() => test?.close());

const auditCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events`.execute(test.platform.db)).rows[0]!.n;
const orgCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM orgs`.execute(test.platform.db)).rows[0]!.n;

describe('audit', () => {
  it('a successful change leaves exactly one audit row, with who, what and the after-image', async () => {
    const { username } = await makeUser(test, '220102', 'admin');
    const actor = await actorFor(test, username);
    const before = await auditCount();
    const org = await createOrg(actor, test.platform.db, { parentCode: '220102', kind: 'township', name: '南岭街道工会' });
    expect(await auditCount()).toBe(before + 1);
    const { rows } = await sql<{ actor_name: string; action: string; entity: string; entity_id: string; after: { name: string } }>`
      SELECT actor_name, action, entity, entity_id, after FROM audit_events ORDER BY id DESC LIMIT 1`.execute(test.platform.db);
    expect(rows[0]).toMatchObject({ actor_name: username, action: 'create', entity: 'org', entity_id: org.code, after: { name: '南岭街道工会' } });
  });

  it('a change whose transaction fails leaves no audit row and no change', async () => {
    const { username } = await makeUser(test, '220102', 'admin');
    const actor = await actorFor(test, username);
    const [audits, orgs] = [await auditCount(), await orgCount()];
    await expect(
      inTransaction(test.platform.db, async (tx) => {
        await createOrg(actor, tx, { parentCode: '220102', kind: 'township', name: '不会留下的工会' });
        throw new Error('a later step of the same change fails');
      }),
    ).rejects.toThrow('a later step');
    expect(await auditCount()).toBe(audits);
    expect(await orgCount()).toBe(orgs);
  });

  it('cannot be updated or deleted, whatever the role', async () => {
    await expect(sql`UPDATE audit_events SET action = 'forged'`.execute(test.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(test.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_events`.execute(test.platform.db)).rejects.toThrow(/append-only/);
  });

  it('masks personal data and drops secrets, however deep', () => {
    expect(scrub({ idNumber: '220102199001011234', phone: '13812345678', passwordHash: 'x', member: { id_number: '22010219900101123X', name: '张三' } })).toEqual({
      idNumber: '2201**********1234',
      phone: '138****5678',
      member: { id_number: '2201**********123X', name: '张三' },
    });
  });
});
