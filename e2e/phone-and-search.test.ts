import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUnion } from '../src/modules/org/testing.ts';
import { makeMember } from '../src/modules/members/testing.ts';
import { hasChromium, logIn, screenshot, seriousViolations, startWorld, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;
beforeAll(async () => {
  if (hasChromium) world = await startWorld();
});
afterAll(() => world?.close());

describe.skipIf(!hasChromium)('the roster on a phone, its search, and the shell’s small things', () => {
  it('at 390×844 the header is two short rows and the menu button covers nothing; a partial ID number says why it cannot be searched', async () => {
    const { union } = await makeUnion(world, '220102', '南关手机测试工会');
    await makeMember(world, union.code, '手机甲');
    const { username } = await world.makeUser('220102', 'operator');
    const page = await world.newPage({ width: 390, height: 844 });
    await logIn(page, username);
    await page.goto(`/members?org=${union.code}`);
    await page.getByTestId('member-table').getByRole('button', { name: '手机甲' }).waitFor();

    const header = (await page.locator('.app-header').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(110);
    const toggle = (await page.getByTestId('navigation-toggle').boundingBox())!;
    const content = (await page.locator('#content').boundingBox())!;
    expect(toggle.y + toggle.height).toBeLessThanOrEqual(content.y);
    await screenshot(page, 'phone-roster');

    // What the search accepts is said under it; part of an ID number is named as such, not answered with nothing.
    await page.getByTestId('member-search-hint').getByText(/身份证号、手机号、会员证号须输入完整的号码/).waitFor();
    await page.getByRole('search').getByRole('textbox', { name: '身份证号' }).fill('123456');
    await page.getByRole('search').getByText(/身份证号须输入完整的 18 位/).waitFor();
    const answer = await page.request.get(`/api/v1/members?orgCode=${union.code}&idNumber=123456`);
    expect(answer.status()).toBe(400);
    expect(JSON.stringify(await answer.json())).toContain('id_number_partial');
    await screenshot(page, 'phone-roster-partial-id');
    expect(await seriousViolations(page)).toEqual([]);
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
