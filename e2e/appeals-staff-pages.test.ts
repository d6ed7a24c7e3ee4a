import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAppeal } from '../src/modules/appeals/testing.ts';
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
});
