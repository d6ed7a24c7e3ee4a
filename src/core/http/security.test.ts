import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { databaseDigest } from '../../test/digest.ts';
import { createTestPlatform, testPassword, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeCounty, type County } from '../../test/world.ts';
import { endpoint } from '../contract.ts';
import { trustProxy } from '../config.ts';
import { buildServer } from './server.ts';
import { uploadRoute } from './route.ts';
import { webBuildDir } from './web-assets.ts';

/**
 * What a hostile page, a proxy and malformed bytes meet: security headers on every answer, requests from another
 * origin and bodies of undeclared types refused, and every malformed address or body a 4xx problem+json that writes
 * nothing (issue 12, items 4, 8, 10 and 12). Addresses that an HTTP client would tidy up are sent over a raw socket.
 */

let test: TestPlatform;
let county: County;
let admin: Client;
let port: number;

beforeAll(async () => {
  test = await createTestPlatform();
  county = await makeCounty(test, '220102', 'nanguan');
  admin = await test.login(county.users.admin.username);
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  port = (test.app.server.address() as { port: number }).port;
});
afterAll(() => test?.close());

/** One request as bytes on a socket, exactly as written: the status line, the headers and the body that came back. */
function raw(request: string | Buffer): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: rest.join('\r\n\r\n') });
    });
  });
}
const get = (path: string, headers = '') => raw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/html\r\nConnection: close\r\n${headers}\r\n`);

const isProblem = (response: { headers: Record<string, unknown> | string }) =>
  (typeof response.headers === 'string' ? response.headers : String(response.headers['content-type'])).includes('application/problem+json');

describe('security headers', () => {
  it('go with every API answer, an error included, and nothing of the API is stored', async () => {
    for (const response of [await admin.get('/api/v1/me'), await test.app.inject({ method: 'GET', url: '/api/v1/me' })]) {
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'same-origin',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'cache-control': 'no-store',
      });
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('give the pages a CSP without inline script, framing or foreign sources', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/healthz' });
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('the built pages hold no inline script for that CSP to block', (context) => {
    const index = join(webBuildDir, 'index.html');
    if (!existsSync(index)) return context.skip('dist/web is not built (npm run build)');
    const html = readFileSync(index, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('keep a revealed ID number and an export out of every cache', async () => {
    const reveal = await admin.post(`/api/v1/members/${county.records.member!.id}/reveal`, { field: 'idNumber' });
    expect(reveal.statusCode).toBe(200);
    expect(reveal.headers['cache-control']).toBe('no-store');
    const exported = await admin.get(`/api/v1/members/export?orgCode=${county.countyCode}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['cache-control']).toBe('no-store');
  });
});

describe('behind a TLS-terminating proxy (TRUST_PROXY)', () => {
  let proxied: TestPlatform;
  beforeAll(async () => {
    proxied = await createTestPlatform({ trustProxy: ['127.0.0.1', '::1'] });
  });
  afterAll(() => proxied?.close());

  const login = (platform: TestPlatform, headers: Record<string, string>) =>
    platform.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'admin', password: testPassword }, headers, remoteAddress: '127.0.0.1' });

  it('marks the session cookie Secure and sends HSTS when the proxy says https, and only a trusted proxy is believed', async () => {
    const behind = await login(proxied, { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'union.example', origin: 'https://union.example' });
    expect(behind.statusCode).toBe(200);
    expect(behind.cookies.find((cookie) => cookie.name === 'qiaoliang_session')?.secure).toBe(true);
    expect(behind.headers['strict-transport-security']).toBe('max-age=31536000');
    // Not trusted: the same headers change nothing, and the origin the browser named is not this server's.
    const direct = await login(test, { 'x-forwarded-proto': 'https' });
    expect(direct.cookies.find((cookie) => cookie.name === 'qiaoliang_session')?.secure).toBeFalsy();
    expect(direct.headers['strict-transport-security']).toBeUndefined();
    expect((await login(test, { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'union.example', origin: 'https://union.example' })).statusCode).toBe(403);
    // A TLS proxy passing the Host on to a server not told about it: the page's https origin of that host is its own.
    expect((await login(test, { host: 'union.example', origin: 'https://union.example' })).statusCode).toBe(200);
    // A page over plain http posting to a server that knows it is reached over https is not.
    expect((await login(proxied, { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'union.example', origin: 'http://union.example' })).statusCode).toBe(403);
  });

  it('limits the public routes per client address, the one the proxy forwarded', async () => {
    const challenge = (platform: TestPlatform, address: string) =>
      platform.app.inject({ method: 'GET', url: '/api/v1/public/challenge', headers: { 'x-forwarded-for': address }, remoteAddress: '127.0.0.1' });
    const spread = [];
    for (let client = 1; client <= 40; client++) spread.push((await challenge(proxied, `203.0.113.${client}`)).statusCode);
    expect(spread.every((status) => status === 200)).toBe(true);
    // One client behind the proxy is still one client.
    const one = [];
    for (let attempt = 0; attempt < 40; attempt++) one.push((await challenge(proxied, '198.51.100.7')).statusCode);
    expect(one).toContain(429);
    // Without trust, the forwarded address is a claim like any other: all forty come from the proxy's address.
    const claimed = [];
    for (let client = 1; client <= 40; client++) claimed.push((await challenge(test, `203.0.113.${client}`)).statusCode);
    expect(claimed).toContain(429);
  });

  it('reads TRUST_PROXY as off, on, a number of hops or addresses, and refuses anything else', () => {
    expect(trustProxy(undefined)).toBe(false);
    expect(trustProxy('false')).toBe(false);
    expect(trustProxy('true')).toBe(true);
    expect(trustProxy('2')).toBe(2);
    expect(trustProxy('10.0.0.1, 10.1.0.0/16,loopback')).toEqual(['10.0.0.1', '10.1.0.0/16', 'loopback']);
    expect(() => trustProxy('yes please')).toThrow(/TRUST_PROXY/);
  });
});

describe('cross-site request forgery', () => {
  const cancel = (headers: Record<string, string>, payload?: string) =>
    admin.request('POST', `/api/v1/jobs/${county.jobId}/cancel`, payload, headers);

  it('refuses a state-changing request from another origin, another port of this host included, and writes nothing', async () => {
    const before = await databaseDigest(test.platform.db);
    const foreign: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'http://localhost:8080' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { referer: 'http://localhost:8080/form.html' },
    ];
    for (const headers of foreign) {
      const response = await cancel({ ...headers, 'content-type': 'application/json' }, '{}');
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
      expect(isProblem(response)).toBe(true);
      expect(response.json()).toMatchObject({ code: 'forbidden', messageKey: 'error.cross_origin' });
    }
    expect(await databaseDigest(test.platform.db)).toBe(before);
  });

  it('refuses a text/plain form post and a multipart body to a JSON route with 415, whatever the origin says', async () => {
    const before = await databaseDigest(test.platform.db);
    const form = await cancel({ 'content-type': 'text/plain' }, 'x=1');
    expect(form.statusCode).toBe(415);
    expect(form.json()).toMatchObject({ code: 'unsupported_media_type', messageKey: 'error.media_type_not_declared' });
    const multipart = await cancel({ 'content-type': 'multipart/form-data; boundary=x' }, '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n');
    expect(multipart.statusCode).toBe(415);
    const urlencoded = await admin.request('PUT', '/api/v1/me/locale', 'locale=en', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(urlencoded.statusCode).toBe(415);
    expect(isProblem(urlencoded)).toBe(true);
    expect(await databaseDigest(test.platform.db)).toBe(before);
  });

  it('refuses a cross-origin upload, and a read of the API from another origin', async () => {
    const boundary = 'qiaoliang';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.csv"\r\nContent-Type: text/csv\r\n\r\n姓名,身份证号\r\n--${boundary}--\r\n`;
    const upload = await admin.request('POST', `/api/v1/members/import?intoOrgCode=${county.countyCode}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: 'http://evil.example' });
    expect(upload.statusCode).toBe(403);
    const read = await admin.request('GET', '/api/v1/me', undefined, { origin: 'http://evil.example' });
    expect(read.statusCode).toBe(403);
    expect(isProblem(read)).toBe(true);
  });

  it('lets the pages’ own requests through: same origin, a navigation, a client with no browser', async () => {
    expect((await admin.request('PUT', '/api/v1/me/locale', { locale: 'zh-CN' }, { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
    expect((await admin.request('PUT', '/api/v1/me/locale', { locale: 'zh-CN' }, { referer: 'http://localhost/orgs' })).statusCode).toBe(200);
    expect((await admin.request('PUT', '/api/v1/me/locale', { locale: 'zh-CN' })).statusCode).toBe(200);
    expect((await test.app.inject({ method: 'GET', url: '/healthz', headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(200);
  });
});

describe('malformed input is a 4xx problem, never a 500, and writes nothing', () => {
  it('a NUL in a JSON string, a query or a path parameter: 400 naming the field', async () => {
    const before = await databaseDigest(test.platform.db);
    const body = await admin.request('PATCH', `/api/v1/users/${county.users.viewer.id}`, { displayName: 'a\u0000b' });
    expect(body.statusCode).toBe(400);
    expect(body.json().errors).toEqual([expect.objectContaining({ path: 'displayName', code: 'nul_character' })]);
    const query = await admin.get('/api/v1/users?q=a%00b');
    expect(query.statusCode).toBe(400);
    expect(query.json().errors).toEqual([expect.objectContaining({ path: 'query.q', code: 'nul_character' })]);
    const key = await admin.request('PATCH', `/api/v1/users/${county.users.viewer.id}`, '{"a\\u0000":1}', { 'content-type': 'application/json' });
    expect(key.statusCode).toBe(400);
    for (const path of ['/api/v1/orgs/2201%0002', '/a%00b', '/assets/a%00b.js']) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(isProblem(response), path).toBe(true);
    }
    expect(await databaseDigest(test.platform.db)).toBe(before);
  });

  it('an encoded .. or slash, bad percent-encoding or raw bytes in the address: 400', async () => {
    for (const path of ['/assets/%2e%2e/%2e%2e/package.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/assets/%E0%A4%A', '/api/v1/orgs/%E0%A4%A', '/api/v1/users?q=%E0%A4%A', '/api/v1/users/%ff']) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(isProblem(response), path).toBe(true);
      expect(JSON.parse(response.body)).toMatchObject({ code: 'validation_failed', messageKey: 'error.bad_url' });
    }
    const rawBytes = await raw(Buffer.concat([Buffer.from('GET /api/v1/users?q='), Buffer.from([0xe4, 0xbd]), Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)]));
    expect(rawBytes.status).toBe(400);
  });

  it('an over-long path parameter, query or address: 4xx problem+json, 414 for an address too long to read', async () => {
    const parameter = await admin.get(`/api/v1/users/${'9'.repeat(120)}`);
    expect([400, 404, 414]).toContain(parameter.statusCode);
    expect(isProblem(parameter)).toBe(true);
    const query = await admin.get(`/api/v1/users?q=${'x'.repeat(1500)}`);
    expect(query.statusCode).toBe(400);
    expect(query.json().errors).toEqual([expect.objectContaining({ path: 'query.q', code: 'too_long' })]);
    const long = await get(`/api/v1/users?q=${'x'.repeat(9000)}`);
    expect(long.status).toBe(414);
    expect(isProblem(long)).toBe(true);
    const huge = await get(`/api/v1/users?q=${'x'.repeat(20000)}`);
    expect(huge.status).toBe(414);
    expect(isProblem(huge)).toBe(true);
    const headers = await get('/api/v1/me', `X-Filler: ${'x'.repeat(20000)}\r\n`);
    expect(headers.status).toBe(431);
    expect(isProblem(headers)).toBe(true);
  });

  it('a body that is not UTF-8, or a string with an unpaired surrogate: 400, nothing stored as U+FFFD', async () => {
    const before = await databaseDigest(test.platform.db);
    const latin = Buffer.concat([Buffer.from('{"displayName":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    const bytes = await admin.request('PATCH', `/api/v1/users/${county.users.viewer.id}`, latin, { 'content-type': 'application/json' });
    expect(bytes.statusCode).toBe(400);
    expect(bytes.json()).toMatchObject({ code: 'validation_failed', messageKey: 'error.bad_encoding' });
    const surrogate = await admin.request('PATCH', `/api/v1/users/${county.users.viewer.id}`, '{"displayName":"a\\ud800b"}', { 'content-type': 'application/json' });
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().errors).toEqual([expect.objectContaining({ path: 'displayName', code: 'ill_formed' })]);
    expect(await databaseDigest(test.platform.db)).toBe(before);
    // Well-formed text, a pair of surrogates (an emoji) included, still goes through.
    expect((await admin.patch(`/api/v1/users/${county.users.viewer.id}`, { displayName: '张三 🌾' })).statusCode).toBe(200);
  });
});

describe('an upload’s file name', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const contract = endpoint({ method: 'POST', path: '/test-name', tags: ['test'], summary: 'upload', response: z.object({ name: z.string() }) });
    app = await buildServer(test.platform, {
      routes: (api) => uploadRoute(api, contract, { types: { '.csv': 'text' }, maxBytes: 1024 }, async (_request, upload) => ({ name: upload.fileName }), { config: { public: true } }),
    });
    await app.ready();
  });
  afterAll(() => app?.close());

  const upload = (name: Buffer) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/test-name',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      payload: Buffer.concat([Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="'), name, Buffer.from('"\r\nContent-Type: text/csv\r\n\r\na,b\r\n--b--\r\n')]),
    });

  it('with a NUL or a control character is a 400 naming the file, not a 500', async () => {
    for (const name of [Buffer.from('a\u0000b.csv'), Buffer.from('a\u0007b.csv')]) {
      const response = await upload(name);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ path: 'file', code: 'bad_name' })]);
    }
    expect((await upload(Buffer.from('名册.csv'))).json()).toEqual({ name: '名册.csv' });
  });
});
