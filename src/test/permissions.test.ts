import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePermissions, renderPermissions } from './permissions.ts';
import { createTestPlatform, type TestPlatform } from './platform.ts';

/**
 * docs/permissions.md is what the server answers now: routes × roles × (own, ancestor, sibling), asked of a server on
 * a database of this file's own (src/test/permissions.ts). A new route, or a changed rule, fails this until the file
 * is written again with `npm run permissions` and committed, so that a reviewer reads who may do what in the diff.
 */

const file = new URL('../../docs/permissions.md', import.meta.url);
let test: TestPlatform;
beforeAll(async () => {
  test = await createTestPlatform();
});
afterAll(() => test?.close());

describe('the permission matrix', () => {
  it('in docs/permissions.md is current (npm run permissions writes it)', async () => {
    const rows = await computePermissions(test);
    // What the matrix must show whatever else changes: scope holds, and a viewer changes nothing.
    const cell = (key: string, column: string) => rows.find((row) => row.key === key)?.cells[column];
    expect(cell('PATCH /api/v1/orgs/{orgCode}', 'admin/sibling')).toBe('404');
    expect(cell('PATCH /api/v1/orgs/{orgCode}', 'admin/own')).toBe('✓');
    expect(cell('POST /api/v1/members/{membershipId}/reveal', 'viewer/own')).toBe('403');
    expect(readFileSync(file, 'utf8'), 'docs/permissions.md is out of date: run `npm run permissions` and commit it').toBe(renderPermissions(rows));
  });
});
