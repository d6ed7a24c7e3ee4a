import { sql } from 'kysely';
import { systemActor } from '../actor.ts';
import type { Db } from '../db/tables.ts';
import { createTestPlatform, type TestPlatform } from '../../test/platform.ts';
import type { GenerateParams } from './context.ts';
import { generateProvince, registerGenerateJob, type GenerateResult } from './job.ts';

/** For tests: a platform on a database of its own with a synthetic province generated into it. */
export async function generatedProvince(params: GenerateParams): Promise<{ test: TestPlatform; result: GenerateResult }> {
  const test = await createTestPlatform();
  try {
    registerGenerateJob(test.platform.jobs, test.platform, test.platform.modules);
    const result = await generateProvince(systemActor('test'), test.platform, params);
    return { test, result };
  } catch (error) {
    await test.close();
    throw error;
  }
}

/**
 * A digest of what the database holds, read back with SQL: every generated column except ciphertext (random IVs)
 * and timestamps, rows in an order of their content. Equal digests: the same province, whatever the generator's
 * own digest says.
 */
export async function databaseDigest(db: Db): Promise<string> {
  const { rows } = await sql<{ part: string; digest: string }>`
    SELECT 'orgs' AS part, md5(string_agg(concat_ws('|', o.code, o.name, o.kind, o.level, p.code, o.region_code, o.industry, e.credit_code, o.founded_on,
                   o.has_women_committee, o.has_professional_chair, o.party_union_joint, o.child_sequence), E'\n' ORDER BY o.code)) AS digest
    FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id LEFT JOIN employers e ON e.id = o.employer_id
    UNION ALL
    SELECT 'employers', md5(string_agg(concat_ws('|', e.credit_code, e.name, e.ownership, e.size_class, e.above_scale, e.industry, e.region_code, r.code,
                   e.employee_count, e.address), E'\n' ORDER BY e.credit_code))
    FROM employers e JOIN orgs r ON r.id = e.org_id
    UNION ALL
    SELECT 'workers', md5(string_agg(concat_ws('|', encode(w.id_number_hash, 'hex'), w.name, w.gender, w.birth_date, encode(w.phone_hash, 'hex'), w.household,
                   w.dispatched, w.education), E'\n' ORDER BY w.id_number_hash))
    FROM workers w
    UNION ALL
    SELECT 'memberships', md5(string_agg(concat_ws('|', encode(w.id_number_hash, 'hex'), o.code, m.joined_on, m.ended_on, m.end_reason, m.job), E'\n'
                   ORDER BY w.id_number_hash, m.joined_on, o.code))
    FROM memberships m JOIN workers w ON w.id = m.worker_id JOIN orgs o ON o.id = m.org_id
    UNION ALL
    SELECT 'member_counts', md5(string_agg(concat_ws('|', o.code, c.year, c.joined, c.ended, c.joined_women, c.ended_women, c.joined_migrant, c.ended_migrant), E'\n'
                   ORDER BY o.code, c.year))
    FROM member_counts c JOIN orgs o ON o.id = c.org_id`.execute(db);
  return rows.map((row) => `${row.part}:${row.digest}`).join(' ');
}
