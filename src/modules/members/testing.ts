import { sql } from 'kysely';
import { systemActor } from '../../core/actor.ts';
import type { Db } from '../../core/db/tables.ts';
import type { PlatformContext } from '../../core/http/context.ts';
import { idNumberCheckCharacter } from './id-number.ts';
import type { CreateMemberRequest } from './schema.ts';
import { createMember } from './service.ts';

/** Factories and digests for tests: people made through the service, as a clerk would enter them. */

let people = 0;

/** A valid resident ID number, different at every call: born in 220102 on a day of 1970–1999. */
export function makeIdNumber(gender: 'male' | 'female' = 'male'): string {
  const n = ++people + Math.floor(Math.random() * 1000) * 1000;
  const birth = new Date(Date.UTC(1970, 0, 1) + (n % 10950) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const sequence = String((Math.floor(n / 7) % 499) * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0');
  const body = `220102${birth}${sequence}`;
  return body + idNumberCheckCharacter(body)!;
}

export async function makeMember(test: { platform: Pick<PlatformContext, 'db' | 'cipher'> }, unionCode: string, name = `会员${people}`, overrides: Partial<CreateMemberRequest> = {}) {
  return createMember(systemActor('test'), test.platform.db, test.platform.cipher, {
    orgCode: unionCode,
    name,
    idNumber: makeIdNumber(),
    household: 'urban',
    dispatched: false,
    joinedOn: '2012-03-01',
    secondJob: false,
    ...overrides,
  });
}

/** A digest of every worker, membership and member count row: equal before and after means the roster is untouched. */
export async function rosterDigest(db: Db): Promise<string> {
  const { rows } = await sql<{ d: string }>`
    SELECT md5(concat(
      (SELECT string_agg(w::text, '|' ORDER BY id) FROM workers w),
      (SELECT string_agg(m::text, '|' ORDER BY id) FROM memberships m),
      (SELECT string_agg(c::text, '|' ORDER BY org_id, year) FROM member_counts c))) AS d`.execute(db);
  return rows[0]!.d;
}
