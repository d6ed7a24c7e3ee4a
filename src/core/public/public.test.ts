import { createHash, createSecretKey } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestPlatform, type TestPlatform } from '../../test/platform.ts';
import type { Actor } from '../actor.ts';
import { appendAudit } from '../audit/store.ts';
import { endpoint } from '../contract.ts';
import { inTransaction } from '../db/transaction.ts';
import { buildServer } from '../http/server.ts';
import { definePolicy } from '../policy.ts';
import { wholeTree } from '../scope.ts';
import { treeRoot } from '../tree.ts';
import { assertHolds, holderActor, submitterActor } from './actor.ts';
import { issueChallenge } from './challenge.ts';
import { publicRoute } from './route.ts';
import { publicRoutes } from './routes.ts';
import { publicSecrets } from './secrets.ts';
import { leadingZeroBits, solveChallenge } from './solve.ts';
import { issueTrackingCode, normaliseTrackingCode } from './tracking.ts';

/**
 * The public actor end to end, on a server with a small public "notes" feature written the way a module would
 * write appeals: submit (anonymous, challenged) answers a tracking code; read (the code's holder) shows one note.
 */

const bits = 8;
let test: TestPlatform;
let app: FastifyInstance;
let rootPath: string;
const notes = new Map<number, string>();

const noteBody = z.object({ text: z.string().min(1).max(100_000) });
const noteEndpoints = {
  submit: endpoint({ method: 'POST', path: '/public/test-notes', tags: ['test'], summary: 'submit a note', body: noteBody, response: z.object({ id: z.number(), trackingCode: z.string() }), status: 201 }),
  read: endpoint({ method: 'GET', path: '/public/test-notes/:id/:trackingCode', tags: ['test'], summary: 'read a note', params: z.object({ id: z.coerce.number().int(), trackingCode: z.string().max(64) }), response: z.object({ id: z.number(), text: z.string() }) }),
  limited: endpoint({ method: 'POST', path: '/public/test-limited', tags: ['test'], summary: 'a tight limit', response: z.object({ ok: z.boolean() }) }),
};

beforeAll(async () => {
  test = await createTestPlatform({ publicChallengeBits: bits });
  rootPath = (await treeRoot(test.platform.db))!.path;
  const { db, cipher } = test.platform;
  app = await buildServer(test.platform, {
    routes: (api) => {
      publicRoutes(api);
      publicRoute(api, noteEndpoints.submit, { as: 'submitter' }, async (actor, request) =>
        inTransaction(db, async (tx) => {
          const id = notes.size + 1;
          notes.set(id, request.body.text);
          await appendAudit(tx, actor, { action: 'create', entity: 'test.note', entityId: id, orgPath: rootPath });
          return { id, trackingCode: await issueTrackingCode(tx, publicSecrets(cipher), { entity: 'test.note', itemId: String(id), orgPath: rootPath }) };
        }),
      );
      publicRoute(api, noteEndpoints.read, { as: { holder: 'test.note' } }, async (actor, request) => {
        assertHolds(actor, 'test.note', request.params.id);
        return { id: request.params.id, text: notes.get(request.params.id)! };
      });
      publicRoute(api, noteEndpoints.limited, { as: 'submitter', perMinute: 3, challenge: false }, async () => ({ ok: true }));
    },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await test?.close();
});

async function challenge(): Promise<{ token: string; nonce: string }> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/public/challenge' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['cache-control']).toBe('no-store');
  const issued = response.json() as { token: string; bits: number };
  expect(issued.bits).toBe(bits);
  return { token: issued.token, nonce: await solveChallenge(issued.token, issued.bits) };
}

const submit = (text: string, proof: { token: string; nonce: string } | undefined, extra: Partial<InjectOptions> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/public/test-notes',
    payload: { text },
    headers: { ...(proof ? { 'x-challenge': proof.token, 'x-challenge-proof': proof.nonce } : {}), ...((extra.headers as Record<string, string>) ?? {}) },
    ...(extra.remoteAddress ? { remoteAddress: extra.remoteAddress } : {}),
  });

const read = (id: number, code: string) => app.inject({ method: 'GET', url: `/api/v1/public/test-notes/${id}/${encodeURIComponent(code)}` });

/** A nonce that does not meet the difficulty. */
function wrongNonce(token: string): string {
  for (let n = 0; ; n++) if (leadingZeroBits(createHash('sha256').update(`${token}:${n.toString(36)}`).digest()) < bits) return n.toString(36);
}

describe('the challenge of a public submission', () => {
  it('takes a solved challenge once: the same request replayed is refused', async () => {
    const proof = await challenge();
    const first = await submit('工资拖欠三个月', proof);
    expect(first.statusCode).toBe(201);
    const replay = await submit('工资拖欠三个月', proof);
    expect(replay.statusCode).toBe(403);
    expect(replay.headers['content-type']).toContain('application/problem+json');
    expect(replay.json()).toMatchObject({ code: 'challenge_failed', messageKey: 'public.challenge_used' });
  });

  it('refuses an expired challenge, a wrong proof, a forged or missing token', async () => {
    const secrets = publicSecrets(test.platform.cipher);
    const old = issueChallenge(secrets, { bits, seconds: 60 }, Date.now() - 120_000);
    const expired = await submit('过期', { token: old.token, nonce: await solveChallenge(old.token, bits) });
    expect(expired.statusCode).toBe(403);
    expect(expired.json()).toMatchObject({ code: 'challenge_failed', messageKey: 'public.challenge_expired' });

    const fresh = await challenge();
    const wrong = await submit('错误的证明', { token: fresh.token, nonce: wrongNonce(fresh.token) });
    expect(wrong.json()).toMatchObject({ code: 'challenge_failed', messageKey: 'public.challenge_wrong_proof' });

    // Easier than the server asks (the token says 1 bit; its signature then no longer holds).
    const easier = fresh.token.replace(/\.8\./, '.1.');
    expect((await submit('伪造', { token: easier, nonce: await solveChallenge(easier, 1) })).json()).toMatchObject({ messageKey: 'public.challenge_invalid' });
    // A token signed by another server's key.
    const foreign = issueChallenge({ ...secrets, challengeKey: createSecretKey(Buffer.alloc(32, 9)) }, { bits, seconds: 60 });
    expect((await submit('伪造', { token: foreign.token, nonce: await solveChallenge(foreign.token, bits) })).json()).toMatchObject({ messageKey: 'public.challenge_invalid' });
    expect((await submit('没有验证', undefined)).json()).toMatchObject({ code: 'challenge_failed', messageKey: 'public.challenge_missing' });

    // The wrong proof did not use the token up: solved properly, it passes.
    expect((await submit('正确的证明', fresh)).statusCode).toBe(201);
  });

  it('does not use a challenge up on a body refused by the contract', async () => {
    const proof = await challenge();
    const elsewhere = { remoteAddress: '198.51.100.10' };
    expect((await submit('', proof, elsewhere)).statusCode).toBe(400);
    expect((await submit('改正后再提交', proof, elsewhere)).statusCode).toBe(201);
  });
});

describe('limits', () => {
  it('limits requests per address, as a bilingual 429 problem', async () => {
    const call = (headers: Record<string, string> = {}, remoteAddress = '203.0.113.7') => app.inject({ method: 'POST', url: '/api/v1/public/test-limited', headers, remoteAddress });
    for (let i = 0; i < 3; i++) expect((await call()).statusCode).toBe(200);
    const zh = await call({ 'accept-language': 'zh-CN' });
    expect(zh.statusCode).toBe(429);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.headers['retry-after']).toBeDefined();
    expect(zh.json()).toMatchObject({ status: 429, code: 'rate_limited', title: '请求过于频繁，请稍后再试', messageKey: 'error.rate_limited_retry' });
    expect(zh.json().detail).toMatch(/^请求过于频繁，请 \d+ 秒后再试$/);
    const en = await call({ 'accept-language': 'en' });
    expect(en.json()).toMatchObject({ status: 429, title: 'Too many requests; try again later' });
    expect(en.json().detail).toMatch(/^Too many requests; try again in \d+ s$/);
    // Another address has its own allowance.
    expect((await call({}, '198.51.100.20')).statusCode).toBe(200);
  });

  it('refuses a body over the limit with a 413 problem, before the challenge is looked at', async () => {
    const response = await submit('长'.repeat(20_000), undefined, { headers: { 'accept-language': 'en' }, remoteAddress: '198.51.100.30' });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 413, code: 'payload_too_large', detail: 'The request is over the limit of 32 KB' });
  });
});

describe('tracking codes', () => {
  it('opens its own item and no other; a wrong or missing code opens nothing', async () => {
    const a = (await submit('甲的事项', await challenge(), { remoteAddress: '198.51.100.40' })).json() as { id: number; trackingCode: string };
    const b = (await submit('乙的事项', await challenge(), { remoteAddress: '198.51.100.40' })).json() as { id: number; trackingCode: string };
    expect(a.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);

    expect((await read(a.id, a.trackingCode)).json()).toEqual({ id: a.id, text: '甲的事项' });
    // As a person types it: lower case, spaces for dashes.
    expect((await read(a.id, a.trackingCode.toLowerCase().replace(/-/g, ' '))).statusCode).toBe(200);

    const other = await read(b.id, a.trackingCode);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'not_found', messageKey: 'public.tracking_not_found' });
    const guessed = await read(a.id, `${a.trackingCode.slice(0, -1)}${a.trackingCode.endsWith('0') ? '1' : '0'}`);
    expect(guessed.json()).toMatchObject({ code: 'not_found', messageKey: 'public.tracking_not_found' });
    // No code, or one that is not even of the form: the same bare "not found".
    expect((await read(a.id, '')).statusCode).toBe(404);
    expect((await read(a.id, 'nonsense')).json()).toMatchObject({ code: 'not_found', messageKey: 'public.tracking_not_found' });
    // The answer does not echo the code back in its `instance`.
    expect(other.json().instance).not.toContain(a.trackingCode);
  });

  it('is kept only as keyed hashes, and a new code replaces the old one', async () => {
    const { db, cipher } = test.platform;
    const secrets = publicSecrets(cipher);
    const first = await issueTrackingCode(db, secrets, { entity: 'test.other', itemId: '7', orgPath: rootPath });
    const second = await issueTrackingCode(db, secrets, { entity: 'test.other', itemId: '7', orgPath: rootPath });
    const rows = await db.selectFrom('tracking_codes').selectAll().where('entity', '=', 'test.other').execute();
    expect(rows).toHaveLength(1);
    const stored = Buffer.concat([rows[0]!.selector_hash, rows[0]!.verifier_hash]);
    for (const code of [first, second]) expect(stored.includes(Buffer.from(normaliseTrackingCode(code)!))).toBe(false);
    expect(rows[0]!.selector_hash).toHaveLength(32);
    // Its code is of another entity: it opens no note.
    expect((await read(1, second)).statusCode).toBe(404);
  });
});

describe('the public actor in policies and the audit', () => {
  const policy = definePolicy({ read: ['admin', 'operator', 'reviewer', 'viewer'], submit: ['submitter', 'operator'], follow: ['holder'] });
  const submitter = submitterActor('zh-CN');
  const holder = holderActor({ entity: 'test.note', itemId: '1', orgPath: '1' }, 'zh-CN');

  it('gets no staff ability, only what names it', () => {
    expect(policy.abilities(submitter, ['read', 'submit', 'follow'])).toEqual({ read: false, submit: true, follow: false });
    expect(policy.abilities(holder, ['read', 'submit', 'follow'])).toEqual({ read: false, submit: false, follow: true });
    expect(() => policy.assert(submitter, 'read')).toThrow(/forbidden/);
    expect(() => assertHolds(holder, 'test.note', 2)).toThrow(/not_found/);
    expect(() => assertHolds(submitter, 'test.note', 1)).toThrow(/not_found/);
    expect(() => assertHolds(holder, 'test.other', 1)).toThrow(/not_found/);
    assertHolds(holder, 'test.note', 1);
  });

  it('cannot be passed where a staff actor is expected', () => {
    const staffOnly = (actor: Actor) => actor.scope;
    // @ts-expect-error a public actor has no scope of the tree and no staff role
    expect(() => staffOnly(submitter).path).toThrow();
    expect(staffOnly({ userId: 1, username: 'a', role: 'viewer', orgId: 0, scope: wholeTree, locale: 'zh-CN' })).toBe(wholeTree);
  });

  it('is audited as public, with no account', async () => {
    const rows = await sql<{ actor_id: number | null; actor_name: string }>`SELECT actor_id, actor_name FROM audit_events WHERE entity = 'test.note'`.execute(test.platform.db);
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const row of rows.rows) expect(row).toEqual({ actor_id: null, actor_name: 'public' });
  });

  it('is declared only on paths under /public/', () => {
    expect(() => publicRoute(app, { ...noteEndpoints.limited, path: '/test-limited' }, { as: 'submitter' }, async () => ({ ok: true }))).toThrow(/\/public\//);
  });
});
