import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/actor.ts';
import * as steps from '../src/modules/appeals/steps.ts';
import { pngBytes } from '../src/modules/appeals/testing.ts';
import { makeEmployer } from '../src/modules/org/testing.ts';
import { hasChromium, screenshot, seriousViolations, startWorld, type BrowserWorld } from './harness.ts';

/**
 * The public pages as a worker uses them on a phone (issue 15): at 360×740, from the login page's link, a worker sends
 * an appeal about a known employer with a pay slip attached and gets a tracking code; tracks it; once staff have
 * answered and closed it, reads the answer and rates it not satisfied with a reason, which reopens it for the level
 * above. A wrong code shows one plain sentence; an appeal without its facts is refused on the field, nothing stored.
 */

let world: BrowserWorld;
beforeAll(async () => {
  if (!hasChromium) return;
  world = await startWorld();
  // 8 zero bits instead of 16: the same code path, a few hundred hashes instead of ~65,000 per request.
  world.platform.config.publicChallengeBits = 8;
});
afterAll(() => world?.close());

const phone = { width: 360, height: 740 };

async function noSideways(page: Page, what: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${what}: no horizontal scroll at 360 px`).toBeLessThanOrEqual(phone.width);
}

/** The options of the list open now (an earlier field's closed list stays in the page, hidden). */
const openOptions = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await openOptions(page).filter({ hasText: new RegExp(`^${option}`) }).first().click();
}

const appealCount = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM appeals`.execute(world.platform.db)).rows[0]!.n);

/** Fills the form as a worker would; `facts` empty leaves the field as a worker who forgot it would. */
async function fillAppeal(page: Page, facts: string) {
  await pick(page, '问题类别', '拖欠工资');
  await page.getByRole('combobox', { name: '用人单位' }).fill('长通机械');
  await openOptions(page).filter({ hasText: '长春市南关区长通机械厂' }).first().click();
  await pick(page, '发生地（县、市、区）', '南关区');
  if (facts) await page.getByLabel('发生了什么').fill(facts);
  await page.getByLabel('希望工会帮您做什么').fill('请工会协调单位补发工资。');
  await page.getByLabel('您的姓名').fill('刘桂芝');
  await page.getByLabel('手机号码').fill('13904315566');
}

describe.skipIf(!hasChromium)('the public appeal pages, on a phone', () => {
  it('a worker sends an appeal with a file, tracks it, reads the answer and rates it not satisfied: it is reopened', async () => {
    const employer = await makeEmployer(world, '220102', '长春市南关区长通机械厂');
    const page = await world.newPage(phone);
    await page.goto('/login');
    await page.getByTestId('public-link-appeal').click();
    await page.getByTestId('appeal-form').waitFor();
    await fillAppeal(page, '2026年9月起连续三个月未发工资，车间二十余人。');
    await page.locator('input[type=file]').setInputFiles({ name: '工资条.png', mimeType: 'image/png', buffer: pngBytes });
    await page.locator('.ant-upload-list-item').filter({ hasText: '工资条.png' }).waitFor();
    await expect.poll(() => page.locator('.ant-upload-list-item-uploading').count()).toBe(0);
    expect(await page.locator('.ant-upload-list-item-error').count(), 'the file went up').toBe(0);
    await noSideways(page, 'the form');
    await screenshot(page, 'appeal-public-form');
    expect(await seriousViolations(page), '/appeal filled').toEqual([]);

    await page.getByTestId('appeal-send').click();
    await page.getByTestId('appeal-receipt').or(page.getByTestId('appeal-problem')).or(page.locator('.ant-form-item-explain-error')).first().waitFor();
    await screenshot(page, 'appeal-public-sent');
    expect(await page.locator('[data-testid=appeal-problem], .ant-form-item-explain-error').allTextContents(), 'sent without a refusal').toEqual([]);
    const code = (await page.getByTestId('appeal-tracking-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(await page.getByTestId('appeal-receipt').textContent()).toContain('无法找回');
    await noSideways(page, 'the receipt');
    await screenshot(page, 'appeal-public-receipt');
    const { db } = world.platform;
    const stored = (await sql<{ id: number; channel: string; employer_id: number; category: string; status: string }>`SELECT id, channel, employer_id, category, status FROM appeals ORDER BY id DESC LIMIT 1`.execute(db)).rows[0]!;
    expect(stored).toMatchObject({ channel: 'online', employer_id: employer.id, category: 'wages', status: 'submitted' });
    const files = (await sql`SELECT file_name, content_type FROM appeal_attachments WHERE appeal_id = ${stored.id}`.execute(db)).rows;
    expect(files).toEqual([{ file_name: '工资条.png', content_type: 'image/png' }]);

    // Tracking: the code typed into the form, never in the address.
    await page.getByTestId('appeal-receipt-track').click();
    await page.getByTestId('appeal-track-form').waitFor();
    await page.getByLabel('查询码', { exact: true }).fill(code.toLowerCase().replace(/-/g, ' '));
    await page.getByTestId('appeal-track-go').click();
    expect(await page.getByTestId('appeal-case-status').textContent()).toBe('已提交，等待受理');
    expect(page.url()).not.toContain(code);
    await page.getByTestId('appeal-case-timeline').getByTestId('appeal-case-step-submitted').waitFor();
    await noSideways(page, 'the tracked appeal');
    await screenshot(page, 'appeal-public-tracked');

    // Staff take it to an answer and close it by the quality check (the staff pages: e2e/appeals-cases.test.ts).
    const handler = await world.makeUser('220102', 'operator', 'nanguan_public_handler');
    const { cipher } = world.platform;
    const staff = systemActor('test');
    await steps.accept(staff, db, cipher, stored.id);
    await steps.setDifficulty(staff, db, cipher, stored.id, 'ordinary');
    await steps.assign(staff, db, cipher, stored.id, handler.id);
    await steps.answer(staff, db, cipher, stored.id, '经协调，厂方已承诺于本月底前补发拖欠工资。');
    await steps.review(staff, db, cipher, stored.id, 'approve');

    await page.getByTestId('appeal-track-go').click();
    await expect.poll(() => page.getByTestId('appeal-case-status').textContent()).toBe('已办结');
    expect(await page.getByTestId('appeal-case-answer').textContent()).toContain('厂方已承诺');
    expect(await page.getByTestId('appeal-case').textContent(), 'no staff name on the public page').not.toContain('nanguan_public_handler');
    await page.getByRole('radio', { name: '不满意' }).check();
    await page.getByTestId('appeal-rating-send').click();
    await page.getByText('请写明不满意的原因').waitFor();
    await page.getByLabel('不满意的原因').fill('只补发了一个月，其余两个月没有消息。');
    await noSideways(page, 'the rating form');
    await screenshot(page, 'appeal-public-rating');
    await page.getByTestId('appeal-rating-send').click();
    await expect.poll(() => page.getByTestId('appeal-case-status').textContent()).toBe('您不满意，上级工会复核中');
    await page.getByTestId('appeal-case-timeline').getByTestId('appeal-case-step-reopen').waitFor();
    await screenshot(page, 'appeal-public-reopened');
    const rated = (await sql`SELECT status, rating, rating_reason, rating_source FROM appeals WHERE id = ${stored.id}`.execute(db)).rows[0];
    expect(rated).toEqual({ status: 'reviewing', rating: 'not_satisfied', rating_reason: '只补发了一个月，其余两个月没有消息。', rating_source: 'online' });
    expect(await page.getByTestId('appeal-rating-form').count(), 'rated once').toBe(0);

    // A wrong code: one plain sentence, and the last appeal shown is gone.
    await page.getByLabel('查询码', { exact: true }).fill('ABCD-EFGH-JKMN-PQRS-TVWX');
    await page.getByTestId('appeal-track-go').click();
    expect(await page.getByTestId('appeal-track-problem').textContent()).toBe('没有找到这个查询码对应的诉求，请核对后再试。');
    expect(await page.getByTestId('appeal-case').count()).toBe(0);
    await screenshot(page, 'appeal-public-not-found');
    await page.context().close();
  });

  it('an appeal without its facts is refused on the field, by the page and by the server, and nothing is stored', async () => {
    await makeEmployer(world, '220102', '长春市南关区长通机械厂二分厂');
    const page = await world.newPage(phone);
    await page.goto('/appeal');
    await fillAppeal(page, '');
    const before = await appealCount();
    await page.getByTestId('appeal-send').click();
    const factsError = page.locator('.ant-form-item').filter({ has: page.getByLabel('发生了什么') }).locator('.ant-form-item-explain-error');
    await factsError.waitFor();
    await screenshot(page, 'appeal-public-missing-facts');

    // The server's own refusal, for a body the page would not send (facts blanked on the way): the same field.
    await page.getByLabel('发生了什么').fill('三个月没有发工资。');
    await page.route('**/api/v1/public/appeals', async (route) => {
      const body = JSON.parse(route.request().postData()!) as Record<string, unknown>;
      await route.continue({ postData: JSON.stringify({ ...body, facts: '' }) });
    });
    await expect.poll(() => factsError.count()).toBe(0);
    await page.getByTestId('appeal-send').click();
    await factsError.or(page.getByTestId('appeal-receipt')).or(page.getByTestId('appeal-problem')).first().waitFor();
    await screenshot(page, 'appeal-public-server-refusal');
    expect(await factsError.textContent(), 'the server\'s reason on the field').toBeTruthy();
    expect(await page.getByTestId('appeal-receipt').count()).toBe(0);
    await page.unroute('**/api/v1/public/appeals');
    expect(await appealCount(), 'nothing stored').toBe(before);

    // The whole form in English: every label from the catalogue, nothing left in Chinese.
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByText('What happened', { exact: true }).waitFor();
    await noSideways(page, 'the form in English');
    await screenshot(page, 'appeal-public-form-en');
    await page.context().close();
  });
});
