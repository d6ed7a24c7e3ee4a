import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../src/modules/members/id-number.ts';
import { makeUnion } from '../src/modules/org/testing.ts';
import { makeIdNumber } from '../src/modules/members/testing.ts';
import { criticalViolations, hasChromium, logIn, screenshot, startWorld, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;
beforeAll(async () => {
  if (hasChromium) world = await startWorld();
});
afterAll(() => world?.close());

const masked = (idNumber: string) => `**************${idNumber.slice(-4)}`;
const fullWidth = (text: string) => text.replace(/[0-9X]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

/** Waits until the page's data has arrived and nothing spins, so axe sees the page as a person does. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

describe.skipIf(!hasChromium)('member roster', () => {
  it('an operator adds a member: a wrong check character is refused inline, the saved member is listed masked, reveal shows the number, history shows both', async () => {
    const { union } = await makeUnion(world, '220102', '南关名册测试工会');
    const { username } = await world.makeUser('220102', 'operator');
    const page = await world.newPage();
    await logIn(page, username);
    await page.goto(`/members?org=${union.code}`);
    const table = page.getByTestId('member-table');
    await table.getByText('没有符合条件的会员').waitFor();
    await screenshot(page, 'members-empty');

    await page.getByTestId('member-create').click();
    const form = page.getByTestId('member-create-form');
    // The org in view is a grassroots union: the member joins it unless another is picked.
    await form.getByText(`南关名册测试工会（${union.code}）`).waitFor();
    await form.getByRole('textbox', { name: '姓名' }).fill('张桥梁');
    const idNumber = makeIdNumber('female');
    const wrongCheck = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
    const idBox = form.getByRole('textbox', { name: '身份证号' });
    await idBox.fill(wrongCheck);
    const error = form.getByText('身份证号校验位不正确，请核对每一位');
    await error.waitFor();
    await screenshot(page, 'member-create-check-character');

    await idBox.fill(idNumber);
    await error.waitFor({ state: 'detached' });
    const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
    await form.getByTestId('id-number-reading').getByText(`出生日期 ${birth}，性别 女`).waitFor();
    await form.getByRole('textbox', { name: '手机号' }).fill('13904315678');
    const joined = form.getByRole('textbox', { name: '入会日期' });
    await joined.click();
    await joined.fill('2015-03-01');
    await joined.press('Enter');
    await screenshot(page, 'member-create-filled');
    await page.getByTestId('member-save').click();
    await form.waitFor({ state: 'detached' });

    const row = table.getByRole('row').filter({ hasText: '张桥梁' });
    await row.waitFor();
    const text = (await row.textContent())!;
    expect(text).toContain(masked(idNumber));
    expect(text).toContain('139****5678');
    expect(text).not.toContain(idNumber);
    expect(text).toContain('在册');
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'members');

    // 导出 runs as a job with its progress: e2e/roster-export.test.ts.

    await row.getByRole('button', { name: '张桥梁' }).click();
    const detail = page.getByTestId('member-detail');
    await detail.getByTestId('member-idNumber').getByText(masked(idNumber)).waitFor();
    await page.getByTestId('reveal-idNumber').click();
    await detail.getByTestId('member-idNumber').getByText(idNumber, { exact: true }).waitFor();
    await detail.getByText('本次查看已记录在审计日志中').waitFor();

    const history = page.getByTestId('audit-history');
    await history.getByRole('cell', { name: '查看完整信息', exact: true }).waitFor();
    await history.getByRole('cell', { name: '新增', exact: true }).waitFor();
    expect(await history.getByRole('row').filter({ hasText: '查看完整信息' }).textContent()).toContain(username);
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'member-drawer-revealed');
    await history.scrollIntoViewIfNeeded();
    await screenshot(page, 'member-drawer-history');
  });

  it('imports a messy CSV through the wizard: title row, full-width digits, scientific notation, a duplicate and an empty row', async () => {
    const { union } = await makeUnion(world, '220102', '南关导入测试工会');
    const { username } = await world.makeUser('220102', 'operator');
    const page = await world.newPage();
    await logIn(page, username);

    const [a, b, c, d] = [makeIdNumber(), makeIdNumber('female'), makeIdNumber(), makeIdNumber('female')];
    const csv = [
      '2024年度南关导入测试工会会员花名册,,,,',
      '姓名,身份证号,手机号,户籍,入会时间',
      `导入甲,${a},13904310001,城镇,2015-03-01`,
      `导入乙,${b},,农村,2016-05-01`,
      `导入丙,${fullWidth(c)},,城镇,2017-01-01`,
      '导入丁,2.20102E+17,,城镇,2018-01-01',
      `导入甲,${a},13904310001,城镇,2015-03-01`,
      ',,,,',
      `导入戊,${d},,农村,2019-09-01`,
      '',
    ].join('\r\n');

    await page.goto(`/members?org=${union.code}`);
    await page.getByTestId('member-import').click();
    await page.waitForURL(/\/members\/import\?org=/);
    const wizard = page.getByTestId('import-form');
    await wizard.getByText(`南关导入测试工会（${union.code}）`).waitFor();
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'members-import-1');

    await page.locator('input[type=file]').setInputFiles({ name: '会员花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await wizard.getByTestId('import-chosen').getByText('会员花名册.csv').waitFor();
    await screenshot(page, 'members-import-2');

    // The first look at the job waits until the progress step has been photographed.
    let release!: () => void;
    const photographed = new Promise<void>((resolve) => (release = resolve));
    const jobUrl = /\/api\/v1\/jobs\/\d+$/;
    await page.route(jobUrl, async (route) => {
      await photographed;
      await route.continue();
    });
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-progress').waitFor();
    await screenshot(page, 'members-import-3');
    release();

    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    await page.unroute(jobUrl);
    const count = async (name: string) => (await page.getByTestId(`import-${name}`).locator('.ant-statistic-content-value').textContent())?.trim();
    expect(await count('imported')).toBe('4');
    expect(await count('updated')).toBe('0');
    expect(await count('unchanged')).toBe('0');
    expect(await count('rejected')).toBe('2');
    await page.getByText('导入完成：共 6 行').waitFor();
    // The reasons are on the page, by the row numbers of the user's own file (the header is its row 2).
    const reasons = await page.getByTestId('import-rejected-rows').locator('tbody tr').allTextContents();
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/^6身份证号.*科学计数法/);
    expect(reasons[1]).toMatch(/^7身份证号.*与本文件第 3 行重复/);
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'members-import-4');

    const link = page.getByTestId('import-rejected-download');
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/v1\/members\/import\/\d+\/rejected$/);
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((await response.body()).subarray(0, 2).toString()).toBe('PK');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    // The file is named in the reader's language (members.import.rejected_file).
    expect(download.suggestedFilename()).toMatch(/^未导入的行-\d+\.xlsx$/);

    await page.getByTestId('import-to-roster').click();
    await page.waitForURL(/\/members\?org=/);
    const table = page.getByTestId('member-table');
    for (const name of ['导入甲', '导入乙', '导入丙', '导入戊']) await table.getByRole('row').filter({ hasText: name }).waitFor();
    expect(await table.getByRole('row').filter({ hasText: '导入丁' }).count()).toBe(0);
    expect(await table.getByRole('row').filter({ hasText: '导入丙' }).textContent()).toContain(masked(c));
    expect(await table.getByRole('row').filter({ hasText: '导入乙' }).textContent()).toContain('农民工');
    await page.getByText('共 4 条').waitFor();
    await screenshot(page, 'members-after-import');
  });

  it('has no critical accessibility violations on the roster, the transfer inbox and the import wizard', async () => {
    const { union } = await makeUnion(world, '220102', '南关转出测试工会');
    const { union: other } = await makeUnion(world, '220102', '南关转入测试工会');
    const { username } = await world.makeUser('220102', 'operator');
    const page = await world.newPage();
    await logIn(page, username);
    const body = '22010219900307002';
    const created = await page.request.post('/api/v1/members', {
      data: { orgCode: union.code, name: '李转移', idNumber: body + idNumberCheckCharacter(body)!, household: 'rural', joinedOn: '2014-06-01' },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect((await page.request.post(`/api/v1/members/${id}/transfer`, { data: { toOrgCode: other.code, requestedOn: '2020-01-02' } })).status()).toBe(201);

    for (const [path, name, ready] of [
      [`/members?org=${union.code}`, 'a11y-members', 'member-table'],
      ['/transfers', 'a11y-transfers', 'transfer-table'],
      [`/members/import?org=${union.code}`, 'a11y-members-import', 'import-form'],
    ] as const) {
      await page.goto(path);
      await page.getByTestId(ready).waitFor();
      await settle(page);
      expect(await criticalViolations(page), path).toEqual([]);
      await screenshot(page, name);
    }

    // The inbox: the transfer within the county shows both ways, with accept, refuse and withdraw for the operator.
    const transfers = page.getByTestId('transfer-table');
    await page.goto('/transfers');
    const row = transfers.getByRole('row').filter({ hasText: '李转移' });
    await row.waitFor();
    expect(await row.textContent()).toContain('待处理');
    await row.getByRole('button', { name: /接\s*收/ }).click();
    await page.getByTestId('transfer-decide-form').waitFor();
    expect(await criticalViolations(page), '/transfers with the decision dialog').toEqual([]);
    await screenshot(page, 'transfers-accept');
    await page.getByRole('dialog').getByRole('button', { name: /接\s*收/ }).click();
    await row.getByText('已接收').waitFor();
    await screenshot(page, 'transfers');

    // The create drawer, open.
    await page.goto(`/members?org=${other.code}`);
    await page.getByTestId('member-create').click();
    await page.getByTestId('member-create-form').waitFor();
    await settle(page);
    expect(await criticalViolations(page), '/members with the create drawer').toEqual([]);
    await screenshot(page, 'a11y-members-create');
  });
});
