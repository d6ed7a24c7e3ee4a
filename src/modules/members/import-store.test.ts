import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCopyTransaction } from '../../core/import/copy.ts';
import { createTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { makeIdNumber, makeMember, makeUnion } from '../../test/world.ts';
import { parseIdNumber } from './id-number.ts';
import { insertNewPeople, stageRows, type StagedMember } from './import-store.ts';

let test: TestPlatform;
let union: { id: number; code: string };

beforeAll(async () => {
  test = await createTestPlatform();
  union = (await makeUnion(test, '220102', '南关暂存工会')).union;
});
afterAll(() => test?.close());

function staged(rowNumber: number, name: string, idNumber: string): StagedMember {
  const id = parseIdNumber(idNumber);
  if (typeof id === 'string') throw new Error(id);
  const { cipher } = test.platform;
  return {
    rowNumber, name, idHash: cipher.lookupHash(id.value), idCipher: cipher.encrypt(id.value), gender: id.gender, birthDate: id.birthDate,
    phoneHash: null, phoneCipher: null, household: 'urban', dispatched: false, education: null, job: null, cardNumber: null, joinedOn: '2012-03-01', orgId: union.id,
  };
}

const workerCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM workers`.execute(test.platform.db)).rows[0]!.n;

describe('the new-people path of the roster merge', () => {
  it('undoes its insert and says so when one of the people is known already', async () => {
    const knownId = makeIdNumber();
    await makeMember(test, union.code, '已登记', { idNumber: knownId });
    const before = await workerCount();
    const inserted = await withCopyTransaction(test.platform.database, async (tx, copy) => {
      await stageRows(tx, copy, [staged(2, '新会员', makeIdNumber()), staged(3, '已登记', knownId)]);
      const result = await insertNewPeople(tx);
      // The transaction goes on, without the half-done insert.
      expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM workers`.execute(tx)).rows[0]!.n).toBe(before);
      return result;
    });
    expect(inserted).toBe(false);
    expect(await workerCount()).toBe(before);
  });
});
