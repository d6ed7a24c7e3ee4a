import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criticalViolations, hasChromium, logIn, screenshot, startWorld, testPassword, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;
const townships = ['永吉街道工会', '桃源街道工会', '鸿城街道工会'];

/** A page logged in as the province's `admin`, with the townships of 南关区 (220102) added through the API. */
async function adminPage(): Promise<Page> {
  const page = await world.newPage();
  await logIn(page, 'admin', testPassword);
  return page;
}

beforeAll(async () => {
  if (!hasChromium) return;
  world = await startWorld();
  const page = await adminPage();
  for (const name of townships) {
    const response = await page.request.post('/api/v1/orgs', { data: { parentCode: '220102', kind: 'township', name } });
    expect(response.status()).toBe(201);
  }
  // Something in the sibling county, which a 南关区 user must never see.
  expect((await page.request.post('/api/v1/orgs', { data: { parentCode: '220103', kind: 'township', name: '团山街道工会' } })).status()).toBe(201);
  await page.context().close();
});
afterAll(() => world?.close());

const orgTable = (page: Page) => page.getByTestId('org-table');
const orgParam = (page: Page) => new URL(page.url()).searchParams.get('org');

describe.skipIf(!hasChromium)('org pages', () => {
  it('offers a county user only their own county in the scope picker, not the sibling county', async () => {
    const { username } = await world.makeUser('220102', 'operator');
    const page = await world.newPage();
    await logIn(page, username);
    await page.goto('/orgs');
    await orgTable(page).getByRole('link', { name: '永吉街道工会' }).waitFor();

    const picker = page.getByTestId('scope-picker');
    await picker.click();
    const popup = page.locator('.ant-select-dropdown:visible');
    await popup.getByText('南关区总工会（220102）').waitFor();
    expect(await popup.getByText(/宽城区|220103|团山街道/).count()).toBe(0);

    // Searching by the sibling's code asks the server, which answers within the user's subtree only: nothing.
    const searched = page.waitForResponse((response) => response.url().includes('/api/v1/orgs?') && response.url().includes('q=220103'));
    await page.getByRole('combobox', { name: '范围' }).fill('220103');
    const answer = await searched;
    expect(((await answer.json()) as { total: number }).total).toBe(0);
    await expect.poll(() => popup.locator('.ant-select-tree-treenode').count()).toBe(0);
    expect(await popup.getByText(/宽城区|团山街道/).count()).toBe(0);
    await screenshot(page, 'scope-picker-county');
    await page.keyboard.press('Escape');

    // Nor can it be picked through the address: the page says it cannot open it, and shows nothing of it.
    await page.goto('/orgs?org=220103');
    await page.getByText('无法打开这个组织').waitFor();
    expect(await page.getByText(/宽城区总工会|团山街道/).count()).toBe(0);
  });

  it('lets a province user drill province → city → county by clicking names, the address and the table following', async () => {
    const page = await adminPage();
    await page.goto('/orgs');
    await orgTable(page).getByRole('link', { name: '长春市总工会' }).waitFor();
    expect(await orgTable(page).getByRole('link', { name: '延边朝鲜族自治州总工会' }).count()).toBe(1);
    await screenshot(page, 'orgs-province');

    await orgTable(page).getByRole('link', { name: '长春市总工会' }).click();
    await expect.poll(() => orgParam(page)).toBe('220100');
    await orgTable(page).getByRole('link', { name: '南关区总工会' }).waitFor();
    expect(await orgTable(page).getByRole('link', { name: '长春市总工会' }).count()).toBe(0);
    await expect.poll(() => page.getByTestId('org-header').textContent()).toContain('长春市总工会');

    await orgTable(page).getByRole('link', { name: '南关区总工会' }).click();
    await expect.poll(() => orgParam(page)).toBe('220102');
    for (const name of townships) await orgTable(page).getByRole('link', { name }).waitFor();
    expect(await orgTable(page).getByRole('link', { name: '南关区总工会' }).count()).toBe(0);
    const trail = page.getByTestId('org-trail');
    expect(await trail.textContent()).toMatch(/吉林省总工会.*长春市总工会.*南关区总工会/);
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'orgs-county');

    // The breadcrumb goes back up.
    await trail.getByRole('link', { name: '长春市总工会' }).click();
    await expect.poll(() => orgParam(page)).toBe('220100');
    await orgTable(page).getByRole('link', { name: '南关区总工会' }).waitFor();
  });

  it('lets an admin add a township union and move an org with a confirmation, and shows both in the history', async () => {
    const page = await adminPage();
    await page.goto('/orgs?org=220102');
    await orgTable(page).getByRole('link', { name: '永吉街道工会' }).waitFor();

    await page.getByTestId('org-add-child').click();
    const add = page.getByTestId('org-add-form');
    // A grassroots union by default (issue 13); antd's radio buttons are clicked by their label.
    expect(await add.getByRole('radio', { name: '基层工会' }).isChecked()).toBe(true);
    await add.locator('label').filter({ hasText: '乡镇（街道）工会' }).click();
    await expect.poll(() => add.getByRole('radio', { name: '乡镇（街道）工会' }).isChecked()).toBe(true);
    await add.getByRole('textbox', { name: '行政区划代码' }).fill('12345');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await add.getByText('格式不正确').waitFor();
    await add.getByRole('textbox', { name: '行政区划代码' }).fill('220102010');
    await add.getByRole('textbox', { name: '名称' }).fill('明珠街道工会');
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'org-add-township');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await add.waitFor({ state: 'detached' });
    await orgTable(page).getByRole('link', { name: '明珠街道工会' }).click();
    await expect.poll(() => orgParam(page)).toMatch(/^220102-T\d{3}$/);
    await expect.poll(() => page.getByTestId('org-header').textContent()).toContain('220102010');

    // An alliance under the new township, moved to the county federation.
    await page.getByTestId('org-add-child').click();
    await add.locator('label').filter({ hasText: '工会联合会' }).click();
    await expect.poll(() => add.getByRole('radio', { name: '工会联合会' }).isChecked()).toBe(true);
    await add.getByRole('textbox', { name: '名称' }).fill('明珠商圈工会联合会');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await add.waitFor({ state: 'detached' });
    await orgTable(page).getByRole('link', { name: '明珠商圈工会联合会' }).click();
    await expect.poll(() => orgParam(page)).toMatch(/^220102-T\d{3}-A\d{3}$/);
    await expect.poll(() => page.getByTestId('org-header').textContent()).toContain('明珠商圈工会联合会');
    await page.getByTestId('org-move').click();
    const move = page.getByTestId('org-move-form');
    await move.getByRole('combobox', { name: '新的上级组织' }).fill('南关区');
    await page.locator('.ant-select-item-option').filter({ hasText: '南关区总工会（220102）' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /迁\s*移/ }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确认迁移' });
    await confirm.getByText(/将“明珠商圈工会联合会”.*迁移到“南关区总工会（220102）”之下/).waitFor();
    await screenshot(page, 'org-move-confirm');
    await confirm.getByRole('button', { name: /迁\s*移/ }).click();
    await expect.poll(() => page.getByTestId('org-trail').textContent()).toMatch(/南关区总工会\s*\/\s*明珠商圈工会联合会$/);

    await page.getByRole('tab', { name: '变更历史' }).click();
    const history = page.getByTestId('audit-history');
    await history.getByRole('cell', { name: '迁移', exact: true }).waitFor();
    expect(await history.getByRole('cell', { name: '新增', exact: true }).count()).toBe(1);
    await page.getByTestId('org-moves').getByText('南关区总工会（220102）').waitFor();
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'org-history');
  });

  it('shows a viewer no edit controls, and the server refuses a forced write', async () => {
    const { username } = await world.makeUser('220102', 'viewer');
    const page = await world.newPage();
    await logIn(page, username);
    await page.goto('/orgs');
    await orgTable(page).getByRole('link', { name: '永吉街道工会' }).waitFor();
    await page.getByTestId('org-header').waitFor();
    for (const id of ['org-edit', 'org-add-child', 'org-move']) expect(await page.getByTestId(id).count()).toBe(0);
    expect(await page.getByRole('button', { name: /编\s*辑|新增|迁\s*移/ }).count()).toBe(0);
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'orgs-viewer');

    await page.goto('/employers');
    await page.getByTestId('employer-table').getByRole('columnheader', { name: '单位名称' }).waitFor();
    expect(await page.getByTestId('employer-create').count()).toBe(0);
    expect(await page.getByRole('button', { name: /新增/ }).count()).toBe(0);
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'employers-viewer');

    // The page's own cookies, a write the page does not offer: refused.
    const forcedOrg = await page.request.post('/api/v1/orgs', { data: { parentCode: '220102', kind: 'township', name: '越权新增的街道工会' } });
    expect(forcedOrg.status()).toBe(403);
    const forcedEmployer = await page.request.post('/api/v1/employers', { data: { orgCode: '220102', name: '越权单位', ownership: 'private', sizeClass: 'micro', industry: 'F' } });
    expect(forcedEmployer.status()).toBe(403);
    const list = await page.request.get(`/api/v1/orgs?parentCode=220102&q=${encodeURIComponent('越权')}`);
    expect(((await list.json()) as { total: number }).total).toBe(0);
  });

  it('finds an org in the org picker by its pinyin initials', async () => {
    const { username } = await world.makeUser('220102', 'operator');
    const page = await world.newPage();
    await logIn(page, username);
    await page.goto('/employers');
    await page.getByTestId('employer-table').getByRole('columnheader', { name: '单位名称' }).waitFor();
    await page.getByTestId('employer-create').click();
    const form = page.getByTestId('employer-create-form');
    // 桃源街道工会 is TYJDGH: its initials, in lower case, as typed on a pinyin keyboard left in Latin mode.
    await form.getByRole('combobox', { name: '所在街道（乡镇）' }).fill('tyjd');
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    // The list before the search holds every street; the server's answer leaves only this one (and the county in
    // view, which the form always offers).
    await expect.poll(async () => (await options.allTextContents()).filter((text) => text.includes('街道'))).toEqual([expect.stringMatching(/^桃源街道工会（220102-T\d{3}）$/)]);
    await screenshot(page, 'org-picker-pinyin');
    await options.filter({ hasText: '桃源街道工会' }).click();
    await form.locator('.ant-select-content').filter({ hasText: '桃源街道工会' }).waitFor();
  });
});
