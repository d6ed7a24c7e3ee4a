import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateResult } from '../../core/generate/job.ts';
import { generatedProvince } from '../../test/province.ts';
import type { TestPlatform } from '../../test/platform.ts';
import { checkAggregates } from '../../core/indicators/aggregates.ts';
import { parseIdNumber } from './id-number.ts';
import { knownRegion } from './schema.ts';

/** Generated members are stored exactly as the members module stores the ones it is given. */

let test: TestPlatform;
let result: GenerateResult;

beforeAll(async () => {
  ({ test, result } = await generatedProvince({ scale: 0.002, seed: 11, until: 2013 }));
}, 300_000);
afterAll(() => test?.close());

interface WorkerRow {
  id_number_cipher: Buffer;
  id_number_hash: Buffer;
  phone_cipher: Buffer | null;
  phone_hash: Buffer | null;
  gender: string;
  birth_date: string;
  counties: string[];
}

describe('the generated members', () => {
  it('have valid ID numbers, issued in the county of their union, that say their birth date and gender, sealed with the platform key', async () => {
    const { cipher, db } = test.platform;
    const { rows } = await sql<WorkerRow>`
      SELECT w.id_number_cipher, w.id_number_hash, w.phone_cipher, w.phone_hash, w.gender, w.birth_date,
             array_agg(DISTINCT substr(o.code, 1, 6)) AS counties
      FROM workers w JOIN memberships m ON m.worker_id = w.id JOIN orgs o ON o.id = m.org_id
      GROUP BY w.id`.execute(db);
    expect(rows.length).toBe(result.counts.workers);
    // Problems are collected and compared once: an expect per row of thousands would make the test slow, not stricter.
    const problems: string[] = [];
    for (const row of rows) {
      const idNumber = cipher.decrypt(row.id_number_cipher);
      const parsed = parseIdNumber(idNumber, knownRegion);
      if (typeof parsed !== 'object') {
        problems.push(`${idNumber}: ${parsed}`);
        continue;
      }
      if (parsed.birthDate !== row.birth_date || parsed.gender !== row.gender) problems.push(`${idNumber}: born ${row.birth_date}, ${row.gender}`);
      // A person who transferred has been a member in two counties; the number was issued in the last one's.
      if (!row.counties.includes(parsed.regionCode)) problems.push(`${idNumber}: members in ${row.counties.join(', ')}`);
      if (!row.id_number_hash.equals(cipher.lookupHash(idNumber))) problems.push(`${idNumber}: hash`);
      if (row.phone_cipher) {
        const phone = cipher.decrypt(row.phone_cipher);
        if (!/^1[3-9]\d{9}$/.test(phone) || !row.phone_hash!.equals(cipher.lookupHash(phone))) problems.push(`${idNumber}: phone ${phone}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('joined after their union was founded and after their 16th birthday, and ended, if at all, after joining with a reason', async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM memberships m JOIN orgs o ON o.id = m.org_id JOIN workers w ON w.id = m.worker_id
      WHERE m.joined_on < o.founded_on OR m.joined_on < w.birth_date + interval '16 years'
         OR m.ended_on < m.joined_on OR (m.ended_on IS NULL) <> (m.end_reason IS NULL) OR m.ended_on > '2013-12-31'`.execute(test.platform.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('transferred by accepted transfers, each closing one membership and opening the next on the same day', async () => {
    const { rows } = await sql<{ transfers: number; consistent: number }>`
      SELECT count(*)::int AS transfers,
             count(*) FILTER (WHERE f.end_reason = 'transferred' AND f.ended_on = t.decided_on AND n.joined_on = t.decided_on
                                AND f.worker_id = n.worker_id AND f.org_id = t.from_org_id AND n.org_id = t.to_org_id AND t.status = 'accepted')::int AS consistent
      FROM member_transfers t JOIN memberships f ON f.id = t.membership_id JOIN memberships n ON n.id = t.new_membership_id`.execute(test.platform.db);
    expect(rows[0]!.transfers).toBe(result.counts.transfers);
    expect(rows[0]!.transfers).toBeGreaterThan(0);
    expect(rows[0]!.consistent).toBe(rows[0]!.transfers);
  });

  it('leave the aggregate tables equal to what the records give', async () => {
    expect(await checkAggregates(test.platform.db)).toEqual([]);
  });
});
