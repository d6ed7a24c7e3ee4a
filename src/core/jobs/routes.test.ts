import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../actor.ts';
import { invalid } from '../errors.ts';
import { actorFor, createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { JobCancelled } from './runner.ts';

let test: TestPlatform;
let creator: Actor;
let creatorClient: Client;
let viewerClient: Client;
let adminClient: Client;
let siblingClient: Client;

/** Set by a test to hold the steps job after its third step, until the test lets it go on. */
let pause: { reached: () => void; until: Promise<void> } | undefined;

beforeAll(async () => {
  test = await createTestPlatform();
  const operator = await makeUser(test, '220102', 'operator');
  const viewer = await makeUser(test, '220102', 'viewer');
  const admin = await makeUser(test, '220102', 'admin');
  const sibling = await makeUser(test, '220103', 'viewer');
  creator = await actorFor(test, operator.username);
  creatorClient = await test.login(operator.username);
  viewerClient = await test.login(viewer.username);
  adminClient = await test.login(admin.username);
  siblingClient = await test.login(sibling.username);

  const jobs = test.platform.jobs;
  jobs.register<{ total: number }, { next: number }>('test.steps', async (_job, context) => {
    for (let next = context.checkpoint?.next ?? 0; next < context.params.total; ) {
      if (await context.cancelled()) throw new JobCancelled();
      next++;
      const done = next;
      await context.db.transaction().execute((tx) => context.saveCheckpoint(tx, { next: done }, done));
      if (next === 3 && pause) {
        pause.reached();
        await pause.until;
      }
    }
    return { steps: context.params.total };
  });
  jobs.register('test.invalid', async () => {
    throw invalid([
      { path: 'intoOrgCode', code: 'required', messageKey: 'validation.required' },
      { path: 'file', code: 'too_long', messageKey: 'validation.too_long', params: { max: 10 } },
    ]);
  });
});
afterAll(() => test?.close());

const enqueue = (kind: string, total?: number) =>
  test.platform.jobs.enqueue(creator, test.platform.db, { kind, params: { total: total ?? 0 }, orgPath: creator.scope.path, ...(total !== undefined ? { total } : {}) });

describe('GET /jobs and /jobs/:jobId', () => {
  it('answers 401 without a session', async () => {
    const response = await test.app.inject({ url: '/api/v1/jobs' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await test.app.inject({ method: 'POST', url: '/api/v1/jobs/1/cancel' })).statusCode).toBe(401);
  });

  it('answers 400 for a job id that is not one', async () => {
    const response = await creatorClient.get('/api/v1/jobs/first');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ path: 'params.jobId' })]);
  });

  it('shows a running job with its percent to its county, and nothing of it to the county next door', async () => {
    let goOn!: () => void;
    const until = new Promise<void>((resolve) => (goOn = resolve));
    const reached = new Promise<void>((resolve) => (pause = { reached: resolve, until }));
    const id = await enqueue('test.steps', 8);
    const running = test.platform.jobs.runOnce();
    await reached;

    const seen = await creatorClient.get(`/api/v1/jobs/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ id, kind: 'test.steps', status: 'running', progressDone: 3, progressTotal: 8, percent: 37, error: null, finishedAt: null, abilities: { cancel: true } });
    expect((await viewerClient.get(`/api/v1/jobs/${id}`)).json()).toMatchObject({ id, abilities: { cancel: false } });

    expect((await siblingClient.get(`/api/v1/jobs/${id}`)).statusCode).toBe(404);
    expect((await siblingClient.post(`/api/v1/jobs/${id}/cancel`)).statusCode).toBe(404);
    expect(((await siblingClient.get('/api/v1/jobs')).json() as { items: { id: number }[] }).items.map((job) => job.id)).not.toContain(id);

    // Only its creator or an admin stops a job.
    const refused = await viewerClient.post(`/api/v1/jobs/${id}/cancel`);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);

    const asked = await creatorClient.post(`/api/v1/jobs/${id}/cancel`);
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ status: 'running', cancelRequested: true, abilities: { cancel: false } });
    pause = undefined;
    goOn();
    expect(await running).toEqual({ jobId: id, status: 'cancelled' });

    const after = (await creatorClient.get(`/api/v1/jobs/${id}`)).json();
    expect(after).toMatchObject({ status: 'cancelled', progressDone: 3, percent: 37, abilities: { cancel: false } });
    expect(after.finishedAt).toEqual(expect.any(String));
  });

  it('refuses to cancel a finished job: 409 problem+json', async () => {
    const id = await enqueue('test.steps', 2);
    expect(await test.platform.jobs.runOnce()).toEqual({ jobId: id, status: 'succeeded' });
    expect((await creatorClient.get(`/api/v1/jobs/${id}`)).json()).toMatchObject({ status: 'succeeded', percent: 100, result: { steps: 2 } });

    const response = await creatorClient.post(`/api/v1/jobs/${id}/cancel`);
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'conflict', messageKey: 'job.not_cancellable', detail: '任务已结束，不能取消' });
  });

  it('lets an admin of the county cancel someone else’s queued job, which ends at once', async () => {
    const id = await enqueue('test.steps', 5);
    const response = await adminClient.post(`/api/v1/jobs/${id}/cancel`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'cancelled', progressDone: 0, abilities: { cancel: false } });
    expect(await test.platform.jobs.runOnce()).toBeUndefined();
  });

  it('shows why a job failed, in the reader’s language, and a percent of null while the total is unknown', async () => {
    const id = await enqueue('test.invalid');
    expect((await creatorClient.get(`/api/v1/jobs/${id}`)).json()).toMatchObject({ status: 'queued', percent: null, progressTotal: null });
    expect(await test.platform.jobs.runOnce()).toEqual({ jobId: id, status: 'failed' });

    const inChinese = (await creatorClient.get(`/api/v1/jobs/${id}`)).json();
    expect(inChinese.error).toEqual({
      code: 'validation_failed',
      messageKey: 'error.validation_failed',
      params: { count: 2 },
      message: '提交的内容有 2 处需要修改；必填；不能超过 10 个字符',
      errors: [
        { path: 'intoOrgCode', code: 'required', message: '必填' },
        { path: 'file', code: 'too_long', message: '不能超过 10 个字符' },
      ],
    });
    expect((await creatorClient.request('PUT', '/api/v1/me/locale', { locale: 'en' })).statusCode).toBe(200);
    expect((await creatorClient.get(`/api/v1/jobs/${id}`)).json().error.message).toBe('2 field(s) need correcting; Required; At most 10 characters');
  });

  it('lists the jobs in scope newest first, by kind and status', async () => {
    const all = (await creatorClient.get('/api/v1/jobs')).json() as { items: { id: number; kind: string; status: string }[] };
    const ids = all.items.map((job) => job.id);
    expect(ids.length).toBe(4);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const steps = (await viewerClient.get('/api/v1/jobs?kind=test.steps&status=cancelled')).json() as { items: { kind: string; status: string }[] };
    expect(steps.items).toHaveLength(2);
    expect(steps.items.every((job) => job.kind === 'test.steps' && job.status === 'cancelled')).toBe(true);
    expect((await viewerClient.get('/api/v1/jobs?limit=1')).json().items).toHaveLength(1);
    expect((await viewerClient.get('/api/v1/jobs?status=lost')).statusCode).toBe(400);
    expect((await siblingClient.get('/api/v1/jobs')).json().items).toEqual([]);
  });
});
