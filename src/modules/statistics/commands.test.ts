import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportBaseline } from '../../core/report-figures.ts';
import { createCommandLine, jsonOf, type CommandLine } from '../../test/cli.ts';
import { makeCreditCode } from '../org/testing.ts';

/** `qiaoliang indicator`, `verify-baseline` and `plan load`, run as the binary runs them (src/test/cli.ts). */

let cli: CommandLine;
beforeAll(async () => {
  cli = await createCommandLine();
});
afterAll(() => cli?.close());

describe('statistics commands', () => {
  it('computes an indicator for an org and a year, as JSON', async () => {
    const union = jsonOf<{ code: string }>(await cli.run('org', 'add', '--parent', '220102', '--kind', 'grassroots', '--name', '统计测试厂工会', '--credit-code', makeCreditCode(), '--employer-name', '统计测试厂', '--json'));
    const year = String(new Date().getFullYear());
    const value = jsonOf<{ code: string; org: string; value: number; numerator: number; denominator: number | null }>(await cli.run('indicator', 'org.grassroots_unions', '--org', union.code, '--year', year, '--json'));
    expect(value).toMatchObject({ code: 'org.grassroots_unions', org: union.code, value: 1, numerator: 1, denominator: null });
    const before = jsonOf<{ value: number }>(await cli.run('indicator', 'org.grassroots_unions', '--org', '220102', '--year', String(Number(year) - 1), '--json'));
    expect(before.value, 'founded this year: not yet a union at the end of last year').toBeLessThan(jsonOf<{ value: number }>(await cli.run('indicator', 'org.grassroots_unions', '--org', '220102', '--year', year, '--json')).value);
    const rate = jsonOf<{ value: number | null; denominator: number }>(await cli.run('indicator', 'org.women_committee_rate', '--org', union.code, '--year', year, '--json'));
    expect(rate).toMatchObject({ value: 0, denominator: 1 });
  });

  it('lists every figure of the report in verify-baseline, and fails on the computed ones out of tolerance', async () => {
    // No synthetic province here: every computed figure is out of tolerance, and the exit code says so.
    const result = await cli.run('verify-baseline', '--scale', '0.01', '--json');
    expect(result.code).toBe(1);
    const { checks, summary } = JSON.parse(result.stdout) as { checks: { indicator: string; withinTolerance: boolean | null }[]; summary: { ok: number; outside: number; notComputed: number; total: number } };
    expect(checks.map((check) => check.indicator)).toEqual(reportBaseline().map((figure) => figure.code));
    expect(checks.some((check) => check.withinTolerance === true)).toBe(false);
    expect(summary.total).toBe(reportBaseline().length);
    expect(summary.outside + summary.notComputed).toBe(summary.total);
    const text = await cli.run('verify-baseline', '--scale', '0.01');
    expect(text.stdout).toContain(`共 ${summary.total} 项：0 项在容差内，${summary.outside} 项超出容差，${summary.notComputed} 项尚无模块计算`);
    expect(text.stdout).toMatch(/· competition\.unit_coverage .* 尚未计算 not yet computed/);
  });

  it('refuses an unknown indicator and a bad plan file with exit code 2, in both languages', async () => {
    const unknown = await cli.run('indicator', 'org.nothing');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('org.nothing');
    expect(unknown.stderr).toContain('There is no indicator');
    const file = join(cli.dataDir, 'plan.json');
    writeFileSync(file, JSON.stringify({ targets: [{ code: 'org.members', op: '>=', value: 1, by: 2030 }] }));
    const outside = await cli.run('plan', 'load', file, '--code', '2013-2018', '--name', '规划', '--period', '2013-2018', '--baseline-period', '2008-2012');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('2030');
  });
});
