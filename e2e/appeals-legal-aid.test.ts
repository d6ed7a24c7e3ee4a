import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/actor.ts';
import { getCase, listCases } from '../src/modules/appeals/legal-aid.ts';
import { makeAppeal } from '../src/modules/appeals/testing.ts';
import { hasChromium, logIn, screenshot, seriousViolations, startWorld, type BrowserWorld } from './harness.ts';

/**
 * The legal-aid page (issue 15): a city federation's admin sets up its institution (a second one refused on the
 * field), adds a lawyer and shows their phone, takes on a case for a county's appeal referred to legal aid from the
 * appeal's drawer, assigns the lawyer and closes it with the amount recovered typed in yuan and stored in fen.
 */

let world: BrowserWorld;
beforeAll(async () => {
  if (hasChromium) world = await startWorld();
});
afterAll(() => world?.close());

const ok = /确\s*定/;

async function pick(page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
}

describe.skipIf(!hasChromium)('appeals legal aid', () => {
  it('the city admin sets up the institution, adds a lawyer, takes on, assigns and closes a case with the amount recovered', async () => {
    const admin = await world.makeUser('220100', 'admin', 'changchun_legal_aid_admin');
    // A county's appeal that asks for legal aid (the case register is not the point here).
    const appeal = await makeAppeal(world, '220102', { kind: 'legal_aid', category: 'wages', employerName: '南关区宏达建筑工程公司' });

    const page = await world.newPage();
    await logIn(page, admin.username);
    await page.getByRole('link', { name: '法律援助', exact: true }).click();
    await page.waitForURL(/\/appeals\/legal-aid/);
    await page.getByTestId('legal-aid-institution-table').getByText('还没有法律援助机构').waitFor();

    // Set up the city federation's institution (the picker starts at the admin's own federation).
    await page.getByTestId('legal-aid-institution-create').click();
    const form = page.getByTestId('legal-aid-institution-form');
    await form.getByTitle('长春市总工会（220100）').first().waitFor();
    await form.getByLabel('机构名称').fill('长春市总工会职工法律援助中心');
    await form.getByLabel('设立日期').fill('2008-05-12');
    await screenshot(page, 'legal-aid-institution-create');
    await page.getByTestId('legal-aid-institution-save').click();
    const detail = page.getByTestId('legal-aid-institution-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('长春市总工会（220100）');
    expect(await detail.textContent()).toContain('2008-05-12');
    expect(await detail.textContent()).toContain('市级');

    // A lawyer: masked in the list, shown in full on request.
    await page.getByTestId('legal-aid-staff-add').click();
    const staffForm = page.getByTestId('legal-aid-staff-form');
    await staffForm.getByLabel('姓名').fill('张建国');
    await staffForm.getByLabel('电话').fill('13904311234');
    await page.getByRole('dialog').filter({ has: staffForm }).getByRole('button', { name: ok }).click();
    const staff = page.getByTestId('legal-aid-staff-table');
    const lawyer = staff.getByRole('row').filter({ hasText: '张**' });
    await lawyer.waitFor();
    expect(await lawyer.textContent()).toContain('律师');
    expect(await lawyer.textContent()).not.toContain('13904311234');
    expect(await lawyer.textContent()).toContain('1234');
    await lawyer.getByRole('button', { name: /显示/ }).click();
    await expect.poll(() => staff.textContent()).toContain('13904311234');
    expect(await staff.textContent()).toContain('张建国');
    await screenshot(page, 'legal-aid-institution-drawer');
    expect(await seriousViolations(page), 'the institution drawer').toEqual([]);
    await page.getByRole('dialog').getByRole('button', { name: /Close|关闭/ }).first().click();

    // The list shows the federation, its level, the date and the lawyer.
    const row = page.getByTestId('legal-aid-institution-table').getByRole('row').filter({ hasText: '长春市总工会职工法律援助中心' });
    await expect.poll(() => row.textContent()).toMatch(/长春市总工会（220100）市级2008-05-121/);
    await screenshot(page, 'legal-aid-institutions');

    // A second institution for the same federation: refused, the reason on the federation's field.
    await page.getByTestId('legal-aid-institution-create').click();
    await form.getByTitle('长春市总工会（220100）').first().waitFor();
    await form.getByLabel('机构名称').fill('长春市第二法律援助中心');
    await form.getByLabel('设立日期').fill('2012-01-01');
    await page.getByTestId('legal-aid-institution-save').click();
    await form.getByText('该总工会已设立法律援助机构').waitFor();
    await screenshot(page, 'legal-aid-institution-refused');
    expect(await seriousViolations(page), 'the refused institution form').toEqual([]);
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消|Cancel/ }).first().click();

    // Take it on from the appeal's drawer: the page of legal-aid cases opens on the new case.
    await page.goto(`/appeals?case=${appeal.id}`);
    await page.getByTestId('appeal-detail').waitFor();
    await page.getByTestId('appeal-legal-aid-take').click();
    const take = page.getByTestId('legal-aid-take-form');
    await pick(page, take, '承办机构', '长春市总工会职工法律援助中心');
    await screenshot(page, 'legal-aid-take-from-appeal');
    await page.getByRole('dialog').filter({ has: take }).getByRole('button', { name: ok }).click();
    await page.waitForURL(/\/appeals\/legal-aid\?tab=cases&legalAidCase=\d+/);
    const caseDetail = page.getByTestId('legal-aid-case-detail');
    await caseDetail.waitFor();
    expect(await caseDetail.textContent()).toContain('办理中');
    expect(await caseDetail.textContent()).toContain(`打开诉求 ${appeal.id}`);

    // Assign the lawyer, then close with 12,345.67 yuan recovered.
    await page.getByTestId('legal-aid-case-assign').click();
    const assign = page.getByTestId('legal-aid-step-assign');
    await pick(page, assign, '承办律师或志愿者', '张**');
    await page.getByRole('dialog').filter({ has: assign }).getByRole('button', { name: ok }).click();
    await expect.poll(() => caseDetail.textContent()).toContain('张**（律师）');

    await page.getByTestId('legal-aid-case-close').click();
    const close = page.getByTestId('legal-aid-step-close');
    await pick(page, close, '结果', '调解结案');
    await close.getByLabel('追回金额（元）').fill('12345.67');
    await screenshot(page, 'legal-aid-close');
    await page.getByRole('dialog').filter({ has: close }).getByRole('button', { name: ok }).click();
    await expect.poll(() => caseDetail.textContent()).toContain('已结案');
    expect(await page.getByTestId('legal-aid-recovered').textContent()).toBe('12,345.67');
    expect(await caseDetail.textContent()).toContain('调解结案');
    expect(await page.getByTestId('legal-aid-case-close').count()).toBe(0);
    await screenshot(page, 'legal-aid-case-closed');
    expect(await seriousViolations(page), 'the case drawer').toEqual([]);

    // Sent in fen, as the records keep it.
    const [stored] = (await listCases(systemActor('test'), world.platform.db, world.platform.cipher, { appealId: appeal.id, pageSize: 10 })).items;
    expect(stored).toMatchObject({ status: 'closed', outcome: 'mediated', recoveredFen: 1_234_567, staffName: '张**' });
    const actions = (await getCase(systemActor('test'), world.platform.db, world.platform.cipher, stored!.id)).history.map((event) => event.action);
    expect(actions.toSorted()).toEqual(['assign', 'close', 'take']);
    // The drawer's history lists the three steps.
    for (const action of ['受理', '指派', '关闭']) await page.getByRole('dialog').getByRole('cell', { name: action, exact: true }).first().waitFor();

    // The list shows the amount in yuan.
    await page.getByRole('dialog').getByRole('button', { name: /Close|关闭/ }).first().click();
    const caseRow = page.getByTestId('legal-aid-case-table').getByRole('row').filter({ hasText: `${appeal.id} · ` });
    await expect.poll(() => caseRow.textContent()).toContain('12,345.67');
    await screenshot(page, 'legal-aid-cases');
    expect(await seriousViolations(page), '/appeals/legal-aid?tab=cases').toEqual([]);

    // On the page, by the appeal's number: taken once; a second time while it is open is refused on the number's field.
    const second = await makeAppeal(world, '220102', { kind: 'help', category: 'social_insurance' });
    for (const attempt of ['taken', 'refused'] as const) {
      await page.getByTestId('legal-aid-case-take').click();
      const byNumber = page.getByTestId('legal-aid-take-form');
      await byNumber.getByLabel('诉求编号').fill(String(second.id));
      await pick(page, byNumber, '承办机构', '长春市总工会职工法律援助中心');
      await page.getByRole('dialog').filter({ has: byNumber }).getByRole('button', { name: ok }).click();
      if (attempt === 'taken') {
        await expect.poll(() => page.getByTestId('legal-aid-case-detail').textContent()).toContain(`打开诉求 ${second.id}`);
        await page.getByRole('dialog').getByRole('button', { name: /Close|关闭/ }).first().click();
      } else {
        await byNumber.getByText('该诉求已有一件办理中的法律援助案件').waitFor();
        await screenshot(page, 'legal-aid-take-refused');
      }
    }
    await page.context().close();
  });

  it('a county viewer reads the page in English but gets no button to act: no set-up, no take-on, no 法律援助 on the appeal, no reveal', async () => {
    const viewer = await world.makeUser('220102', 'viewer', 'nanguan_legal_aid_viewer');
    const appeal = await makeAppeal(world, '220102', { kind: 'legal_aid' });
    const page = await world.newPage();
    await logIn(page, viewer.username);
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('link', { name: 'Legal aid', exact: true }).click();
    await page.getByTestId('legal-aid-institution-table').getByText('No legal-aid institution yet').waitFor();
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Legal aid');
    expect(await page.getByTestId('legal-aid-institution-create').count()).toBe(0);
    // Every word of the page's own is English (the data — org names — would stay Chinese; an empty list has none).
    const han = /[\u4e00-\u9fff]/;
    expect(await page.locator('.ant-card').first().innerText()).not.toMatch(han);
    await screenshot(page, 'legal-aid-viewer-en');
    await page.getByTestId('legal-aid-tab-cases').click();
    await page.getByTestId('legal-aid-case-table').getByText('No legal-aid case matches').waitFor();
    expect(await page.getByTestId('legal-aid-case-take').count()).toBe(0);
    expect(await page.locator('.ant-card').first().innerText()).not.toMatch(han);
    await page.goto(`/appeals?case=${appeal.id}`);
    await page.getByTestId('appeal-detail').waitFor();
    expect(await page.getByTestId('appeal-legal-aid-take').count()).toBe(0);
    await page.context().close();
  });
});
