import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.ts';
import { createTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { makeEmployer } from './testing.ts';
import { createOrg, moveOrg } from './service.ts';
import { mayStandUnder } from './rules.ts';
import type { OrgKind, OrgLevel } from './schema.ts';

/**
 * Property: moving an org rewrites the paths of exactly its subtree (to the new parent's path followed by the
 * same suffix) and of no other org, and every path stays its parent's path plus its own id.
 */

interface OrgRow { id: number; code: string; kind: OrgKind; level: OrgLevel; parent_id: number | null; path: string }

let test: TestPlatform;
const actor = systemActor('test');

beforeAll(async () => {
  test = await createTestPlatform();
  // A small forest under two counties of 长春: townships, alliances and grassroots unions at every allowed place.
  for (const county of ['220102', '220103']) {
    for (let t = 0; t < 2; t++) {
      const township = await createOrg(actor, test.platform.db, { parentCode: county, kind: 'township', name: `街道${county}-${t}` });
      const alliance = await createOrg(actor, test.platform.db, { parentCode: township.code, kind: 'alliance', name: `联合会${county}-${t}` });
      for (const parent of [township.code, alliance.code, county]) {
        const employer = await makeEmployer(test, county);
        await createOrg(actor, test.platform.db, { parentCode: parent, kind: 'grassroots', name: `工会${employer.id}`, employerId: employer.id });
      }
    }
  }
});
afterAll(() => test?.close());

async function allOrgs(): Promise<Map<number, OrgRow>> {
  const { rows } = await sql<OrgRow>`SELECT id, code, kind, level, parent_id, path::text AS path FROM orgs`.execute(test.platform.db);
  return new Map(rows.map((row) => [row.id, row]));
}

const inside = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

describe('moving an org', () => {
  it('changes the paths of its subtree and of no other org', async () => {
    const candidates = [...(await allOrgs()).values()].filter((org) => org.kind !== 'federation').map((org) => org.id);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...candidates), fc.nat(), async (orgId, pick) => {
        const before = await allOrgs();
        const org = before.get(orgId)!;
        const parents = [...before.values()].filter(
          (parent) => parent.id !== org.parent_id && !inside(parent.path, org.path) && mayStandUnder(org.kind, org.level, parent) && inside(parent.path, '1.2'),
        );
        fc.pre(parents.length > 0);
        const parent = parents[pick % parents.length]!;
        await moveOrg(actor, test.platform.db, org.code, { parentCode: parent.code, movedOn: '2013-06-30' });
        const after = await allOrgs();
        for (const [id, was] of before) {
          const now = after.get(id)!;
          if (inside(was.path, org.path)) {
            expect(now.path).toBe(`${parent.path}.${was.path.slice(org.path.length - String(org.id).length)}`);
          } else {
            expect(now.path).toBe(was.path);
          }
          const parentPath = now.parent_id === null ? '' : `${after.get(now.parent_id)!.path}.`;
          expect(now.path).toBe(`${parentPath}${id}`);
        }
        expect(after.get(orgId)!.parent_id).toBe(parent.id);
      }),
      { numRuns: 25 },
    );
  });

  it('records the move with its date and refuses impossible ones', async () => {
    // Fresh orgs: the property above has moved the others about at random.
    const created = await createOrg(actor, test.platform.db, { parentCode: '220102', kind: 'township', name: '迁移测试街道' });
    const createdChild = await createOrg(actor, test.platform.db, { parentCode: created.code, kind: 'alliance', name: '迁移测试联合会' });
    const orgs = [...(await allOrgs()).values()];
    const township = orgs.find((org) => org.code === created.code)!;
    const child = orgs.find((org) => org.code === createdChild.code)!;
    await expect(moveOrg(actor, test.platform.db, township.code, { parentCode: child.code, movedOn: '2013-01-01' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(moveOrg(actor, test.platform.db, township.code, { parentCode: '220100', movedOn: '2013-01-01' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'parent_kind' })],
    });
    await expect(moveOrg(actor, test.platform.db, '220000', { parentCode: '220100', movedOn: '2013-01-01' })).rejects.toMatchObject({ code: 'forbidden' });
    const target = orgs.find((org) => org.level === 'county' && org.id !== township.parent_id && inside(org.path, '1.2'))!;
    await moveOrg(actor, test.platform.db, township.code, { parentCode: target.code, movedOn: '2014-03-01' });
    const { rows } = await sql<{ moved_on: string; to_parent_id: number }>`SELECT moved_on, to_parent_id FROM org_moves WHERE org_id = ${township.id} ORDER BY id DESC LIMIT 1`.execute(test.platform.db);
    expect(rows[0]).toEqual({ moved_on: '2014-03-01', to_parent_id: target.id });
  });
});
