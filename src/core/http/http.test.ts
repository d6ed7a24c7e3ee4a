import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestPlatform, makeUser, testPassword, type TestPlatform } from '../../test/platform.ts';
import { endpoint } from '../contract.ts';
import { AppError } from '../errors.ts';
import { xlsxContentType } from '../files.ts';
import { replyLocale } from './locale.ts';
import { contentDisposition, downloadRoute, uploadRoute } from './route.ts';
import { buildServer } from './server.ts';

let test: TestPlatform;
let app: FastifyInstance;
let saved: string;

const files = {
  upload: endpoint({ method: 'POST', path: '/test-upload', tags: ['test'], summary: 'upload', query: z.object({ note: z.string().max(10) }), response: z.object({ bytes: z.number(), note: z.string() }), status: 202 }),
  refuse: endpoint({ method: 'POST', path: '/test-upload-refused', tags: ['test'], summary: 'upload refused by its service', response: z.object({ bytes: z.number() }) }),
  download: endpoint({ method: 'GET', path: '/test-download', tags: ['test'], summary: 'download', query: z.object({ writer: z.enum(['0', '1']).default('0') }), response: z.unknown() }),
};

beforeAll(async () => {
  test = await createTestPlatform();
  saved = join(test.config.dataDir, 'uploads-test');
  const spec = { types: { '.xlsx': 'zip', '.csv': 'text' } as const, maxBytes: 1024 };
  app = await buildServer(test.platform, {
    routes: (api) => {
      uploadRoute(api, files.upload, spec, async (request, upload) => ({ bytes: await upload.saveTo(`${saved}-${upload.fileName}`), note: request.query.note }), { config: { public: true } });
      uploadRoute(api, files.refuse, spec, async () => Promise.reject(new AppError('forbidden')), { config: { public: true } });
      downloadRoute(
        api,
        files.download,
        async (request) => ({
          fileName: '会员名册-220102.xlsx',
          contentType: xlsxContentType,
          body: request.query.writer === '1' ? async (out) => out.end('written') : Readable.from([Buffer.from('streamed')]),
        }),
        { config: { public: true } },
      );
    },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await test?.close();
});

function upload(url: string, fileName: string, content: Buffer | string, field = 'file') {
  const boundary = '----qiaoliangtest';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(20)]);
const leftovers = () => readdirSync(test.config.dataDir).filter((name) => name.startsWith('uploads-test'));

describe('uploadRoute', () => {
  it('saves a file of an accepted type, readable by the server only, with the query parsed and its own status', async () => {
    const response = await upload('/test-upload?note=ok', 'roster.csv', '姓名\n张三\n');
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ bytes: Buffer.byteLength('姓名\n张三\n'), note: 'ok' });
    expect(statSync(`${saved}-roster.csv`).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${saved}-roster.csv`, 'utf8')).toBe('姓名\n张三\n');
    expect((await upload('/test-upload?note=ok', 'book.xlsx', zip)).statusCode).toBe(202);
  });

  it('refuses a missing file, another type, a file whose first bytes belie its name, and an invalid query', async () => {
    expect((await upload('/test-upload?note=ok', 'a.csv', 'x', 'other')).json()).toMatchObject({ status: 400, errors: [{ path: 'file', code: 'required' }] });
    const pdf = await upload('/test-upload?note=ok', 'a.pdf', 'x');
    expect(pdf.json()).toMatchObject({ status: 400, errors: [{ path: 'file', code: 'unsupported_format', message: '无法读取“a.pdf”：请上传 .xlsx, .csv 文件' }] });
    const renamed = await upload('/test-upload?note=ok', 'renamed.xlsx', '姓名,身份证号\n');
    expect(renamed.json()).toMatchObject({ status: 400, errors: [{ path: 'file', code: 'wrong_content' }] });
    const oldExcel = await upload('/test-upload?note=ok', 'old.csv', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(20)]));
    expect(oldExcel.json()).toMatchObject({ status: 400, errors: [{ path: 'file', code: 'wrong_content' }] });
    expect((await upload('/test-upload?note=much-too-long', 'a.csv', 'x')).json()).toMatchObject({ status: 400, errors: [{ path: 'query.note', code: 'too_long' }] });
    expect(existsSync(`${saved}-renamed.xlsx`)).toBe(false);
    expect(existsSync(`${saved}-old.csv`)).toBe(false);
  });

  it('refuses a file over the limit with a 413 problem, and keeps nothing of it', async () => {
    const response = await upload('/test-upload?note=ok', 'big.csv', 'x'.repeat(4096));
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'payload_too_large', detail: '文件“big.csv”超过了 1 KB 的上限' });
    expect(existsSync(`${saved}-big.csv`)).toBe(false);
  });

  it('answers a refusal of its service even when the file is never read', async () => {
    const response = await upload('/test-upload-refused', 'a.csv', 'x'.repeat(900));
    expect(response.statusCode).toBe(403);
    expect(leftovers()).toEqual(['uploads-test-book.xlsx', 'uploads-test-roster.csv']);
  });
});

describe('downloadRoute', () => {
  it('sends a stream or a writer, named in the user’s language, never cached', async () => {
    for (const [writer, body] of [['0', 'streamed'], ['1', 'written']] as const) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/test-download?writer=${writer}` });
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(body);
      expect(response.headers['content-type']).toBe(xlsxContentType);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['content-disposition']).toBe(contentDisposition('会员名册-220102.xlsx'));
    }
    expect(contentDisposition('会员名册-220102.xlsx')).toBe(`attachment; filename="____-220102.xlsx"; filename*=UTF-8''${encodeURIComponent('会员名册-220102.xlsx')}`);
  });
});

describe('the language of a reply', () => {
  const request = (cookie?: string, acceptLanguage?: string) => ({ cookies: cookie ? { qiaoliang_locale: cookie } : {}, headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} });

  it('is the browser’s chosen language, else the user’s, else Accept-Language, else Chinese', () => {
    expect(replyLocale(request('en', 'zh-CN'), { locale: 'zh-CN' })).toBe('en');
    expect(replyLocale(request(undefined, 'zh-CN'), { locale: 'en' })).toBe('en');
    expect(replyLocale(request(undefined, 'en-GB,en;q=0.9'))).toBe('en');
    expect(replyLocale(request())).toBe('zh-CN');
  });

  it('is the same for an error and a service, over HTTP', async () => {
    const { username } = await makeUser(test, '220102', 'operator');
    const login = await test.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password: testPassword } });
    const session = `qiaoliang_session=${login.cookies.find((c) => c.name === 'qiaoliang_session')!.value}`;
    const set = await test.app.inject({ method: 'PUT', url: '/api/v1/me/locale', payload: { locale: 'en' }, headers: { cookie: session } });
    expect(set.cookies.find((c) => c.name === 'qiaoliang_locale')?.value).toBe('en');
    const get = (url: string, cookie: string) => test.app.inject({ method: 'GET', url, headers: { cookie, 'accept-language': 'zh-CN' } });
    // Another browser (no language cookie): the user's own language, not the browser's, for errors and services alike.
    expect((await get('/api/v1/jobs/999999', session)).json().title).toBe('No such record, or it is outside your scope');
    const english = (await get('/api/v1/indicators', session)).json() as { items: { code: string; title: string }[] };
    // This browser chose Chinese: Chinese, again for both.
    expect((await get('/api/v1/jobs/999999', `${session}; qiaoliang_locale=zh-CN`)).json().title).toBe('找不到该记录，或不在您的管辖范围内');
    const chinese = (await get('/api/v1/indicators', `${session}; qiaoliang_locale=zh-CN`)).json() as { items: { code: string; title: string }[] };
    expect(english.items[0]!.code).toBe(chinese.items[0]!.code);
    expect(english.items[0]!.title).not.toBe(chinese.items[0]!.title);
    expect(chinese.items[0]!.title).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('the OpenAPI description', () => {
  it('says which routes need no session', async () => {
    const spec = (await test.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    expect(spec.paths['/api/v1/public/challenge']!.get!.security).toEqual([]);
    expect(spec.paths['/api/v1/session']!.post!.security).toEqual([]);
    expect(spec.paths['/api/v1/jobs']!.get!.security).toBeUndefined();
  });
});
