import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber, makeMember } from '../src/modules/members/testing.ts';
import { makeUnion } from '../src/modules/org/testing.ts';
import { criticalViolations, hasChromium, logIn, screenshot, startWorld, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;
const thisYear = new Date().getFullYear();
const today = new Date().toISOString().slice(0, 10);

/**
 * A morning's work in 南关区 (长春市): a member of 南关首页一厂 asked to move to 南关首页二厂 (waiting for 二厂's
 * decision), and 二厂 imported a roster that left a row out. 昌邑区 (吉林市), a sibling county, has a union with
 * nothing waiting. A plan in force this year sets a count target (the province's) and a rate target (every org's).
 */
let from: { code: string; name: string };
let into: { code: string; name: string };
beforeAll(async () => {
  if (!hasChromium) return;
  world = await startWorld();
  ({ union: from } = await makeUnion(world, '220102', '南关首页一厂工会'));
  ({ union: into } = await makeUnion(world, '220102', '南关首页二厂工会'));
  await makeUnion(world, '220202', '昌邑首页工会');
  const mover = await makeMember(world, from.code, '首页转移人');
  await makeMember(world, into.code, '首页在册人');

  const page = await world.newPage();
  await logIn(page, 'admin');
  const transfer = await page.request.post(`/api/v1/members/${mover.id}/transfer`, { data: { toOrgCode: into.code, requestedOn: today } });
  expect(transfer.status()).toBe(201);
  const plan = await page.request.post('/api/v1/plans', { data: { code: 'home-plan', name: '首页测试规划', fromYear: thisYear - 2, toYear: thisYear + 2 } });
  expect(plan.status()).toBe(201);
  const { id } = (await plan.json()) as { id: number };
  for (const target of [
    { indicator: 'org.grassroots_unions', comparison: '>=', value: 10, mode: 'by', year: thisYear + 2 },
    { indicator: 'org.women_committee_rate', comparison: '>=', value: 80, unit: 'percent', mode: 'per_year', year: thisYear + 2 },
  ]) {
    expect((await page.request.post(`/api/v1/plans/${id}/targets`, { data: target })).status()).toBe(201);
  }
  // The roster of 二厂: one good row, one whose ID number is cut short.
  const csv = ['姓名,身份证号,户籍,入会时间', `首页导入人,${makeIdNumber()},城镇,2016-05-01`, '首页错行人,22010219900307,城镇,2016-05-01', ''].join('\r\n');
  const upload = await page.request.post(`/api/v1/members/import?intoOrgCode=${into.code}`, { multipart: { file: { name: '二厂名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } } });
  expect(upload.status()).toBe(202);
  const { jobId } = (await upload.json()) as { jobId: number };
  // The import page watches the job to its end (expect.poll is for tests, not their setup).
  await page.goto(`/members/import?job=${jobId}`);
  await page.getByTestId('import-summary').waitFor();
  await page.context().close();
});
afterAll(() => world?.close());

/** Waits until the page's data has arrived and nothing spins, so axe and the screenshot see the page as a person does. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

const queue = (page: Page, code: string) => page.getByTestId(`queue-members-${code}`);
const count = async (page: Page, code: string) => Number((await queue(page, code).locator('.queue-count').textContent())?.replace(/,/g, ''));

/** Signs a user in at the given screen size and waits for the home page's queues, figures and changes. */
async function home(orgCode: string, size = { width: 1440, height: 900 }): Promise<Page> {
  const { username } = await world.makeUser(orgCode, 'operator');
  const page = await world.newPage(size);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await logIn(page, username);
  await queue(page, 'transfers_incoming').waitFor();
  await page.getByTestId('home-figures').getByText(`${thisYear}年`).waitFor();
  await page.getByTestId('home-recent').locator('li').first().waitFor();
  await settle(page);
  expect(errors).toEqual([]);
  return page;
}

describe.skipIf(!hasChromium)('home page', () => {
  it('a province officer sees the whole province’s queues, its figures against the plan and the changes below it', async () => {
    const page = await home('220000');
    expect(await count(page, 'transfers_incoming')).toBe(1);
    expect(await count(page, 'imports_rejected')).toBe(1);
    // At the province a count target is judged: 3 unions against 10 by the plan's last year.
    const unions = page.getByTestId('home-figure-org.grassroots_unions');
    expect(await unions.textContent()).toContain('3 个');
    expect(await unions.textContent()).toContain(`目标 到${thisYear + 2}年 ≥ 10 个`);
    const changes = (await page.getByTestId('home-recent').textContent())!;
    expect(changes).toContain('申请转移');
    expect(changes).toContain('首页转移人');
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'home-province');

    // 全部指标 opens the statistics of the province for the year shown.
    await page.getByTestId('home-figures').getByRole('link', { name: '全部指标' }).click();
    await page.waitForURL(new RegExp(`/statistics\\?org=220000&year=${thisYear}$`));
    await page.getByTestId('statistics-header').getByText('吉林省总工会').waitFor();
  });

  it('a county officer sees its subtree’s queues; a click opens the filtered list; a sibling county sees none of them', async () => {
    const page = await home('220102');
    expect(await count(page, 'transfers_incoming')).toBe(1);
    expect(await count(page, 'imports_rejected')).toBe(1);
    // A rate's target holds below the province too; a count target is the province's whole, not the county's (issue 13:
    // 26 against 47,518 confused), so the county's home page does not hold it against the county.
    expect(await page.getByTestId('home-figure-org.women_committee_rate').textContent()).toContain('未达标');
    expect(await page.getByTestId('home-figure-org.grassroots_unions').count()).toBe(0);
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'home-county');

    await queue(page, 'transfers_incoming').click();
    await page.waitForURL(/\/transfers\?direction=incoming&status=pending$/);
    const row = page.getByTestId('transfer-table').getByRole('row').filter({ hasText: '首页转移人' });
    await row.getByText('待处理').waitFor();
    expect(await page.getByTestId('transfer-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await screenshot(page, 'home-county-transfers');

    const sibling = await home('220202');
    expect(await count(sibling, 'transfers_incoming')).toBe(0);
    expect(await count(sibling, 'imports_rejected')).toBe(0);
    expect(await sibling.getByTestId('home-recent').textContent()).not.toContain('首页转移人');
    await screenshot(sibling, 'home-county-sibling');
  });

  it('a grassroots union’s officer sees its own queues, at a desktop and at a phone’s width, and opens the import that left a row out', async () => {
    const page = await home(into.code);
    expect(await count(page, 'transfers_incoming')).toBe(1);
    expect(await count(page, 'imports_rejected')).toBe(1);
    expect(await page.getByTestId('home-scope').textContent()).toContain('南关首页二厂工会');
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'home-union');

    await queue(page, 'imports_rejected').click();
    await page.waitForURL(/\/members\/import\?recent=rejected$/);
    const recent = page.getByTestId('import-recent');
    const imported = recent.locator('tbody tr.ant-table-row');
    await expect.poll(() => imported.count()).toBe(1);
    await imported.getByRole('button', { name: /打开/ }).click();
    await page.getByTestId('import-rejected-rows').getByText('身份证号').waitFor();
    expect((await page.getByTestId('import-rejected').locator('.ant-statistic-content-value').textContent())?.trim()).toBe('1');
    await screenshot(page, 'home-union-import');

    // The union of the mover's departure waits for nothing.
    const departed = await home(from.code);
    expect(await count(departed, 'transfers_incoming')).toBe(0);

    const phone = await home(into.code, { width: 390, height: 844 });
    expect(await criticalViolations(phone)).toEqual([]);
    // Nothing is wider than the screen: no sideways scrolling on a phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'home-union-phone');
    // The navigation folds behind a button in the header and opens over the page.
    await phone.getByTestId('navigation-toggle').click();
    await phone.getByRole('navigation').getByRole('link', { name: '会员名册' }).waitFor();
    await screenshot(phone, 'home-union-phone-menu');
  });
});
