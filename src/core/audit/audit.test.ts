import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, createTestPlatform, makeUser, type TestPlatform } from '../../test/platform.ts';
import { createUser } from '../auth/service.ts';
import { inTransaction } from '../db/transaction.ts';
import { scrub } from './store.ts';

let test: TestPlatform;
beforeAll(async () => {
  test = await createTestPlatform();
});
afterAll(() => test?.close());

const auditCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events`.execute(test.platform.db)).rows[0]!.n;
const userCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM users`.execute(test.platform.db)).rows[0]!.n;
const newUser = (username: string) => ({ username, displayName: '南岭街道录入员', orgCode: '220102', role: 'operator' as const, password: 'a-long-password-2013' });

describe('audit', () => {
  it('a successful change leaves exactly one audit row, with who, what and the after-image', async () => {
    const { username } = await makeUser(test, '220102', 'admin');
    const actor = await actorFor(test, username);
    const before = await auditCount();
    const user = await createUser(actor, test.platform.db, newUser('nanling_clerk'));
    expect(await auditCount()).toBe(before + 1);
    const { rows } = await sql<{ actor_name: string; action: string; entity: string; entity_id: string; after: { username: string } }>`
      SELECT actor_name, action, entity, entity_id, after FROM audit_events ORDER BY id DESC LIMIT 1`.execute(test.platform.db);
    expect(rows[0]).toMatchObject({ actor_name: username, action: 'create', entity: 'user', entity_id: String(user.id), after: { username: 'nanling_clerk' } });
  });

  it('a change whose transaction fails leaves no audit row and no change', async () => {
    const { username } = await makeUser(test, '220102', 'admin');
    const actor = await actorFor(test, username);
    const [audits, users] = [await auditCount(), await userCount()];
    await expect(
      inTransaction(test.platform.db, async (tx) => {
        await createUser(actor, tx, newUser('never_kept'));
        throw new Error('a later step of the same change fails');
      }),
    ).rejects.toThrow('a later step');
    expect(await auditCount()).toBe(audits);
    expect(await userCount()).toBe(users);
  });

  it('cannot be updated or deleted, whatever the role', async () => {
    // The trigger refuses the owner; a serving role that owns nothing is refused before it (src/core/db/roles.test.ts).
    await expect(sql`UPDATE audit_events SET action = 'forged'`.execute(test.platform.db)).rejects.toThrow(/append-only|permission denied/);
    await expect(sql`DELETE FROM audit_events`.execute(test.platform.db)).rejects.toThrow(/append-only|permission denied/);
    await expect(sql`TRUNCATE audit_events`.execute(test.platform.db)).rejects.toThrow(/append-only|permission denied/);
  });

  it('masks personal data and drops secrets, however deep', () => {
    expect(scrub({ idNumber: '220102199001011234', phone: '13812345678', passwordHash: 'x', member: { id_number: '22010219900101123X', name: '张三' } })).toEqual({
      idNumber: '**************1234',
      phone: '138****5678',
      member: { id_number: '**************123X', name: '张三' },
    });
  });
});
