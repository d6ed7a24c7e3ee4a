import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUnion } from '../src/modules/org/testing.ts';
import { makeMember } from '../src/modules/members/testing.ts';
import { criticalViolations, hasChromium, logIn, screenshot, startWorld, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;
beforeAll(async () => {
  if (hasChromium) world = await startWorld();
});
afterAll(() => world?.close());

describe.skipIf(!hasChromium)('member transfer', () => {
  it('an officer moves a member by typing the receiving union’s name; at 1440 px the decision buttons are in view at the right edge, and the table scrolls by keyboard', async () => {
    const { union: from } = await makeUnion(world, '220102', '南关锅炉厂工会');
    const { union: to } = await makeUnion(world, '220102', '南关印刷厂工会');
    const member = await makeMember(world, from.code, '周转移');
    const { username } = await world.makeUser('220102', 'operator');
    const page = await world.newPage({ width: 1440, height: 900 });
    await logIn(page, username);

    await page.goto(`/members?org=${from.code}`);
    await page.getByTestId('member-table').getByRole('button', { name: '周转移' }).click();
    await page.getByTestId('member-transfer').click();
    const form = page.getByTestId('member-transfer-form');
    const picker = form.getByRole('combobox', { name: '转入工会' });
    await picker.click();
    await picker.fill('印刷');
    const option = page.locator('.ant-select-item-option').filter({ hasText: `南关印刷厂工会（${to.code}）` });
    await option.click();
    await screenshot(page, 'transfer-by-name');
    await page.locator('.ant-modal').filter({ hasText: '发起会员转移' }).getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('已发起转移，等待转入工会接收').waitFor();

    // The list: pending first, searched by the member's name, the actions in view at the right edge.
    await page.goto('/transfers?direction=all');
    const table = page.getByTestId('transfer-table');
    await page.getByRole('search').getByRole('textbox', { name: '搜索' }).fill('周转移');
    await page.waitForURL(/q=/);
    const row = table.getByRole('row').filter({ hasText: '周转移' });
    await row.waitFor();
    expect(await row.textContent()).toContain('南关印刷厂工会');
    expect(await row.textContent()).toContain('待处理');
    for (const name of [/接\s*收/, /拒\s*绝/, /撤\s*回/]) {
      const button = row.getByRole('button', { name });
      const box = (await button.boundingBox())!;
      const scroller = (await table.getByRole('region').boundingBox())!;
      expect(box.x + box.width, String(name)).toBeLessThanOrEqual(Math.min(1440, scroller.x + scroller.width));
      expect(box.x).toBeGreaterThanOrEqual(scroller.x);
    }
    const region = table.getByRole('region', { name: /会员转移列表/ });
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'transfers-1440');
    expect(member.name).toBe('周转移');
  });
});
