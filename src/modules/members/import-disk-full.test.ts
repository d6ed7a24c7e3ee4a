import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { idNumberCheckCharacter } from './id-number.ts';

/**
 * A disk that fills up during an import (issue 12): the job says "disk full", keeps what committed, keeps its upload
 * and goes back to the queue, then goes on from its checkpoint once there is room — every row in once, none twice.
 *
 * As root the data directory is a tmpfs of 1 MB and the disk fills for real (a filler file takes the room left).
 * Otherwise the rejected-rows file is a symbolic link to /dev/full, whose every write fails with ENOSPC: the same
 * error at the same write call, without a disk to fill; the upload refused for a full disk needs the tmpfs and is
 * skipped then.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'qiaoliang-disk-full-'));
let tmpfs = false;
let test: TestPlatform;
let officer: Client;
let union: { code: string };

beforeAll(async () => {
  if (process.getuid?.() === 0) {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', dataDir], { stdio: 'ignore' });
      tmpfs = true;
    } catch {
      tmpfs = false; // a container without the right to mount: /dev/full it is
    }
  }
  test = await createTestPlatform({ dataDir });
  union = (await makeUnion(test, '220102', '南关磁盘工会')).union;
  officer = await test.login((await makeUser(test, '220102', 'operator')).username);
});
afterAll(async () => {
  if (tmpfs) execFileSync('umount', [dataDir]);
  await test?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const importsDir = () => join(dataDir, 'imports');
const filler = () => join(dataDir, 'filler');

/** Takes all the room left on the tmpfs but `leave` bytes. */
function fillDisk(leave: number): void {
  const { bavail, bsize } = statfsSync(dataDir);
  writeFileSync(filler(), Buffer.alloc(Math.max(0, Number(bavail) * Number(bsize) - leave)));
}

/** 100 people to import and 1,500 rows refused for a bad ID number: a rejected-rows file of some size. */
function roster(): string {
  const lines = ['姓名,身份证号,户籍,入会日期'];
  for (let i = 0; i < 100; i++) {
    const body = `220104${new Date(Date.UTC(1980, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')}${String(i % 500).padStart(3, '0')}`;
    lines.push(`磁盘会员${i},${body}${idNumberCheckCharacter(body)},城镇,2012-03-01`);
  }
  for (let i = 0; i < 1500; i++) lines.push(`无效会员${i}${Math.random().toString(36).slice(2, 12)},2201041980010${String(i).padStart(5, '0')},城镇,2012-03-01`);
  return lines.join('\n');
}

function upload(content: string) {
  const boundary = 'qiaoliangdisk';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return officer.request('POST', `/api/v1/members/import?intoOrgCode=${union.code}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

const members = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE o.code = ${union.code}`.execute(test.platform.db)).rows[0]!.n);

describe('a full disk during an import', () => {
  it('pauses the job as "disk full", keeps what committed and its upload, and goes on once there is room', async () => {
    const accepted = await upload(roster());
    expect(accepted.statusCode).toBe(202);
    const { jobId } = accepted.json() as { jobId: number };
    const uploads = readdirSync(importsDir());
    expect(uploads).toHaveLength(1);
    if (tmpfs) fillDisk(8 * 1024);
    else symlinkSync('/dev/full', join(importsDir(), `rejected-${jobId}.xlsx`));

    const paused = await test.platform.jobs.runOnce();
    expect(paused).toMatchObject({ jobId, status: 'queued', diskFull: true });
    const job = (await officer.get(`/api/v1/jobs/${jobId}`)).json();
    expect(job).toMatchObject({ status: 'queued', error: { code: 'disk_full', messageKey: 'job.disk_full' }, abilities: { cancel: true } });
    expect(job.error.message).toMatch(/^服务器磁盘空间已满/);
    // Every row is in the database once (the chunk committed with its checkpoint), and the upload is still there.
    expect(await members()).toBe(100);
    expect(readdirSync(importsDir())).toEqual(expect.arrayContaining(uploads));

    // Room again: the next run starts from the checkpoint, rebuilds the rejected-rows file and ends.
    rmSync(tmpfs ? filler() : join(importsDir(), `rejected-${jobId}.xlsx`));
    expect(await test.platform.jobs.runOnce()).toMatchObject({ jobId, status: 'succeeded' });
    const done = (await officer.get(`/api/v1/jobs/${jobId}`)).json();
    expect(done).toMatchObject({ status: 'succeeded', error: null, result: { imported: 100, rejected: 1500 } });
    expect(await members()).toBe(100);
    const rejected = await officer.get(`/api/v1/members/import/${jobId}/rejected`);
    expect(rejected.statusCode).toBe(200);
    expect(existsSync(join(importsDir(), uploads[0]!))).toBe(false);
  });

  it('refuses an upload that does not fit with 507 "disk full", keeping nothing of it', async (context) => {
    if (!tmpfs) return context.skip('needs root to mount a tmpfs: /dev/full cannot stand in for a file the request names itself');
    mkdirSync(importsDir(), { recursive: true });
    const before = readdirSync(importsDir());
    fillDisk(16 * 1024);
    try {
      const response = await upload(roster());
      expect(response.statusCode).toBe(507);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'disk_full' });
      expect(readdirSync(importsDir())).toEqual(before);
    } finally {
      rmSync(filler());
    }
  });
});
