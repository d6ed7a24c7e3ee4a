import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUnion } from '../src/modules/org/testing.ts';
import { makeIdNumber, makeMember } from '../src/modules/members/testing.ts';
import { hasChromium, logIn, screenshot, seriousViolations, startWorld, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;
beforeAll(async () => {
  if (hasChromium) world = await startWorld();
});
afterAll(() => world?.close());

describe.skipIf(!hasChromium)('roster export as a job (issue 13)', () => {
  it('shows the export’s progress, offers the file when it is written, downloads it and removes it', async () => {
    const { union } = await makeUnion(world, '220102', '南关导出测试工会');
    const idNumber = makeIdNumber();
    await makeMember(world, union.code, '导出甲', { idNumber });
    await makeMember(world, union.code, '导出乙');
    const { username } = await world.makeUser('220102', 'operator');
    const page = await world.newPage({ width: 1440, height: 900 });
    await logIn(page, username);
    await page.goto(`/members?org=${union.code}`);
    await page.getByTestId('member-table').getByRole('button', { name: '导出甲' }).waitFor();

    await page.getByTestId('member-export').click();
    const panel = page.getByTestId('member-export-job');
    await panel.getByRole('progressbar', { name: '导出进度' }).waitFor();
    await panel.getByText('导出完成：2 名会员').waitFor();
    await screenshot(page, 'roster-export-ready');
    expect(await seriousViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('member-export-download').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^会员名册-${union.code}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const names: string[] = [];
    workbook.worksheets[0]!.eachRow((row, number) => number > 1 && names.push(String(row.getCell(3).value)));
    expect(names.sort()).toEqual(['导出乙', '导出甲']);
    expect(JSON.stringify(workbook.worksheets[0]!.getSheetValues())).not.toContain(idNumber);

    await panel.getByTestId('member-export-remove').click();
    await page.locator('.ant-message-notice').filter({ hasText: '已删除导出文件' }).waitFor();
    await panel.waitFor({ state: 'detached' });
    await screenshot(page, 'roster-export-removed');
  });
});
