import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../core/platform.ts';
import { solveChallenge } from '../../core/public/solve.ts';
import { makeUnion } from '../org/testing.ts';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { pngBytes } from './testing.ts';

/** The public page's routes: submit (challenge, rate limit, attachments), track by code, rate; employer search, places. */

let test: TestPlatform;
let officer: Client;
let reviewer: Client;
let cityReviewer: Client;
let handlerId: number;
let address = 0;
const next = () => `198.51.${(++address >> 8) & 255}.${address & 255}`;

beforeAll(async () => {
  test = await createTestPlatform({ publicChallengeBits: 4 });
  const operator = await makeUser(test, '220102', 'operator');
  handlerId = operator.id;
  officer = await test.login(operator.username);
  reviewer = await test.login((await makeUser(test, '220102', 'reviewer')).username);
  cityReviewer = await test.login((await makeUser(test, '220100', 'reviewer')).username);
});
afterAll(() => test?.close());

const form = (extra: Record<string, unknown> = {}) => ({
  kind: 'help', category: 'wages', employerName: '南关某建筑公司', placeCode: '220102', facts: '工地三个月没有发工资', request: '请帮助讨薪', name: '李建国', phone: '13804315678', ...extra,
});

async function proof() {
  const issued = (await test.app.inject({ method: 'GET', url: '/api/v1/public/challenge', remoteAddress: next() })).json() as { token: string; bits: number };
  return { 'x-challenge': issued.token, 'x-challenge-proof': await solveChallenge(issued.token, issued.bits) };
}

const count = async (table: string) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(test.platform.db)).rows[0]!.n);

async function submit(body: unknown, remoteAddress = next()) {
  return test.app.inject({ method: 'POST', url: '/api/v1/public/appeals', payload: body as object, headers: await proof(), remoteAddress });
}

function multipart(name: string, content: Buffer) {
  const boundary = 'qiaoliangtest';
  return {
    payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(name: string, content: Buffer, challenged = true) {
  const body = multipart(name, content);
  return test.app.inject({ method: 'POST', url: '/api/v1/public/appeal-attachments', payload: body.payload, headers: { ...body.headers, ...(challenged ? await proof() : {}) }, remoteAddress: next() });
}

const track = (code: string) => test.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${encodeURIComponent(code)}`, remoteAddress: next() });
const rate = async (code: string, body: unknown) =>
  test.app.inject({ method: 'POST', url: `/api/v1/public/appeals/${encodeURIComponent(code)}/rating`, payload: body as object, headers: await proof(), remoteAddress: next() });

describe('the public appeal page', () => {
  it('takes an appeal with a solved challenge, gives a tracking code, and routes it to the place', async () => {
    const response = await submit(form());
    expect(response.statusCode, response.body).toBe(201);
    const { trackingCode } = response.json();
    expect(trackingCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    const { rows } = await sql<{ code: string; channel: string }>`SELECT o.code, a.channel FROM appeals a JOIN orgs o ON o.id = a.org_id ORDER BY a.id DESC LIMIT 1`.execute(test.platform.db);
    expect(rows[0]).toEqual({ code: '220102', channel: 'online' });
    expect((await track(trackingCode)).json()).toMatchObject({ status: 'submitted', steps: [{ step: 'submitted' }], answer: null });
  });

  it("routes an appeal about an employer with an open centre to the centre's org; a closed centre does not count", async () => {
    const { employer, union } = await makeUnion(test, '220102', '南关汽配厂工会');
    await sql`INSERT INTO appeal_centres (org_id, kind, name, employer_id, established_on, closed_on, staff_count) VALUES (${union.id}, 'centre', '旧中心', ${employer.id}, '2010-01-01', '2011-01-01', 1)`.execute(test.platform.db);
    expect((await submit(form({ employerId: employer.id, employerName: employer.name }))).statusCode).toBe(201);
    const last = async () => (await sql<{ code: string }>`SELECT o.code FROM appeals a JOIN orgs o ON o.id = a.org_id ORDER BY a.id DESC LIMIT 1`.execute(test.platform.db)).rows[0]!.code;
    expect(await last()).toBe('220102');
    await sql`INSERT INTO appeal_centres (org_id, kind, name, employer_id, established_on, staff_count) VALUES (${union.id}, 'centre', '南关汽配厂员工诉求中心', ${employer.id}, '2012-01-01', 3)`.execute(test.platform.db);
    expect((await submit(form({ employerId: employer.id, employerName: employer.name }))).statusCode).toBe(201);
    expect(await last()).toBe(union.code);
    const unknown = await submit(form({ employerId: 2_000_000_000 }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('employerId');
  });

  it('finds known employers by name (at most 10, name and county only) and lists the counties', async () => {
    const { employer } = await makeUnion(test, '220102', '南关搜索测试机械厂工会');
    const found = await test.app.inject({ method: 'GET', url: `/api/v1/public/employers?name=${encodeURIComponent(employer.name.slice(0, 6))}`, remoteAddress: next() });
    expect(found.statusCode, found.body).toBe(200);
    const item = found.json().items.find((candidate: { id: number }) => candidate.id === employer.id);
    expect(Object.keys(item).sort()).toEqual(['countyCode', 'countyName', 'id', 'name']);
    expect(item.countyCode).toBe('220102');
    expect(found.json().items.length).toBeLessThanOrEqual(10);
    expect((await test.app.inject({ method: 'GET', url: '/api/v1/public/employers?name=厂', remoteAddress: next() })).statusCode).toBe(400);
    const places = (await test.app.inject({ method: 'GET', url: '/api/v1/public/appeal-places', remoteAddress: next() })).json();
    expect(places.items).toEqual(expect.arrayContaining([expect.objectContaining({ code: '220102' })]));
  });

  it('refuses a submission without a challenge, over the rate limit, oversize, or with bad input, storing nothing', async () => {
    const before = await count('appeals');
    const bare = await test.app.inject({ method: 'POST', url: '/api/v1/public/appeals', payload: form(), remoteAddress: next() });
    expect(bare.statusCode).toBe(403);
    expect(bare.json().code).toBe('challenge_failed');
    const bad = await submit(form({ phone: '12' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('phone');
    expect((await submit(form({ name: undefined, phone: undefined }))).statusCode).toBe(400);
    const huge = await submit(form({ facts: '长'.repeat(20_000) }));
    expect(huge.statusCode).toBe(413);
    expect((await submit(form({ attachments: ['AAAAAAAAAAAAAAAAAAAAAA'] }))).json().errors[0]).toMatchObject({ path: 'attachments', code: 'unknown_upload' });
    expect(await count('appeals')).toBe(before);
    // Eleven from one address in a minute: the eleventh is refused before its body is read.
    const one = '203.0.113.99';
    const answers = [];
    for (let n = 0; n < 11; n++) answers.push((await test.app.inject({ method: 'POST', url: '/api/v1/public/appeals', payload: {}, remoteAddress: one })).statusCode);
    expect(answers.slice(0, 10).every((status) => status === 400)).toBe(true);
    expect(answers[10]).toBe(429);
  });

  it('takes JPEG, PNG and PDF files by their first bytes, 5 MB at most, and links them with the submission only', async () => {
    const filesBefore = await count('appeal_attachments');
    const refusedType = await upload('pay.png', Buffer.from('GIF89a not really a png'));
    expect(refusedType.statusCode).toBe(400);
    expect(refusedType.json().errors[0]).toMatchObject({ path: 'file', code: 'unsupported_format' });
    expect((await upload('big.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1024 * 1024)]))).statusCode).toBe(413);
    expect((await upload('x.png', pngBytes, false)).statusCode).toBe(403);
    expect(await count('appeal_attachments')).toBe(filesBefore);

    const photo = await upload('photo', pngBytes);
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({ contentType: 'image/png', sizeBytes: pngBytes.length });
    const pdf = (await upload('合同.pdf', Buffer.from('%PDF-1.4\nhello'))).json();
    expect(pdf.contentType).toBe('application/pdf');
    // A submission refused after the files are named takes none of them.
    expect((await submit(form({ phone: '1', attachments: [photo.json().uploadId] }))).statusCode).toBe(400);
    const taken = await submit(form({ attachments: [photo.json().uploadId, pdf.uploadId] }));
    expect(taken.statusCode, taken.body).toBe(201);
    expect((await track(taken.json().trackingCode)).json().attachments).toBe(2);
    // Used once: naming it again is refused.
    expect((await submit(form({ attachments: [pdf.uploadId] }))).statusCode).toBe(400);

    const id = Number((await sql<{ id: number }>`SELECT max(id) AS id FROM appeals`.execute(test.platform.db)).rows[0]!.id);
    const list = (await officer.get(`/api/v1/appeals/${id}/attachments`)).json();
    expect(list.items.map((item: { fileName: string }) => item.fileName)).toEqual(['photo', '合同.pdf']);
    const download = await officer.get(`/api/v1/appeals/${id}/attachments/${list.items[0].id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(pngBytes)).toBe(true);
    const audited = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'download_attachment' AND entity_id = ${String(id)}`.execute(test.platform.db);
    expect(audited.rows[0]!.n).toBe(1);
    const sibling = await test.login((await makeUser(test, '220103', 'admin')).username);
    expect((await sibling.get(`/api/v1/appeals/${id}/attachments/${list.items[0].id}`)).statusCode).toBe(404);
  });

  it('shows the status and the answer, never a staff name, an internal note or another case; a wrong code is a bare 404; rated once', async () => {
    const { trackingCode } = (await submit(form({ anonymous: true, name: undefined, phone: undefined }))).json();
    const other = (await submit(form({ facts: '另一件诉求的事实' }))).json().trackingCode as string;
    const id = Number((await sql<{ id: number }>`SELECT max(id) AS id FROM appeals WHERE anonymous`.execute(test.platform.db)).rows[0]!.id);
    const step = async (client: Client, path: string, body: unknown = {}) => {
      const response = await client.request('POST', `/api/v1/appeals/${id}/${path}`, body);
      expect(response.statusCode, response.body).toBe(200);
    };
    await step(officer, 'accept');
    await step(officer, 'difficulty', { difficulty: 'simple' });
    await step(officer, 'assign', { handlerId });
    await step(officer, 'actions', { kind: 'contact', note: '内部备注：财务科长电话' });
    await step(officer, 'answer', { answer: '已协调补发工资' });
    // Answered but not yet through the quality check: not the worker's to see yet.
    expect((await track(trackingCode)).json().answer).toBeNull();
    await step(reviewer, 'review', { decision: 'approve', note: '质检内部意见' });
    const seen = await track(trackingCode);
    expect(seen.json()).toMatchObject({ status: 'closed', answer: '已协调补发工资', abilities: { rate: true } });
    for (const hidden of ['内部备注', '质检内部意见', officer.username, reviewer.username, '另一件诉求', '南关区']) expect(seen.body).not.toContain(hidden);
    expect(seen.json().steps.map((s: { step: string }) => s.step)).toEqual(['submitted', 'accept', 'answer', 'close']);

    // Not satisfied needs a reason; with one it reopens the case for the level above, and a second rating is refused.
    expect((await rate(trackingCode, { rating: 'not_satisfied' })).statusCode).toBe(400);
    expect((await rate(trackingCode, { rating: 'not_satisfied', reason: '只补了一个月' })).json()).toMatchObject({ status: 'reviewing', rating: 'not_satisfied' });
    expect((await rate(trackingCode, { rating: 'satisfied' })).statusCode).toBe(409);
    expect((await rate(other, { rating: 'satisfied' })).statusCode).toBe(409);
    const reopened = (await cityReviewer.get(`/api/v1/appeals/${id}`)).json();
    expect(reopened).toMatchObject({ status: 'reviewing', ratingSource: 'online', abilities: { reconsider: true } });
    expect((await reviewer.get(`/api/v1/appeals/${id}`)).json().abilities.reconsider).toBe(false);

    for (const wrong of ['0000-0000-0000-0000-0000', 'nonsense', trackingCode.slice(0, -1) + (trackingCode.endsWith('0') ? '1' : '0')]) {
      const response = await track(wrong);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(Object.keys(response.json()).sort()).toEqual(['code', 'detail', 'instance', 'messageKey', 'requestId', 'status', 'title', 'type']);
      expect(response.json().instance).not.toContain(wrong);
    }
  });

  it('never writes a tracking code to the request log', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const logged = await buildApp(test.platform, { level: 'info', stream } as never);
    await logged.ready();
    const { trackingCode } = (await submit(form())).json();
    await logged.inject({ method: 'GET', url: `/api/v1/public/appeals/${trackingCode}`, remoteAddress: next() });
    await logged.inject({ method: 'GET', url: `/api/v1/public/appeals/${trackingCode}/no-such-route`, remoteAddress: next() });
    await logged.close();
    const log = lines.join('');
    expect(log).toContain('/api/v1/public/appeals/[tracking-code]');
    expect(log).not.toContain(trackingCode);
  });
});
