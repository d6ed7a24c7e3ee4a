import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUnion } from '../src/modules/org/testing.ts';
import { makeIdNumber } from '../src/modules/members/testing.ts';
import { seriousViolations, hasChromium, logIn, screenshot, startWorld, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;
beforeAll(async () => {
  if (hasChromium) world = await startWorld();
});
afterAll(() => world?.close());

describe.skipIf(!hasChromium)('roster import as unions keep rosters', () => {
  it('offers a template; imports a roster without household that dates joining by 入会年月, one column mapped by hand (issue 14)', async () => {
    const { union } = await makeUnion(world, '220102', '南关花名册工会');
    const { username } = await world.makeUser('220102', 'operator');
    const page = await world.newPage({ width: 1440, height: 900 });
    await logIn(page, username);
    await page.goto(`/members/import?org=${union.code}`);
    const wizard = page.getByTestId('import-form');
    await wizard.getByText(`南关花名册工会（${union.code}）`).waitFor();

    // The template: the headers the import reads, an example row, a notes sheet.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    expect(download.suggestedFilename()).toBe('会员名册导入模板.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['会员名册导入模板', '填写说明']);
    expect(workbook.worksheets[0]!.getRow(1).getCell(2).value).toBe('姓名');

    // A roster as a county office keeps it: 序号, no household column, 入会年月 as 2008.01, and 工作证编号 (which the
    // import does not know) holding the membership card's number.
    const [a, b] = [makeIdNumber(), makeIdNumber('female')];
    const csv = ['序号,姓名,公民身份号码,联系电话,入会年月,工作证编号', `1,花名甲,${a},13904310011,2008.01,GZ-001`, `2,花名乙,${b},,2012年5月,GZ-002`, ''].join('\r\n');
    await page.locator('input[type=file]').setInputFiles({ name: '职工花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor();
    expect(await page.getByTestId('import-mapping-missing').count()).toBe(0);
    const unmapped = mapping.getByRole('combobox', { name: '“工作证编号”列对应的字段' });
    await unmapped.click();
    await page.locator('.ant-select-item-option').filter({ hasText: '会员证号' }).click();
    await mapping.locator(':text-is("会员证号"):visible').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'roster-import-mapped');

    await page.getByTestId('import-start').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect((await page.getByTestId('import-imported').locator('.ant-statistic-content-value').textContent())?.trim()).toBe('2');
    expect((await page.getByTestId('import-rejected').locator('.ant-statistic-content-value').textContent())?.trim()).toBe('0');
    await screenshot(page, 'roster-import-done');

    await page.getByTestId('import-to-roster').click();
    const table = page.getByTestId('member-table');
    const first = table.getByRole('row').filter({ hasText: '花名甲' });
    await first.waitFor();
    expect(await first.textContent()).toContain('2008-01-01');
    expect(await first.textContent()).toContain('不详');
    await page.getByRole('search').getByRole('textbox', { name: '会员证号' }).fill('GZ-002');
    await table.getByRole('row').filter({ hasText: '花名乙' }).waitFor();
    await screenshot(page, 'roster-import-roster');
  });
});
