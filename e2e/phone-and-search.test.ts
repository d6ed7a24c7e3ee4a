import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUnion } from '../src/modules/org/testing.ts';
import { makeIdNumber, makeMember } from '../src/modules/members/testing.ts';
import { hasChromium, logIn, screenshot, seriousViolations, startWorld, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;
beforeAll(async () => {
  if (hasChromium) world = await startWorld();
});
afterAll(() => world?.close());

describe.skipIf(!hasChromium)('the roster on a phone, its search, and the shell’s small things', () => {
  it('at 390×844 the header is two short rows and the menu button covers nothing; an ID number is found by its last six in a union, and part of one says why it cannot be searched', async () => {
    const { union } = await makeUnion(world, '220102', '南关手机测试工会');
    const idNumber = makeIdNumber();
    await makeMember(world, union.code, '手机甲', { idNumber });
    await makeMember(world, union.code, '手机乙');
    const { username } = await world.makeUser('220102', 'operator');
    const page = await world.newPage({ width: 390, height: 844 });
    await logIn(page, username);
    await page.goto(`/members?org=${union.code}`);
    const table = page.getByTestId('member-table');
    await table.getByRole('button', { name: '手机甲' }).waitFor();

    const header = (await page.locator('.app-header').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(110);
    const toggle = (await page.getByTestId('navigation-toggle').boundingBox())!;
    const content = (await page.locator('#content').boundingBox())!;
    expect(toggle.y + toggle.height).toBeLessThanOrEqual(content.y);
    await screenshot(page, 'phone-roster');

    // What the search accepts is said under it: in one union, the last six characters of an ID number find the member.
    await page.getByTestId('member-search-hint').getByText(/选定一个基层工会后也可只输后 6 位/).waitFor();
    const idBox = page.getByRole('search').getByRole('textbox', { name: '身份证号' });
    await idBox.fill(idNumber.slice(-6));
    await expect.poll(async () => table.getByRole('button', { name: /^手机/ }).allTextContents()).toEqual(['手机甲']);
    // Still masked to the last four.
    expect(await table.textContent()).not.toContain(idNumber.slice(-6));
    await screenshot(page, 'phone-roster-id-tail');

    // Part of an ID number is named as such, not answered with nothing.
    await idBox.fill('1234');
    await page.getByRole('search').getByText(/身份证号须输入完整的 18 位/).waitFor();
    const answer = await page.request.get(`/api/v1/members?orgCode=${union.code}&idNumber=1234`);
    expect(answer.status()).toBe(400);
    expect(JSON.stringify(await answer.json())).toContain('id_number_partial');
    await screenshot(page, 'phone-roster-partial-id');
    expect(await seriousViolations(page)).toEqual([]);

    // Over the county, the last six need a union chosen first, and the box says so.
    await page.goto('/members?org=220102');
    await table.getByRole('button', { name: '手机甲' }).waitFor();
    await page.getByRole('search').getByRole('textbox', { name: '身份证号' }).fill(idNumber.slice(-6));
    await page.getByTestId('member-id-number-help').getByText(/须先选定一个基层工会/).waitFor();
    await screenshot(page, 'phone-roster-id-tail-county');
  });

  it('the unknown page has no English picture, and the pages have an icon', async () => {
    const { username } = await world.makeUser('220102', 'viewer');
    const page = await world.newPage({ width: 1440, height: 900 });
    await logIn(page, username);
    await page.goto('/no-such-page');
    await page.getByRole('button', { name: /返回首页|首页/ }).waitFor();
    expect(await page.getByText('No Found').count()).toBe(0);
    expect(await page.locator('#content svg text').count()).toBe(0);
    const icon = (await page.locator('link[rel=icon]').getAttribute('href'))!;
    const served = await page.request.get(icon);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toContain('svg');
    await screenshot(page, 'not-found');
  });
});
