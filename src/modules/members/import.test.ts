import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/actor.ts';
import { createJobRunner } from '../../core/jobs/runner.ts';
import { cancelJob } from '../../core/jobs/service.ts';
import { findJob } from '../../core/jobs/store.ts';
import { wholeTree } from '../../core/scope.ts';
import { rosterDigest } from './testing.ts';
import { actorFor, createTestPlatform, makeUser, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { makeIdNumber, makeMember } from './testing.ts';
import { idNumberCheckCharacter } from './id-number.ts';
import { importsDir, queueImport, type ImportParams, type ImportResult } from './import.ts';
import { importJobKind } from './import-columns.ts';
import { importMembersHandler } from './import-job.ts';
import { rejectedSampleSize } from './import-rejected.ts';

let test: TestPlatform;
let officer: Actor;
let unionA: { code: string; name: string; path: string };
let unionB: { code: string; name: string; path: string };
let elsewhere: { code: string; name: string };

beforeAll(async () => {
  test = await createTestPlatform();
  unionA = (await makeUnion(test, '220102', '南关机械厂工会')).union;
  unionB = (await makeUnion(test, '220102', '南关纺织厂工会')).union;
  elsewhere = (await makeUnion(test, '220103', '宽城汽配厂工会')).union;
  officer = await actorFor(test, (await makeUser(test, '220102', 'operator')).username);
});
afterAll(() => test?.close());

let fileNumber = 0;

/** Writes a file into DATA_DIR/imports, queues the import as the officer and runs it. */
async function importFile(fileName: string, content: Buffer | string, intoOrgCode: string, extra: Partial<ImportParams> = {}) {
  const stored = `${++fileNumber}-${fileName}`;
  writeFileSync(join(importsDir(test.config.dataDir), stored), content);
  const params: ImportParams = { file: stored, fileName, intoOrgCode, locale: 'zh-CN', ...extra };
  const jobId = await queueImport(officer, test.platform.db, test.platform.jobs, params);
  await test.platform.jobs.runOnce();
  const job = (await findJob(test.platform.db, wholeTree, jobId))!;
  return { jobId, job, result: job.result as ImportResult };
}

async function xlsx(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('花名册'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The rejected-rows workbook: its header and rows as text. */
async function rejectedRows(result: ImportResult): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(importsDir(test.config.dataDir), result.rejectedFile!));
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value)))));
  return rows;
}

async function memberCount(orgCode: string) {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE o.code = ${orgCode}`.execute(test.platform.db);
  return rows[0]!.n;
}

describe('the roster import', () => {
  it('reads a messy workbook: title row and merged cells above the header, full-width digits, dates in every form', async () => {
    const ids = [makeIdNumber('female'), makeIdNumber(), makeIdNumber()];
    const fullWidth = (text: string) => text.replace(/[0-9X]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    const file = await xlsx((sheet) => {
      sheet.addRow(['南关机械厂工会 2012 年会员花名册']);
      sheet.mergeCells('A1:F1');
      sheet.addRow(['填表单位：南关机械厂', '', '', '填表日期：2013年1月']);
      sheet.addRow(['序号', '姓名 ', '公民身份号码', '手机号码', '户口性质', '入会日期', '学历']);
      sheet.addRow([1, '王秀兰', fullWidth(ids[0]!), '１３９０４３１２３４５', '农业', '2012年3月1日', '大专']);
      sheet.addRow([2, ' 李 强', ids[1], 13904310001, '非农业', new Date(Date.UTC(2011, 4, 4)), '本科']);
      sheet.addRow([3, '赵敏\u200b', ids[2], '', '城镇', '2010.9.10', '']);
    });
    const { job, result } = await importFile('花名册.xlsx', file, unionA.code);
    expect(job.status).toBe('succeeded');
    expect(result).toMatchObject({ imported: 3, updated: 0, unchanged: 0, rejected: 0, rows: 3, rejectedFile: null });
    const { rows } = await sql<{ name: string; joined_on: string; household: string; education: string | null }>`
      SELECT w.name, m.joined_on::text AS joined_on, w.household, w.education FROM memberships m JOIN workers w ON w.id = m.worker_id JOIN orgs o ON o.id = m.org_id
      WHERE o.code = ${unionA.code} ORDER BY m.joined_on`.execute(test.platform.db);
    expect(rows).toEqual([
      { name: '赵敏', joined_on: '2010-09-10', household: 'urban', education: null },
      { name: '李 强', joined_on: '2011-05-04', household: 'urban', education: 'bachelor' },
      { name: '王秀兰', joined_on: '2012-03-01', household: 'rural', education: 'college' },
    ]);
  });

  it('reads a GBK CSV with a union column: exact counts, and the reason of every rejected row', async () => {
    const known = await makeMember(test, unionA.code, '老会员', { idNumber: makeIdNumber() });
    const phoneChanges = await makeMember(test, unionA.code, '换号码', { idNumber: makeIdNumber() });
    const inB = await makeMember(test, unionB.code, '纺织厂会员', { idNumber: makeIdNumber() });
    const named = await makeMember(test, unionA.code, '原名', { idNumber: makeIdNumber() });
    const farAwayId = makeIdNumber();
    await makeMember(test, elsewhere.code, '宽城会员', { idNumber: farAwayId });
    const idOf = async (membershipId: number) => {
      const { rows } = await sql<{ id: Buffer }>`SELECT w.id_number_cipher AS id FROM memberships m JOIN workers w ON w.id = m.worker_id WHERE m.id = ${membershipId}`.execute(test.platform.db);
      return test.platform.cipher.decrypt(rows[0]!.id);
    };
    const first = makeIdNumber();
    const old15 = '220102850312123';
    const lines = [
      '姓名,身份证号码,所属工会,手机,户籍,劳务派遣,入会时间,性别',
      `张三,${first},${unionA.name},13900000001,城镇,否,2012/3/1,男`, // 2 imported
      `李四,${old15},${unionB.code},,农村,是,2012-03-01,`, // 3 imported, upgraded to 18 digits
      ',,,,,,,', // 4 empty: skipped
      `王五,2.20102E+17,${unionA.name},,城镇,否,2012-03-01,`, // 5 scientific notation
      `赵六,${first},${unionB.name},,城镇,否,2012-03-01,`, // 6 repeats row 2
      `钱七,${makeIdNumber()},${unionA.name},,城镇,否,2012-13-45,`, // 7 bad date
      `孙八,${makeIdNumber()},${unionA.name},,城镇,否,2999-01-01,`, // 8 future date
      `周九,${makeIdNumber()},不存在的工会,,城镇,否,2012-03-01,`, // 9 unknown union
      `宽城会员,${farAwayId},${unionA.name},,城镇,否,2012-03-01,`, // 10 member of a union outside the scope
      `纺织厂会员,${await idOf(inB.id)},${unionA.name},,城镇,否,2012-03-01,`, // 11 member of union B
      `老会员,${await idOf(known.id)},${unionA.name},,城镇,否,2012-03-01,`, // 12 unchanged
      `换号码,${await idOf(phoneChanges.id)},${unionA.code},13900000013,城镇,否,2012-03-01,`, // 13 updated
      `另一个名字,${await idOf(named.id)},${unionA.name},,城镇,否,2012-03-01,`, // 14 known under another name
      `吴十,${makeIdNumber()},${unionA.name},12345,城镇,否,2012-03-01,`, // 15 bad phone
      `=1+2,22010219900101123X,${unionA.name},,城镇,否,2012-03-01,`, // 16 wrong check character, formula in the name
    ];
    const csv = iconv.encode(lines.join('\r\n') + '\r\n', 'gbk');
    const before = await countsDigest();
    const { job, result } = await importFile('会员.csv', csv, '220102');
    expect(job.status).toBe('succeeded');
    expect(result).toMatchObject({ imported: 2, updated: 1, unchanged: 1, rejected: 10, rows: 14 });
    expect(before).not.toBe(await countsDigest());
    await expectCountsKept('220102');

    const rows = await rejectedRows(result);
    expect(rows[0]).toEqual(['姓名', '身份证号码', '所属工会', '手机', '户籍', '劳务派遣', '入会时间', '性别', '行号', '未导入原因']);
    const reasons = Object.fromEntries(rows.slice(1).map((row) => [Number(row[8]), row[9]]));
    expect(Object.keys(reasons).map(Number)).toEqual([5, 6, 7, 8, 9, 10, 11, 14, 15, 16]);
    expect(reasons[5]).toMatch(/身份证号：.*科学计数法/);
    expect(reasons[6]).toBe('身份证号：与本文件第 2 行重复');
    expect(reasons[7]).toBe('入会日期：不是有效的日期');
    expect(reasons[8]).toBe('入会日期：日期不能晚于今天');
    expect(reasons[9]).toBe('所属工会：在所选组织下找不到基层工会“不存在的工会”（按名称或编码）');
    expect(reasons[10]).toBe('身份证号：该身份证号不能在此导入：请核对号码和姓名；如该职工已是其他工会的会员，请由原工会发起会员转移');
    expect(reasons[11]).toBe('身份证号：该职工已是“南关纺织厂工会”的会员：请由原工会发起会员转移');
    expect(reasons[14]).toBe('身份证号：该身份证号已登记在另一个姓名下，请核对姓名');
    expect(reasons[15]).toMatch(/^手机号：/);
    expect(reasons[16]).toMatch(/^身份证号：.*校验位/);
    // The result names the same rows with the same reasons, for the page.
    expect(result.rejectedSample).toEqual(Object.entries(reasons).map(([row, reason]) => ({ row: Number(row), reason })));
    // The formula typed into a name is written inert.
    expect(rows.find((row) => row[8] === '16')![0]).toBe("'=1+2");
    // The union outside the scope is not named.
    expect(rows.map((row) => row.join()).join()).not.toContain(elsewhere.name);

    const upgraded = await sql<{ n: number }>`SELECT count(*)::int AS n FROM workers WHERE id_number_hash = ${test.platform.cipher.lookupHash('220102198503121238'.slice(0, 17) + idNumberCheckCharacter('22010219850312123')!)}`.execute(test.platform.db);
    expect(upgraded.rows[0]!.n).toBe(1);

    // The same file again: nothing changes, the same rows are refused.
    const digest = await rosterDigest(test.platform.db);
    const again = await importFile('会员.csv', csv, '220102');
    expect(again.result).toMatchObject({ imported: 0, updated: 0, unchanged: 4, rejected: 10, rows: 14 });
    expect(await rosterDigest(test.platform.db)).toBe(digest);

    // In English for an English reader.
    const english = await importFile('member.csv', csv, '220102', { locale: 'en' });
    const englishRows = await rejectedRows(english.result);
    expect(englishRows[0]!.slice(-2)).toEqual(['Row', 'Why not imported']);
    expect(englishRows.find((row) => row[8] === '5')![9]).toMatch(/^Resident ID number: Excel turned this ID number into scientific notation/);
  });

  it('reads a UTF-8 CSV with a BOM into one grassroots union, and an ID number Excel stored as a number', async () => {
    const { union } = await makeUnion(test, '220102', '南关电机厂工会');
    const id = makeIdNumber();
    const csv = '\uFEFF姓名,身份证号,户籍,入会日期\n马一,' + id + ',城镇,40969\n\n';
    const { result } = await importFile('roster.csv', csv, union.code);
    expect(result).toMatchObject({ imported: 1, rejected: 0 });
    const joined = await sql<{ d: string }>`SELECT m.joined_on::text AS d FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE o.code = ${union.code}`.execute(test.platform.db);
    expect(joined.rows[0]!.d).toBe('2012-03-01');

    const file = await xlsx((sheet) => {
      sheet.addRow(['姓名', '身份证号', '户籍', '入会日期']);
      sheet.addRow(['马二', Number('220102199001011234'), '城镇', '2012-03-01']);
    });
    const numeric = await importFile('numbers.xlsx', file, union.code);
    expect(numeric.result).toMatchObject({ imported: 0, rejected: 1 });
    expect((await rejectedRows(numeric.result))[1]![5]).toMatch(/科学计数法/);
  });

  it('refuses a file without a union column into an org that is not a grassroots union, and a file without the required columns', async () => {
    const noUnion = await importFile('a.csv', `姓名,身份证号,户籍,入会日期\n马三,${makeIdNumber()},城镇,2012-03-01\n`, '220102');
    expect(noUnion.job.status).toBe('failed');
    expect(noUnion.job.error).toMatchObject({ code: 'validation_failed' });
    const noHeader = await importFile('b.csv', '一,二,三\n1,2,3\n', unionA.code);
    expect(noHeader.job.error).toMatchObject({ messageKey: 'import.no_header' });
    const missing = await importFile('c.csv', `姓名,身份证号\n马四,${makeIdNumber()}\n`, unionA.code);
    expect(missing.job.error).toMatchObject({ messageKey: 'import.missing_columns' });
  });
});

/** A roster CSV of n people with valid, distinct ID numbers; every 1000th row (from row 7) has a bad phone. */
function generatedCsv(n: number, unionName: string, seed: number): string {
  const lines = ['姓名,身份证号,所属工会,手机号,户籍,劳务派遣,入会日期'];
  for (let i = 0; i < n; i++) {
    const birth = new Date(Date.UTC(1960, 0, 1) + (i % 14000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const body = `2201${String(seed).padStart(2, '0')}${birth}${String(Math.floor(i / 14000)).padStart(3, '0')}`;
    const phone = i % 1000 === 7 ? '123' : `139${String(i).padStart(8, '0')}`;
    lines.push(`会员${i},${body}${idNumberCheckCharacter(body)},${unionName},${phone},${i % 3 === 0 ? '农村' : '城镇'},${i % 5 === 0 ? '是' : '否'},${2000 + (i % 13)}-0${1 + (i % 9)}-1${i % 10}`);
  }
  return lines.join('\n') + '\n';
}

describe('large files, and a server killed in the middle', () => {
  it('imports 100,000 generated rows with exact counts', async () => {
    const { union } = await makeUnion(test, '220102', '南关大厂工会');
    const n = 100_000;
    const started = performance.now();
    const { job, result } = await importFile('big.csv', generatedCsv(n, union.name, 10), '220102');
    const seconds = (performance.now() - started) / 1000;
    expect(job.status).toBe('succeeded');
    expect(result).toMatchObject({ imported: n - 100, updated: 0, unchanged: 0, rejected: 100, rows: n });
    expect(await memberCount(union.code)).toBe(n - 100);
    // The page is told of the first rows only; the file has them all.
    expect(result.rejectedSample).toHaveLength(rejectedSampleSize);
    expect(result.rejectedSample.map((item) => item.row)).toEqual([...result.rejectedSample.map((item) => item.row)].sort((a, b) => a - b));
    await expectCountsKept(union.code);
    console.log(`100,000-row import on ${test.platform.database.engine}: ${seconds.toFixed(1)} s, ${Math.round(n / seconds)} rows/s`);
  }, 300_000);

  it('stops between chunks when cancelled, keeping the chunks committed', async () => {
    const { union } = await makeUnion(test, '220102', '南关取消工会');
    const stored = 'cancel.csv';
    writeFileSync(join(importsDir(test.config.dataDir), stored), generatedCsv(3000, union.name, 12));
    const jobId = await queueImport(officer, test.platform.db, test.platform.jobs, { file: stored, fileName: stored, intoOrgCode: '220102', locale: 'zh-CN', chunkSize: 1000 });
    const runner = createJobRunner(test.platform.db, { onError: () => {} });
    const handler = importMembersHandler(test.platform, importsDir(test.config.dataDir));
    let looks = 0;
    runner.register<ImportParams, never>(importJobKind, (job, context) =>
      handler(job, { ...context, cancelled: async () => { if (++looks === 2) await cancelJob(officer, test.platform.db, jobId); return context.cancelled(); } } as never),
    );
    await runner.runOnce();
    const job = (await findJob(test.platform.db, wholeTree, jobId))!;
    expect(job.status).toBe('cancelled');
    expect(job.result).toMatchObject({ imported: 999, rejected: 1, rows: 1000 });
    expect(await memberCount(union.code)).toBe(999);
    await expectCountsKept(union.code);
  });

  it('resumes after the server died past the first chunk: no row lost, none doubled', async () => {
    const { union } = await makeUnion(test, '220102', '南关续传工会');
    const n = 5000;
    const stored = 'resume.csv';
    writeFileSync(join(importsDir(test.config.dataDir), stored), generatedCsv(n, union.name, 11));
    const params: ImportParams = { file: stored, fileName: stored, intoOrgCode: '220102', locale: 'zh-CN', chunkSize: 1000 };
    const jobId = await queueImport(officer, test.platform.db, test.platform.jobs, params);

    // A runner whose process "dies" when it looks for a cancel before the second chunk: the first is committed.
    const dying = createJobRunner(test.platform.db, { onError: () => {} });
    const handler = importMembersHandler(test.platform, importsDir(test.config.dataDir));
    let looks = 0;
    dying.register<ImportParams, never>(importJobKind, (job, context) =>
      handler(job, { ...context, cancelled: async () => { if (++looks > 1) throw new Error('the server was killed'); return context.cancelled(); } } as never),
    );
    await dying.runOnce();
    expect(await memberCount(union.code)).toBe(1000 - 1);
    // What a killed process leaves: the job running, its heartbeat going stale, its first checkpoint.
    await sql`UPDATE jobs SET status = 'running', finished_at = NULL, error = NULL, heartbeat_at = now() - interval '1 hour' WHERE id = ${jobId}`.execute(test.platform.db);
    expect((await findJob(test.platform.db, wholeTree, jobId))!.checkpoint).toMatchObject({ rowsDone: 1000 });

    const next = createJobRunner(test.platform.db, { staleMs: 1000, onError: () => {} });
    next.register(importJobKind, importMembersHandler(test.platform, importsDir(test.config.dataDir)));
    await next.runOnce();
    const job = (await findJob(test.platform.db, wholeTree, jobId))!;
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ imported: n - 5, updated: 0, unchanged: 0, rejected: 5, rows: n });
    expect(await memberCount(union.code)).toBe(n - 5);
    await expectCountsKept(union.code);
    const chunks = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE entity = 'member_import' AND entity_id = ${String(jobId)}`.execute(test.platform.db);
    expect(chunks.rows[0]!.n).toBe(5);
    // The rejected-rows file of the resumed run still lists the row refused before the crash.
    const rows = await rejectedRows(job.result as ImportResult);
    expect(rows.slice(1).map((row) => Number(row[7]))).toEqual([9, 1009, 2009, 3009, 4009]);
    expect((job.result as ImportResult).rejectedSample.map((item) => item.row)).toEqual([9, 1009, 2009, 3009, 4009]);
  });
});

/** Kept counts of a subtree against a recount from the memberships themselves, for every year. */
async function expectCountsKept(orgCode: string) {
  const { rows } = await sql<{ year: number; kept: string; recount: string }>`
    WITH sub AS (SELECT id FROM orgs WHERE path <@ (SELECT path FROM orgs WHERE code = ${orgCode})),
    kept AS (
      SELECT year, sum(joined) j, sum(ended) e, sum(joined_women) jw, sum(joined_migrant) jm, sum(joined_dispatched) jd
      -- The subtree root's own rows hold the sums over its subtree.
      FROM member_counts WHERE org_id = (SELECT id FROM orgs WHERE code = ${orgCode}) GROUP BY year HAVING sum(joined) <> 0 OR sum(ended) <> 0),
    fresh AS (
      SELECT extract(year FROM m.joined_on)::int AS year, count(*) j, 0::bigint e, count(*) FILTER (WHERE w.gender = 'female') jw,
             count(*) FILTER (WHERE w.household = 'rural') jm, count(*) FILTER (WHERE w.dispatched) jd
      FROM memberships m JOIN workers w ON w.id = m.worker_id WHERE m.org_id IN (SELECT id FROM sub) AND m.ended_on IS NULL GROUP BY 1)
    SELECT coalesce(k.year, f.year) AS year, concat_ws(',', k.j, k.e, k.jw, k.jm, k.jd) AS kept, concat_ws(',', f.j, f.e, f.jw, f.jm, f.jd) AS recount
    FROM kept k FULL JOIN fresh f ON f.year = k.year`.execute(test.platform.db);
  for (const row of rows) expect(row.kept, `year ${row.year}`).toBe(row.recount);
}

async function countsDigest(): Promise<string> {
  const { rows } = await sql<{ d: string }>`SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY org_id, year), '')) AS d FROM member_counts c`.execute(test.platform.db);
  return rows[0]!.d;
}
