import { sql } from 'kysely';
import { systemActor } from '../../core/actor.ts';
import { recordOf, type ModuleChecks } from '../../core/checks.ts';
import { makeIdNumber, makeMember } from './testing.ts';
import { requestTransfer } from './transfers.ts';

/** The members module's part of the platform's own tests (src/core/checks.ts). */
export const memberChecks: ModuleChecks = {
  /** A member of the corner's union, with a phone, whose transfer to the corner's second union is pending. */
  async furnish(platform, corner) {
    const idNumber = makeIdNumber();
    const phone = '13904310000';
    const member = await makeMember({ platform }, recordOf(corner, 'union').code!, `${corner.label}会员`, { idNumber, phone });
    const transfer = await requestTransfer(systemActor('test'), platform.db, platform.cipher, member.id, recordOf(corner, 'secondUnion').code!, '2013-01-01');
    Object.assign(corner.records, { member, transfer });
    corner.secrets.push(member.name, idNumber, phone);
  },

  probes: {
    'GET /api/v1/members': { target: (o) => ({ query: { orgCode: o.countyCode } }) },
    'POST /api/v1/members': { target: (o) => ({ body: { orgCode: recordOf(o, 'union').code, name: '越权会员', idNumber: makeIdNumber(), household: 'urban', joinedOn: '2013-01-01' } }) },
    'GET /api/v1/members/{membershipId}': { target: (o) => ({ params: { membershipId: recordOf(o, 'member').id } }) },
    'PATCH /api/v1/members/{membershipId}': { target: (o) => ({ params: { membershipId: recordOf(o, 'member').id }, body: { name: '被篡改的会员' } }) },
    'POST /api/v1/members/{membershipId}/end': { target: (o) => ({ params: { membershipId: recordOf(o, 'member').id }, body: { endedOn: '2013-01-01', reason: 'left' } }) },
    'POST /api/v1/members/{membershipId}/reveal': { target: (o) => ({ params: { membershipId: recordOf(o, 'member').id }, body: { field: 'idNumber' } }) },
    'POST /api/v1/members/{membershipId}/transfer': { target: (o) => ({ params: { membershipId: recordOf(o, 'member').id }, body: { toOrgCode: recordOf(o, 'union').code, requestedOn: '2013-01-01' } }) },
    'POST /api/v1/members/import': { target: (o) => ({ query: { intoOrgCode: recordOf(o, 'union').code! }, file: { name: 'roster.csv', content: '姓名,身份证号\n' } }) },
    'POST /api/v1/members/import/preview': { target: () => ({ file: { name: 'roster.csv', content: '姓名,身份证号\n' } }), self: true },
    'GET /api/v1/members/import/template': { target: () => ({}), self: true },
    'GET /api/v1/members/import/{jobId}/rejected': { target: (o) => ({ params: { jobId: o.jobId } }) },
    'GET /api/v1/members/export': { target: (o) => ({ query: { orgCode: o.countyCode, full: '1' } }) },
    'POST /api/v1/members/exports': { target: (o) => ({ body: { orgCode: o.countyCode, full: true } }) },
    'GET /api/v1/members/exports/{jobId}/file': { target: (o) => ({ params: { jobId: o.jobId } }) },
    'DELETE /api/v1/members/exports/{jobId}': { target: (o) => ({ params: { jobId: o.jobId } }) },
    // Part of a name finds unions of the caller's own county only: the other's union, by a part of its name, is not listed.
    'GET /api/v1/transfers/destinations': { target: (o) => ({ query: { q: [...recordOf(o, 'union').name!].slice(0, 2).join('') } }) },
    'GET /api/v1/transfers': { target: () => ({ query: { direction: 'all' } }) },
    'POST /api/v1/transfers/{transferId}/accept': { target: (o) => ({ params: { transferId: recordOf(o, 'transfer').id }, body: { decidedOn: '2013-02-01' } }) },
    'POST /api/v1/transfers/{transferId}/reject': { target: (o) => ({ params: { transferId: recordOf(o, 'transfer').id }, body: { decidedOn: '2013-02-01' } }) },
    'POST /api/v1/transfers/{transferId}/cancel': { target: (o) => ({ params: { transferId: recordOf(o, 'transfer').id } }) },
  },

  ownTargets: (corner) => ({ membershipId: recordOf(corner, 'member').id, transferId: recordOf(corner, 'transfer').id }),

  async recount(db, orgId, year) {
    const { rows } = await sql<Record<string, number>>`
      WITH sub AS (SELECT id FROM orgs WHERE path <@ (SELECT path FROM orgs WHERE id = ${orgId})),
      active AS (SELECT m.*, w.gender, w.household, w.dispatched FROM memberships m JOIN workers w ON w.id = m.worker_id
                 WHERE m.org_id IN (SELECT id FROM sub) AND m.joined_on <= make_date(${year}, 12, 31) AND (m.ended_on IS NULL OR m.ended_on > make_date(${year}, 12, 31)))
      SELECT (SELECT count(*) FROM active)::int AS "org.members",
             (SELECT count(*) FROM active WHERE gender = 'female')::int AS "members.women",
             (SELECT count(*) FROM active WHERE household = 'rural')::int AS "members.migrant_workers",
             (SELECT count(*) FROM active WHERE dispatched)::int AS "members.dispatched_workers",
             (SELECT count(*) FROM active WHERE household IS NULL)::int AS "members.household_unknown",
             (SELECT count(*) FROM active WHERE dispatched IS NULL)::int AS "members.dispatched_unknown",
             (SELECT count(*) FROM memberships WHERE org_id IN (SELECT id FROM sub) AND extract(year FROM joined_on) = ${year})::int AS "org.new_members"`.execute(db);
    return rows[0]!;
  },

  contentDigest: () => sql<{ part: string; digest: string }>`
    SELECT 'workers' AS part, md5(string_agg(concat_ws('|', encode(w.id_number_hash, 'hex'), w.name, w.gender, w.birth_date, encode(w.phone_hash, 'hex'),
                   coalesce(w.household, '?'), coalesce(w.dispatched::text, '?'), w.education), E'\n' ORDER BY w.id_number_hash)) AS digest
    FROM workers w
    UNION ALL
    SELECT 'memberships', md5(string_agg(concat_ws('|', encode(w.id_number_hash, 'hex'), o.code, m.joined_on, m.ended_on, m.end_reason, m.job), E'\n'
                   ORDER BY w.id_number_hash, m.joined_on, o.code))
    FROM memberships m JOIN workers w ON w.id = m.worker_id JOIN orgs o ON o.id = m.org_id
    UNION ALL
    SELECT 'member_counts', md5(string_agg(concat_ws('|', o.code, c.year, c.joined, c.ended, c.joined_women, c.ended_women, c.joined_migrant, c.ended_migrant,
                   c.joined_dispatched, c.ended_dispatched, c.joined_household_unknown, c.ended_household_unknown, c.joined_dispatched_unknown, c.ended_dispatched_unknown), E'\n'
                   ORDER BY o.code, c.year))
    FROM member_counts c JOIN orgs o ON o.id = c.org_id`,
};
