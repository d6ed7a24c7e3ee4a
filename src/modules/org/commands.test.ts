import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandLine, jsonOf, type CommandLine } from '../../test/cli.ts';
import { creditCodeCheckCharacter } from './credit-code.ts';
import type { OrgView } from './schema.ts';

/** `qiaoliang org add|list`, run as the binary runs them (src/test/cli.ts). */

let cli: CommandLine;
beforeAll(async () => {
  cli = await createCommandLine();
});
afterAll(() => cli?.close());

const validCreditCode = (body: string) => body + creditCodeCheckCharacter(body)!;

describe('org commands', () => {
  it('adds a township union under 220102 and lists it', async () => {
    const added = await cli.run('org', 'add', '--parent', '220102', '--kind', 'township', '--name', '自强街道工会');
    expect(added.code, added.stderr).toBe(0);
    const code = /220102-T\d{3}/.exec(added.stdout)?.[0];
    expect(code).toBeDefined();
    const { items } = jsonOf<{ items: OrgView[] }>(await cli.run('org', 'list', '--parent', '220102', '--json'));
    expect(items).toContainEqual(expect.objectContaining({ code, name: '自强街道工会', kind: 'township' }));
  });

  it('rejects a grassroots union with a bad credit code, writing neither the employer nor the union', async () => {
    const result = await cli.run('org', 'add', '--parent', '220102', '--kind', 'grassroots', '--name', '长春错码有限公司工会', '--credit-code', '91220102MA00000001');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('employer.creditCode: 统一社会信用代码不正确');
    expect(result.stderr).toContain('employer.creditCode: Not a valid unified social credit code');
    const { items: orgs } = jsonOf<{ items: OrgView[] }>(await cli.run('org', 'list', '--parent', '220102', '--subtree', '--json'));
    expect(orgs.map((org) => org.name)).not.toContain('长春错码有限公司工会');
    const { items: events } = jsonOf<{ items: { entity: string }[] }>(await cli.run('audit', 'show', '--entity', 'employer', '--json'));
    expect(events).toEqual([]);
  });

  it('adds a grassroots union together with its employer', async () => {
    const org = jsonOf<OrgView>(await cli.run('org', 'add', '--parent', '220102', '--kind', 'grassroots', '--name', '长春正码有限公司工会', '--credit-code', validCreditCode('91220102MA0000001'), '--json'));
    expect(org).toMatchObject({ kind: 'grassroots', parentCode: '220102', employerName: '长春正码有限公司' });
    expect(org.code).toMatch(/^220102-G\d{4}$/);
  });

  it('says which parent is unknown', async () => {
    const result = await cli.run('org', 'list', '--parent', '999999');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('999999');
  });
});
