import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUnion } from '../src/modules/org/testing.ts';
import { makeMember } from '../src/modules/members/testing.ts';
import { criticalViolations, hasChromium, logIn, screenshot, screenshotDir, startWorld, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;
const thisYear = new Date().getFullYear();

/**
 * A small province: two grassroots unions under 南关区 (长春市) and one under 昌邑区 (吉林市), with members, and a
 * plan in force this year with two targets of the org module's indicators (the report's plan is for 2013–2018, and
 * unions entered today count from today).
 */
beforeAll(async () => {
  if (!hasChromium) return;
  world = await startWorld();
  const unions = [await makeUnion(world, '220102', '南关统计一厂工会'), await makeUnion(world, '220102', '南关统计二厂工会'), await makeUnion(world, '220202', '昌邑统计工会')];
  const members = [3, 1, 2];
  for (const [index, { union }] of unions.entries()) for (let n = 0; n < members[index]!; n++) await makeMember(world, union.code, `统计会员${index}${n}`);

  const page = await world.newPage();
  await logIn(page, 'admin');
  const plan = await page.request.post('/api/v1/plans', { data: { code: 'e2e-plan', name: '浏览器测试规划', fromYear: thisYear - 2, toYear: thisYear + 2 } });
  expect(plan.status()).toBe(201);
  const { id } = (await plan.json()) as { id: number };
  for (const target of [
    { indicator: 'org.grassroots_unions', comparison: '>=', value: 10, mode: 'by', year: thisYear + 2, quote: '到期末基层工会达到10个' },
    { indicator: 'org.members', comparison: '>=', value: 5, mode: 'per_year', year: thisYear + 2 },
  ]) {
    expect((await page.request.post(`/api/v1/plans/${id}/targets`, { data: target })).status()).toBe(201);
  }
  await page.context().close();
});
afterAll(() => world?.close());

/** Waits until the page's data has arrived and nothing spins, so axe sees the page as a person does. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

/** ECharts marks its container when it has drawn and its animation is over. */
const chartReady = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"][data-ready="true"]`).waitFor();

const row = (page: Page, title: string) => page.getByTestId('indicator-table').getByRole('row').filter({ hasText: title });

describe.skipIf(!hasChromium)('statistics and targets', () => {
  it('a province user sees the indicators against the plan, the map of Jilin, and drills into a city by the map and by the table', async () => {
    const { username } = await world.makeUser('220000', 'viewer');
    const page = await world.newPage();
    await logIn(page, username);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/statistics');

    const header = page.getByTestId('statistics-header');
    await header.getByText('吉林省总工会').waitFor();
    // Without a year asked, the latest year with records (this one: the unions were entered today), in a field to type.
    await expect.poll(() => header.getByRole('spinbutton', { name: '年份' }).inputValue()).toBe(String(thisYear));
    await page.waitForURL(new RegExp(`year=${thisYear}`));
    await header.getByText('规划：浏览器测试规划').waitFor();

    // Values, targets and status: 3 unions against 10 by the plan's last year; 6 members against 5 every year.
    const unions = row(page, '基层工会组织数');
    await unions.getByText('3 个', { exact: true }).waitFor();
    expect(await unions.textContent()).toContain(`到${thisYear + 2}年 ≥ 10 个`);
    const members = row(page, '会员数');
    await members.getByText('6 人', { exact: true }).waitFor();
    expect(await members.textContent()).toContain('每年 ≥ 5 人');
    expect(await members.textContent()).toContain('已达标');

    // The first indicator with a target is chosen: its trend, its projection sentence, its children on the map.
    const detail = page.getByTestId('indicator-detail');
    await detail.getByText('基层工会组织数').first().waitFor();
    await chartReady(page, 'trend-chart');
    await detail.getByTestId('projection').getByText(/^按此速度：\d{4}年 .+，目标 10 个$/).waitFor();
    await chartReady(page, 'region-map');
    const map = page.getByTestId('region-map');
    expect(await map.locator('canvas').count()).toBe(1);
    // ECharts' description of the map names every city with its figure.
    const described = (await map.getAttribute('aria-label'))!;
    for (const city of ['长春市总工会 2 个', '吉林市总工会 1 个', '延边朝鲜族自治州总工会 0 个']) expect(described).toContain(city);
    await settle(page);
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'statistics-1');

    // Drill down on the map: whatever region lies at the middle of the map says its name on hover; a click opens it.
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    const middle = { x: box.x + 64 + (box.width - 72) / 2, y: box.y + box.height / 2 };
    await page.mouse.move(middle.x, middle.y);
    const tooltip = map.getByText(/总工会$/);
    await tooltip.waitFor();
    const city = (await tooltip.textContent())!;
    // The visible part only: a full-page screenshot resizes the page, and the pointer would no longer be on the region.
    await page.screenshot({ path: join(screenshotDir, 'statistics-2.png') });
    await page.mouse.click(middle.x, middle.y);
    await header.getByText(city, { exact: true }).waitFor();
    const drilled = new URL(page.url()).searchParams;
    expect(drilled.get('org')).toMatch(/^22\d{2}00$/);
    expect(drilled.get('org')).not.toBe('220000');
    await page.getByTestId('statistics-trail').getByRole('link', { name: '吉林省总工会' }).waitFor();

    // Back: the province again, as the URL says.
    await page.goBack();
    await header.getByText('吉林省总工会', { exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('org')).not.toBe(drilled.get('org'));

    // Drill down by the ranked table, with another indicator chosen: both stay in the URL and survive a reload.
    await row(page, '会员数').getByRole('button', { name: '会员数', exact: true }).click();
    await page.waitForURL(/indicator=org\.members/);
    const ranking = page.getByTestId('children-table');
    await ranking.getByRole('row').filter({ hasText: '长春市总工会' }).getByText('4 人', { exact: true }).waitFor();
    await ranking.getByRole('button', { name: '查看长春市总工会' }).click();
    await header.getByText('长春市总工会', { exact: true }).waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.get('org')).toBe('220100');
    expect(url.searchParams.get('indicator')).toBe('org.members');
    await row(page, '会员数').getByText('4 人', { exact: true }).waitFor();
    await row(page, '基层工会组织数').getByText('2 个', { exact: true }).waitFor();
    // A count's target is the province's total: not shown below it, and the page says so.
    expect(await row(page, '基层工会组织数').textContent()).not.toContain('≥ 10');
    await page.getByTestId('statistics-below-province').getByText(/计数、金额类目标是全省总量/).waitFor();
    await chartReady(page, 'region-map');
    expect(await page.getByTestId('region-map').getAttribute('aria-label')).toContain('南关区总工会 4 人');
    await settle(page);
    await screenshot(page, 'statistics-3');

    await page.reload();
    await header.getByText('长春市总工会', { exact: true }).waitFor();
    await page.getByTestId('indicator-detail').getByText('会员数').first().waitFor();
    await chartReady(page, 'region-map');
    await page.getByTestId('children-card').scrollIntoViewIfNeeded();
    await screenshot(page, 'statistics-4');

    // 统计报表: the workbook of the org and year in view.
    const href = (await page.getByTestId('statistics-download').getAttribute('href'))!;
    expect(href).toBe(`/api/v1/statistics/return?org=220100&year=${thisYear}`);
    const workbook = await page.request.get(href);
    expect(workbook.status()).toBe(200);
    expect(workbook.headers()['content-type']).toContain('spreadsheetml');
    expect((await workbook.body()).subarray(0, 2).toString()).toBe('PK');
    expect(errors).toEqual([]);
  });

  it('inside a county there is no map, only the ranked table of its unions', async () => {
    const { username } = await world.makeUser('220000', 'viewer');
    const page = await world.newPage();
    await logIn(page, username);
    await page.goto('/statistics?org=220102&indicator=org.members');
    await page.getByTestId('statistics-header').getByText('南关区总工会', { exact: true }).waitFor();
    const ranking = page.getByTestId('children-table');
    await ranking.getByRole('row').filter({ hasText: '南关统计一厂工会' }).getByText('3 人').waitFor();
    await settle(page);
    expect(await page.getByTestId('region-map').count()).toBe(0);
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'statistics-5');
  });

  it('an admin edits a target in the drawer, with the contract’s messages, and sees it on the plans page', async () => {
    const page = await world.newPage();
    await logIn(page, 'admin');
    await page.goto('/plans');
    const plan = page.getByTestId('plan-e2e-plan');
    const target = plan.getByRole('row').filter({ hasText: '基层工会组织数' });
    await target.getByText(`到${thisYear + 2}年 ≥ 10 个`).waitFor();
    await settle(page);
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'statistics-6');

    await target.getByRole('button', { name: '编辑 基层工会组织数' }).click();
    const form = page.getByTestId('target-form');
    const value = form.getByRole('spinbutton', { name: '目标值' });
    await value.fill('');
    await form.getByText('必填', { exact: true }).waitFor();
    await value.fill('12');
    const year = form.getByRole('spinbutton', { name: '年份' });
    await year.fill('1900');
    await form.getByText('不能小于 1949', { exact: true }).waitFor();
    await year.fill(String(thisYear + 1));
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'statistics-7');
    await page.getByTestId('target-save').click();
    await form.waitFor({ state: 'detached' });
    await target.getByText(`到${thisYear + 1}年 ≥ 12 个`).waitFor();
    await screenshot(page, 'statistics-8');
  });

  it('an admin loads a plan from a file: a wrong file is named at once, the report’s own file makes a plan with all its targets', async () => {
    const page = await world.newPage();
    await logIn(page, 'admin');
    await page.goto('/plans');
    await page.getByTestId('plan-load').click();
    const form = page.getByTestId('plan-load-form');
    const file = form.locator('input[type=file]');
    await file.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"baseline": [') });
    await form.getByText(/^这个文件不是 JSON：/).waitFor();
    await file.setInputFiles({ name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from('{"baseline": [], "targets": [{"indicator": 1}]}') });
    await form.getByText(/^这个文件不是规划文件：/).waitFor();

    const report = readFileSync(new URL('../data/report-figures.json', import.meta.url));
    const figures = JSON.parse(report.toString()) as { baseline: unknown[]; targets: unknown[] };
    await file.setInputFiles({ name: 'report-figures.json', mimeType: 'application/json', buffer: report });
    await form.getByTestId('plan-file-chosen').getByText(`report-figures.json：${figures.baseline.length} 项基数，${figures.targets.length} 项目标`).waitFor();
    await form.getByRole('textbox', { name: '规划编码' }).fill('e2e-loaded');
    await form.getByRole('textbox', { name: '规划名称' }).fill('导入测试规划');
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'statistics-9');
    await page.getByTestId('plan-load-save').click();
    await form.waitFor({ state: 'detached' });
    const plan = page.getByTestId('plan-e2e-loaded');
    await plan.getByText(`目标（${figures.targets.length} 项）`).waitFor();
    await plan.getByText(`基数（${figures.baseline.length} 项）`).waitFor();
    const listed = (await page.request.get('/api/v1/plans').then((response) => response.json())) as { items: { code: string; targets: unknown[]; baseline: unknown[] }[] };
    const loaded = listed.items.find((item) => item.code === 'e2e-loaded')!;
    expect([loaded.targets.length, loaded.baseline.length]).toEqual([figures.targets.length, figures.baseline.length]);
    await screenshot(page, 'statistics-10');
  });

  it('an admin enters a rate target in per cent: 95 is saved and shown as 95 %, 950 is refused in words', async () => {
    const page = await world.newPage();
    await logIn(page, 'admin');
    await page.goto('/plans');
    const plan = page.getByTestId('plan-e2e-plan');
    await plan.getByTestId('target-add').click();
    const form = page.getByTestId('target-form');
    await form.getByRole('combobox', { name: '指标' }).fill('女职工');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '女职工委员会组建率' }).click();
    const value = form.getByRole('spinbutton', { name: '目标值' });
    await value.fill('950');
    await page.getByTestId('target-save').click();
    await form.getByText('比率目标以百分数填写，应在 0 到 100 之间（例如 95% 填 95）').waitFor();
    await value.fill('95');
    await screenshot(page, 'statistics-rate-percent');
    await page.getByTestId('target-save').click();
    await form.waitFor({ state: 'detached' });
    const target = plan.getByRole('row').filter({ hasText: '女职工委员会组建率' });
    await target.getByText(`到${thisYear + 2}年 ≥ 95%`).waitFor();
    // The contract says the unit: per cent.
    const listed = (await (await page.request.get('/api/v1/plans')).json()) as { items: { code: string; targets: { indicator: string; value: number; unit: string }[] }[] };
    expect(listed.items.find((item) => item.code === 'e2e-plan')!.targets.find((item) => item.indicator === 'org.women_committee_rate')).toMatchObject({ value: 95, unit: 'percent' });
    // Edited, it opens at 95, not 0.95.
    await target.getByRole('button', { name: '编辑 女职工委员会组建率' }).click();
    await expect.poll(() => page.getByTestId('target-form').getByRole('spinbutton', { name: '目标值' }).inputValue()).toBe('95');
    await screenshot(page, 'statistics-rate-edit');
  });

  it('the report’s plan reads by titles, its targets not yet measured say so, and an empty file is refused with the reason', async () => {
    const page = await world.newPage();
    await logIn(page, 'admin');
    await page.goto('/plans');
    const report = page.getByTestId('plan-2013-2018');
    const coverage = report.getByRole('row').filter({ has: page.getByText('劳动竞赛覆盖面', { exact: true }) });
    await coverage.getByText('尚未统计').waitFor();
    expect(await coverage.textContent()).toContain('到2018年 ≥ 90%');
    expect(await report.textContent()).not.toContain('competition.unit_coverage');
    await screenshot(page, 'plans-titles');

    await page.getByTestId('plan-load').click();
    const form = page.getByTestId('plan-load-form');
    await form.locator('input[type=file]').setInputFiles({ name: 'not-a-plan.json', mimeType: 'application/json', buffer: Buffer.from('{"not":"a plan"}') });
    await form.getByText(/既没有目标（targets）也没有基数（baseline）/).waitFor();
    await screenshot(page, 'plans-not-a-plan');
  });

  it('a county admin sees the plans without a button to change them', async () => {
    const { username } = await world.makeUser('220102', 'admin');
    const page = await world.newPage();
    await logIn(page, username);
    await page.goto('/plans');
    await page.getByTestId('plan-e2e-plan').getByRole('row').filter({ hasText: '基层工会组织数' }).waitFor();
    for (const id of ['plan-load', 'plan-create', 'target-add']) expect(await page.getByTestId(id).count()).toBe(0);
    expect(await page.getByRole('button', { name: /编\s*辑|删\s*除/ }).count()).toBe(0);
    await screenshot(page, 'plans-county-admin');
  });
});
