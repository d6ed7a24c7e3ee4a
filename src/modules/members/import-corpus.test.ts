import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/actor.ts';
import { checkAggregates } from '../../core/indicators/aggregates.ts';
import { findJob } from '../../core/jobs/store.ts';
import { wholeTree } from '../../core/scope.ts';
import { actorFor, createTestPlatform, makeUser, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import type { CorpusFile } from './fixtures/make-corpus.ts';
import { previewSheet } from '../../core/import/sheet.ts';
import { importsDir, parseMappedColumns, queueImport, type ImportResult } from './import.ts';
import { memberColumns } from './import-columns.ts';
import { idNumberCheckCharacter } from './id-number.ts';

/**
 * The corpus of rosters as unions keep them (fixtures/, written by fixtures/make-corpus.ts): each file imported into
 * a union of its own, and every row's outcome checked against corpus.json — imported with the joining date, gender
 * and household stored, imported with a warning, or rejected; title, note, empty and total rows are not rows at all.
 */

const fixtures = join(import.meta.dirname, 'fixtures');
const corpus = JSON.parse(readFileSync(join(fixtures, 'corpus.json'), 'utf8')) as CorpusFile[];

let test: TestPlatform;
let officer: Actor;
beforeAll(async () => {
  test = await createTestPlatform();
  officer = await actorFor(test, (await makeUser(test, '220102', 'operator')).username);
});
afterAll(() => test?.close());

async function stored(idNumber: string) {
  const { rows } = await sql<{ joined_on: string; gender: string; household: string | null; dispatched: boolean | null; org: string }>`
    SELECT m.joined_on::text AS joined_on, w.gender, w.household, w.dispatched, o.name AS org
    FROM workers w JOIN memberships m ON m.worker_id = w.id JOIN orgs o ON o.id = m.org_id
    WHERE w.id_number_hash = ${test.platform.cipher.lookupHash(idNumber)}`.execute(test.platform.db);
  return rows;
}

describe('the roster corpus', () => {
  it.each(corpus.map((file) => [file.file, file] as const))('%s: every row as expected', async (name, file) => {
    const { union } = await makeUnion(test, '220102', `语料${name}工会`);
    const storedName = `corpus-${name}`;
    writeFileSync(join(importsDir(test.config.dataDir), storedName), readFileSync(join(fixtures, name)));
    const jobId = await queueImport(officer, test.platform.db, test.platform.jobs, { file: storedName, fileName: name, intoOrgCode: union.code, locale: 'zh-CN' });
    await test.platform.jobs.runOnce();
    const job = (await findJob(test.platform.db, wholeTree, jobId))!;
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const result = job.result as ImportResult;

    const of = (outcome: string) => file.expected.filter((row) => row.outcome === outcome);
    expect(result).toMatchObject({ rows: file.rows, imported: of('imported').length + of('warning').length, rejected: of('rejected').length, warnings: of('warning').length });
    expect(result.rejectedSample.map((row) => row.row)).toEqual(of('rejected').map((row) => row.row));
    expect(result.warningSample!.map((row) => row.row)).toEqual(of('warning').map((row) => row.row));
    for (const warning of result.warningSample!) expect(warning.reason).toBe('性别：与身份证号中的性别不符，已按身份证号记录');

    for (const row of file.expected) {
      const found = await stored(row.idNumber);
      if (row.outcome === 'rejected') {
        expect(found, `row ${row.row}`).toEqual([]);
        continue;
      }
      expect(found, `row ${row.row}`).toEqual([{ joined_on: row.joinedOn, gender: row.gender, household: row.household, dispatched: row.dispatched, org: union.name }]);
    }
    // The counts the import added (the unknown households and flags among them) are those the records give.
    expect(await checkAggregates(test.platform.db)).toEqual([]);
  });
});

describe('a column mapped by hand', () => {
  it('is shown as unrecognised before importing, and imported as the field the user chose', async () => {
    const { union } = await makeUnion(test, '220102', '手动对应工会');
    const id = corpus[0]!.expected[0]!.idNumber.slice(0, 14) + '0513';
    const body = id.slice(0, 17);
    const idNumber = body + idNumberCheckCharacter(body)!;
    const name = 'mapped.csv';
    const path = join(importsDir(test.config.dataDir), name);
    writeFileSync(path, `序号,姓名,身份证号,参加时间,备注\r\n1,冯刚,${idNumber},2008.05,无\r\n`);
    const preview = (await previewSheet(path, name, memberColumns))!;
    expect(preview).toMatchObject({ headers: ['序号', '姓名', '身份证号', '参加时间', '备注'], columns: { name: 1, idNumber: 2 }, missing: ['joinedOn'], unrecognised: [3, 4] });

    expect(() => parseMappedColumns('{"joinedOn": 3}')).toThrow();
    expect(() => parseMappedColumns('{"salary": "参加时间"}')).toThrow();
    const columns = parseMappedColumns('{"joinedOn": "参加时间"}');
    const jobId = await queueImport(officer, test.platform.db, test.platform.jobs, { file: name, fileName: name, intoOrgCode: union.code, locale: 'zh-CN', ...(columns ? { columns } : {}) });
    await test.platform.jobs.runOnce();
    const job = (await findJob(test.platform.db, wholeTree, jobId))!;
    expect(job.result).toMatchObject({ imported: 1, rejected: 0 });
    expect(await stored(idNumber)).toEqual([{ joined_on: '2008-05-01', gender: 'male', household: null, dispatched: null, org: union.name }]);
  });
});
