import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAppeal } from '../src/modules/appeals/testing.ts';
import { makeEmployer } from '../src/modules/org/testing.ts';
import { hasChromium, logIn, screenshot, seriousViolations, startWorld, type BrowserWorld } from './harness.ts';

/**
 * The appeals module's staff pages beside the case register (issue 15): the dispute early warnings a county follows
 * up, the registry of centres and stations, and the province's deadlines and holiday calendar.
 */

let world: BrowserWorld;
beforeAll(async () => {
  if (hasChromium) world = await startWorld();
});
afterAll(() => world?.close());

const ok = /确\s*定/;

/** Takes a warning's step from its drawer's button, writing `note` in its small form. */
async function warningStep(page: Page, name: string, note?: string) {
  await page.getByTestId(`warning-step-button-${name}`).click();
  const dialog = page.getByRole('dialog').filter({ has: page.getByTestId(`warning-step-${name}`) });
  if (note) await dialog.getByRole('textbox').fill(note);
  await dialog.getByRole('button', { name: ok }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe.skipIf(!hasChromium)('appeals staff pages', () => {
  it('a county officer opens the warning raised by three wage appeals from the home tile, acknowledges and follows it up; the reviewer closes it', async () => {
    const officer = await world.makeUser('220102', 'operator', 'nanguan_warning_officer');
    const reviewer = await world.makeUser('220102', 'reviewer', 'nanguan_warning_reviewer');
    const appeals = [];
    for (let n = 0; n < 3; n++) appeals.push(await makeAppeal(world, '220102', { category: 'wages', employerName: '南关区鑫达服装厂' }));

    const page = await world.newPage();
    await logIn(page, officer.username);
    const tile = page.getByTestId('queue-appeals-warnings_open');
    await expect.poll(() => tile.textContent()).toMatch(/^1/);
    await screenshot(page, 'warnings-home-tile');
    await tile.click();
    await page.waitForURL(/\/appeals\/warnings\?status=open/);
    const table = page.getByTestId('warning-table');
    const row = table.getByRole('row').filter({ hasText: '南关区鑫达服装厂' });
    await row.waitFor();
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await row.textContent()).toContain('拖欠工资');
    // The status filter shows the tile's query.
    expect(await page.getByRole('search').textContent()).toContain('待签收');
    await screenshot(page, 'warnings-list-open');
    expect(await seriousViolations(page), '/appeals/warnings?status=open').toEqual([]);

    await row.getByRole('button').first().click();
    const detail = page.getByTestId('warning-detail');
    await detail.waitFor();
    const listed = page.getByTestId('warning-appeals');
    for (const appeal of appeals) await listed.getByRole('link', { name: `打开诉求 ${appeal.id}` }).waitFor();
    // An officer acknowledges and follows up; closing is the reviewer's.
    expect(await page.getByTestId('warning-step-button-close').count()).toBe(0);
    await warningStep(page, 'acknowledge');
    await expect.poll(() => detail.textContent()).toContain('已签收跟进中');
    await warningStep(page, 'followUp', '已约谈厂方负责人，厂方承诺本周内发放九月工资。');
    const timeline = page.getByTestId('warning-timeline');
    await timeline.getByTestId('warning-event-followUp').waitFor();
    expect(await timeline.textContent()).toContain('已约谈厂方负责人');
    await screenshot(page, 'warnings-drawer-followed-up');
    expect(await seriousViolations(page), 'the warning drawer').toEqual([]);

    // Each appeal opens in the case register.
    await listed.getByRole('link', { name: `打开诉求 ${appeals[0]!.id}` }).click();
    await page.waitForURL(new RegExp(`/appeals\\?case=${appeals[0]!.id}`));
    await expect.poll(() => page.getByTestId('appeal-detail').textContent()).toContain('南关区鑫达服装厂');
    await screenshot(page, 'warnings-appeal-opened');
    await page.context().close();

    const second = await world.newPage();
    await logIn(second, reviewer.username);
    await second.goto('/appeals/warnings?status=acknowledged');
    await second.getByTestId('warning-table').getByRole('row').filter({ hasText: '南关区鑫达服装厂' }).getByRole('button').first().click();
    await warningStep(second, 'close', '工资已全部发放，职工确认。');
    await expect.poll(() => second.getByTestId('warning-detail').textContent()).toContain('已办结');
    await second.getByTestId('warning-timeline').getByTestId('warning-event-close').waitFor();
    expect(await second.getByTestId('warning-actions').count()).toBe(0);
    await screenshot(second, 'warnings-closed');
    await second.goto('/appeals/warnings?status=open');
    await second.getByTestId('warning-table').getByText('没有符合条件的预警').waitFor();
    await second.context().close();
  });

  it('a county officer registers a centre for an area, edits it and closes it; a closing day before its establishment is refused on the field', async () => {
    const officer = await world.makeUser('220102', 'operator', 'nanguan_centre_officer');
    const page = await world.newPage();
    await logIn(page, officer.username);
    await page.goto('/appeals/centres');
    await page.getByTestId('centre-create').click();
    const form = page.getByTestId('centre-form');
    await form.getByTitle('南关区总工会（220102）').first().waitFor();
    await form.getByLabel('名称').fill('南关区自强街道职工诉求工作站');
    await form.getByText('诉求工作站').click();
    await form.getByLabel('覆盖区域').fill('自强街道');
    await form.getByLabel('设立日期').fill('2024-03-01');
    await form.getByLabel('工作人员数').fill('3');
    await screenshot(page, 'centres-create');
    await page.getByTestId('centre-save').click();

    const detail = page.getByTestId('centre-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('自强街道');
    expect(await detail.textContent()).toContain('运行中');
    expect(await detail.textContent()).toContain('诉求工作站');

    await page.getByTestId('centre-edit').click();
    const edit = page.getByTestId('centre-form');
    await edit.getByLabel('工作人员数').fill('5');
    await page.getByTestId('centre-save').click();
    await expect.poll(() => detail.textContent()).toMatch(/工作人员数\s*5/);

    await page.getByTestId('centre-close').click();
    const closing = page.getByRole('dialog').filter({ has: page.getByTestId('centre-close-form') });
    await closing.getByLabel('撤销日期').fill('2024-01-15');
    await closing.getByRole('button', { name: ok }).click();
    await expect.poll(() => closing.textContent()).toContain('不能早于设立日期');
    await screenshot(page, 'centres-close-refused');
    await closing.getByLabel('撤销日期').fill('2025-06-30');
    await closing.getByRole('button', { name: ok }).click();
    await closing.waitFor({ state: 'hidden' });
    await expect.poll(() => detail.textContent()).toContain('已撤销');
    expect(await detail.textContent()).toContain('2025-06-30');
    expect(await page.getByTestId('centre-close').count()).toBe(0);
    await screenshot(page, 'centres-closed-drawer');
    expect(await seriousViolations(page), 'the centre drawer').toEqual([]);
    await page.context().close();

    // The list: closed as of today, open as of a day before it closed.
    const list = await world.newPage();
    await logIn(list, officer.username);
    await list.goto('/appeals/centres?status=closed');
    await list.getByTestId('centre-table').getByRole('row').filter({ hasText: '南关区自强街道职工诉求工作站' }).waitFor();
    await list.goto('/appeals/centres?status=open&on=2025-01-01');
    const row = list.getByTestId('centre-table').getByRole('row').filter({ hasText: '南关区自强街道职工诉求工作站' });
    await row.waitFor();
    expect(await row.textContent()).toContain('自强街道');

    // A centre for one employer: the employer searched by name among those of the officer's county.
    await makeEmployer(world, '220102', '长春华信机械有限公司');
    await list.getByTestId('centre-create').click();
    const second = list.getByTestId('centre-form');
    await second.getByTitle('南关区总工会（220102）').first().waitFor();
    await second.getByLabel('名称').fill('长春华信机械有限公司员工诉求中心');
    await second.getByRole('combobox', { name: '服务的单位' }).fill('华信');
    await list.locator('.ant-select-item-option').filter({ hasText: '长春华信机械有限公司' }).click();
    await second.getByLabel('设立日期').fill('2025-05-01');
    await list.getByTestId('centre-save').click();
    await expect.poll(() => list.getByTestId('centre-detail').textContent()).toContain('长春华信机械有限公司');
    expect(await list.getByTestId('centre-detail').textContent()).toContain('员工诉求中心');
    await list.getByRole('dialog').getByRole('button', { name: /Close|关闭/ }).first().click();
    await list.goto('/appeals/centres');
    await list.getByTestId('centre-table').getByRole('row').filter({ hasText: '长春华信机械有限公司员工诉求中心' }).waitFor();
    await screenshot(list, 'centres-list');
    await list.context().close();
  });

  it('the province admin lists a worked weekend day and changes the ordinary deadline; a county officer reads them only', async () => {
    const page = await world.newPage();
    await logIn(page, 'admin');
    await page.getByRole('link', { name: '时限与节假日' }).click();
    const settings = page.getByTestId('appeal-settings');
    await settings.getByLabel('一般').fill('8');
    await page.getByTestId('appeal-settings-save').click();
    await page.getByText('已保存').first().waitFor();

    const add = page.getByTestId('calendar-add');
    await add.getByLabel('日期').fill('2027-02-20');
    await add.getByRole('combobox', { name: '类型' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '调休上班' }).click();
    await add.getByLabel('名称').fill('春节调休上班');
    await page.getByTestId('calendar-add-save').click();
    const day = page.getByTestId('calendar-table').getByRole('row').filter({ hasText: '2027-02-20' });
    await day.waitFor();
    expect(await day.textContent()).toContain('周六');
    expect(await day.textContent()).toContain('调休上班');
    await screenshot(page, 'settings-admin');
    expect(await seriousViolations(page), '/appeals/settings').toEqual([]);
    // A worked day on a weekday is refused.
    await add.getByLabel('日期').fill('2027-02-22');
    await add.getByRole('combobox', { name: '类型' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '调休上班' }).click();
    await add.getByLabel('名称').fill('错误的调休');
    await page.getByTestId('calendar-add-save').click();
    await add.getByText('调休上班日须是周六或周日').waitFor();
    await page.reload();
    await expect.poll(() => page.getByTestId('appeal-settings').getByLabel('一般').inputValue()).toBe('8');
    await page.context().close();

    const officer = await world.makeUser('220102', 'operator', 'nanguan_settings_reader');
    const reader = await world.newPage();
    await logIn(reader, officer.username);
    expect(await reader.getByRole('link', { name: '时限与节假日' }).count()).toBe(0);
    await reader.goto('/appeals/settings');
    await reader.getByTestId('appeal-settings-read-only').waitFor();
    expect(await reader.getByTestId('appeal-settings').getByLabel('一般').inputValue()).toBe('8');
    expect(await reader.getByTestId('appeal-settings').getByLabel('一般').isDisabled()).toBe(true);
    expect(await reader.getByTestId('appeal-settings-save').count()).toBe(0);
    expect(await reader.getByTestId('calendar-add').count()).toBe(0);
    await screenshot(reader, 'settings-read-only');
    await reader.context().close();
  });
});
