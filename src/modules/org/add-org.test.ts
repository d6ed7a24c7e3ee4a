import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.ts';
import { isValidationError } from '../../core/validation.ts';
import { creditCodeCheckCharacter } from './credit-code.ts';
import { asOwner, createTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { addOrg, employerNameOf, planOrg } from './add-org.ts';

let test: TestPlatform;
const actor = systemActor('cli');

beforeAll(async () => {
  test = await createTestPlatform();
});
afterAll(() => test?.close());

const employersNamed = async (name: string) =>
  Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM employers WHERE name = ${name}`.execute(test.platform.db)).rows[0]!.n);

function issuesOf(work: () => unknown) {
  try {
    work();
  } catch (error) {
    if (isValidationError(error)) return Object.fromEntries(error.issues.map((issue) => [issue.path, issue.messageKey]));
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('org add: planning', () => {
  it('names the employer after the union without its trailing 工会', () => {
    expect(employerNameOf(' 长春某某有限公司工会 ')).toBe('长春某某有限公司');
    expect(employerNameOf('某某联合会')).toBe('某某联合会');
  });

  it('reports every bad field at once, employer fields under employer.', () => {
    const issues = issuesOf(() => planOrg({ parent: '220102', kind: 'grassroots', name: '', creditCode: 'nonsense', size: 'huge' }));
    expect(Object.keys(issues)).toEqual(['name', 'employer.name', 'employer.creditCode', 'employer.sizeClass']);
    expect(issues).toMatchObject({ 'employer.creditCode': 'org.invalid_credit_code', 'employer.sizeClass': 'validation.invalid_value' });
  });

  it('refuses employer details for a union that is not grassroots', () => {
    expect(issuesOf(() => planOrg({ parent: '220102', kind: 'township', name: '某街道工会', ownership: 'state' }))).toEqual({ employer: 'org.employer_only_grassroots' });
  });
});

describe('org add: one transaction', () => {
  it('leaves no employer behind when the union cannot be created', async () => {
    const doomed = '注定失败有限公司工会';
    // A real failure inside the second write, after the employer's insert has succeeded in the same transaction.
    // A trigger is the table owner's to add (on a server with two roles the serving one may not: asOwner).
    await asOwner(test, (db) =>
      sql
        .raw(`CREATE FUNCTION refuse_doomed_union() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.name = '${doomed}' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER refuse_doomed_union BEFORE INSERT ON orgs FOR EACH ROW EXECUTE FUNCTION refuse_doomed_union();`)
        .execute(db),
    );
    try {
      await expect(addOrg(actor, test.platform.db, planOrg({ parent: '220102', kind: 'grassroots', name: doomed }))).rejects.toThrow('refused for the test');
    } finally {
      await asOwner(test, (db) => sql.raw('DROP TRIGGER refuse_doomed_union ON orgs; DROP FUNCTION refuse_doomed_union();').execute(db));
    }
    expect(await employersNamed('注定失败有限公司')).toBe(0);
    const events = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE entity = 'employer'`.execute(test.platform.db);
    expect(events.rows[0]!.n).toBe(0);
  });

  it('registers the employer under the parent and links the union to it', async () => {
    const creditCode = '91220102MA0000002' + creditCodeCheckCharacter('91220102MA0000002');
    const { org, employer } = await addOrg(actor, test.platform.db, planOrg({ parent: '220102', kind: 'grassroots', name: '长春链接有限公司工会', creditCode }));
    expect(employer).toMatchObject({ name: '长春链接有限公司', creditCode, orgCode: '220102', ownership: 'private', sizeClass: 'small', industry: 'C' });
    expect(org).toMatchObject({ kind: 'grassroots', parentCode: '220102', employerId: employer!.id });
  });

  it('lets a union in an alliance go without an employer, or registers it with the alliance’s parent', async () => {
    const { org: alliance } = await addOrg(actor, test.platform.db, planOrg({ parent: '220102', kind: 'alliance', name: '某园区工会联合会' }));
    const { org: bare, employer: none } = await addOrg(actor, test.platform.db, planOrg({ parent: alliance.code, kind: 'grassroots', name: '园区小店工会' }));
    expect(none).toBeUndefined();
    expect(bare.employerId).toBeNull();
    const { org, employer } = await addOrg(actor, test.platform.db, planOrg({ parent: alliance.code, kind: 'grassroots', name: '园区工厂工会', size: 'micro' }));
    expect(employer).toMatchObject({ name: '园区工厂', orgCode: '220102', sizeClass: 'micro' });
    expect(org).toMatchObject({ parentCode: alliance.code, employerId: employer!.id });
  });
});
