import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAppealIn } from '../src/modules/appeals/testing.ts';
import { hasChromium, logIn, screenshot, seriousViolations, startWorld, type BrowserWorld } from './harness.ts';

/**
 * The case pages as staff use them (issue 15): a county clerk enters a case taken by phone and takes it through
 * accept → difficulty → assign → answer, and the county's reviewer closes it by the quality check; a city officer
 * presses (督办) an overdue case with a note, and the county handler finds it at the top of their queue and on the
 * case's timeline.
 */

let world: BrowserWorld;
beforeAll(async () => {
  if (hasChromium) world = await startWorld();
});
afterAll(() => world?.close());

const ok = /确\s*定/;

/** Takes the step whose button the drawer shows, filling its small form with `fill`. */
async function step(page: Page, name: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => undefined) {
  await page.getByTestId(`appeal-step-button-${name}`).click();
  const dialog = page.getByRole('dialog').filter({ has: page.getByTestId(`appeal-step-${name}`) });
  await fill(dialog);
  await dialog.getByRole('button', { name: ok }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function pick(page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
}

describe.skipIf(!hasChromium)('appeal cases, as staff', () => {
  it('a county clerk enters a hotline case and takes it to an answer; the reviewer approves it from their queue', async () => {
    const clerk = await world.makeUser('220102', 'operator', 'nanguan_clerk');
    const reviewer = await world.makeUser('220102', 'reviewer', 'nanguan_reviewer');
    const page = await world.newPage();
    await logIn(page, clerk.username);
    await page.goto('/appeals');
    await page.getByTestId('appeal-create').click();
    const form = page.getByTestId('appeal-create-form');
    // The receiving org and the place start as the clerk's own county.
    await form.getByTitle('南关区总工会（220102）').first().waitFor();
    await pick(page, form, '类别', '拖欠工资');
    await form.getByLabel('用人单位名称').fill('南关区长通机械厂');
    await form.getByLabel('事实经过').fill('2026年9月起连续三个月未发工资，车间二十余人。');
    await form.getByLabel('诉求内容').fill('请工会协调单位补发工资。');
    await form.getByLabel('姓名').fill('刘桂芝');
    await form.getByLabel('电话').fill('13904315566');
    await screenshot(page, 'appeals-create');
    await page.getByTestId('appeal-save').click();

    // The new case opens in its drawer, masked.
    const detail = page.getByTestId('appeal-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('刘**');
    expect(await detail.textContent()).toContain('139****5566');
    expect(await page.locator('body').textContent()).not.toContain('13904315566');

    await step(page, 'accept');
    await step(page, 'setDifficulty', (dialog) => dialog.locator('label').filter({ hasText: '一般' }).click());
    await step(page, 'assign', (dialog) => pick(page, dialog, '承办人', 'nanguan_clerk'));
    await step(page, 'record', async (dialog) => {
      await pick(page, dialog, '记录类型', '联系沟通');
      await dialog.getByLabel('说明').fill('电话联系厂方财务，承诺月底前补发。');
    });
    await step(page, 'answer', (dialog) => dialog.getByLabel('答复').fill('经协调，厂方已承诺于本月底前补发拖欠工资。'));
    await expect.poll(() => detail.textContent()).toContain('已答复待质检');
    const timeline = page.getByTestId('appeal-timeline');
    for (const event of ['submitted', 'accept', 'setDifficulty', 'assign', 'contact', 'answer']) await timeline.getByTestId(`appeal-event-${event}`).waitFor();
    await screenshot(page, 'appeals-answered-drawer');
    expect(await seriousViolations(page), 'the case drawer').toEqual([]);
    await page.context().close();

    // The reviewer: the home page's queue links to the filtered list; approving closes the case.
    const second = await world.newPage();
    await logIn(second, reviewer.username);
    const tile = second.getByTestId('queue-appeals-review');
    await expect.poll(() => tile.textContent()).toMatch(/^1/);
    await tile.click();
    await second.waitForURL(/queue=review/);
    const row = second.getByTestId('appeal-table').getByRole('row').filter({ hasText: '南关区长通机械厂' });
    await row.getByRole('button').first().click();
    await step(second, 'review', (dialog) => dialog.locator('label').filter({ hasText: '通过，办结' }).click());
    await expect.poll(() => second.getByTestId('appeal-detail').textContent()).toContain('已办结');
    await second.getByTestId('appeal-timeline').getByTestId('appeal-event-close').waitFor();
    await second.context().close();
  });

  it('a city officer presses an overdue county case; the county handler sees it first in their queue and on its timeline', async () => {
    const handler = await world.makeUser('220102', 'operator', 'nanguan_handler');
    const city = await world.makeUser('220100', 'operator', 'changchun_officer');
    const older = await makeAppealIn(world, '220102', 'in_progress', handler.id, { employerName: '南关区早到期商贸公司' });
    const pressed = await makeAppealIn(world, '220102', 'in_progress', handler.id, { employerName: '南关区宏达建筑公司' });
    await sql`UPDATE appeals SET due_on = '2026-01-05' WHERE id = ${older.id}`.execute(world.platform.db);
    await sql`UPDATE appeals SET due_on = '2026-06-01' WHERE id = ${pressed.id}`.execute(world.platform.db);

    const page = await world.newPage();
    await logIn(page, city.username);
    await page.goto('/appeals?queue=overdue');
    const table = page.getByTestId('appeal-table');
    await table.getByRole('row').filter({ hasText: '南关区宏达建筑公司' }).getByRole('button', { name: String(pressed.id) }).click();
    await step(page, 'supervise', (dialog) => dialog.getByLabel('说明').fill('欠薪涉及二十余人，请三个工作日内办结并报告。'));
    await page.getByTestId('appeal-pressed').waitFor();
    await screenshot(page, 'appeals-pressed-by-city');
    await page.context().close();

    const desk = await world.newPage();
    await logIn(desk, handler.username);
    await desk.goto('/appeals?queue=mine');
    const rows = desk.getByTestId('appeal-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('南关区宏达建筑公司');
    expect(await rows.first().textContent()).toContain('督办');
    expect(await rows.nth(1).textContent()).toContain('南关区早到期商贸公司');
    await screenshot(desk, 'appeals-mine-desktop');
    expect(await seriousViolations(desk), '/appeals?queue=mine').toEqual([]);
    await rows.first().getByRole('button', { name: String(pressed.id) }).click();
    expect(await desk.getByTestId('appeal-pressed').textContent()).toContain('请三个工作日内办结');
    const supervised = desk.getByTestId('appeal-timeline').getByTestId('appeal-event-supervise');
    expect(await supervised.textContent()).toContain('changchun_officer');
    await screenshot(desk, 'appeals-pressed-drawer');
    await desk.context().close();

    // The list at a phone's width: the queue tabs and the table still usable.
    const narrow = await world.newPage({ width: 390, height: 844 });
    await logIn(narrow, handler.username);
    await narrow.goto('/appeals?queue=mine');
    await narrow.getByTestId('appeal-table').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(narrow, 'appeals-mine-narrow');
    expect(await seriousViolations(narrow), '/appeals at 390 px').toEqual([]);
    await narrow.context().close();
  });
});
