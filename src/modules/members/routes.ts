import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, unlinkSync } from 'node:fs';
import { extname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Endpoint } from '../../core/contract.ts';
import { appendAudit } from '../../core/audit/store.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { AppError, invalid, notFound } from '../../core/errors.ts';
import { actorOf } from '../../core/http/context.ts';
import { route } from '../../core/http/route.ts';
import { getJob } from '../../core/jobs/service.ts';
import type { JobRunner } from '../../core/jobs/runner.ts';
import { prepareExport } from './export.ts';
import { importJobKind, importsDir, isImportable, queueImport, resolveInto, type ImportResult } from './import.ts';
import { memberPolicy } from './policy.ts';
import { memberEndpoints, type exportQuery, type importJobParams, type importQuery } from './schema.ts';
import * as service from './service.ts';
import * as transfers from './transfers.ts';

/** The largest roster file taken: a province's county sends a few hundred thousand rows, well under this. */
const maxUploadBytes = 512 * 1024 * 1024;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function memberRoutes(app: FastifyInstance): void {
  const { db, cipher, config } = app.platform;
  route(app, memberEndpoints.list, async (request) => service.listMembers(actorOf(request), db, cipher, request.query));
  route(app, memberEndpoints.create, async (request) => service.createMember(actorOf(request), db, cipher, request.body));
  route(app, memberEndpoints.get, async (request) => service.getMember(actorOf(request), db, cipher, request.params.membershipId));
  route(app, memberEndpoints.update, async (request) => service.updateMember(actorOf(request), db, cipher, request.params.membershipId, request.body));
  route(app, memberEndpoints.end, async (request) => service.endMembership(actorOf(request), db, cipher, request.params.membershipId, request.body.endedOn, request.body.reason));
  route(app, memberEndpoints.reveal, async (request) => service.reveal(actorOf(request), db, cipher, request.params.membershipId, request.body.field));
  route(app, memberEndpoints.requestTransfer, async (request) =>
    transfers.requestTransfer(actorOf(request), db, cipher, request.params.membershipId, request.body.toOrgCode, request.body.requestedOn),
  );
  route(app, memberEndpoints.transfers, async (request) => transfers.listTransfers(actorOf(request), db, cipher, request.query));
  route(app, memberEndpoints.acceptTransfer, async (request) => transfers.acceptTransfer(actorOf(request), db, cipher, request.params.transferId, request.body.decidedOn));
  route(app, memberEndpoints.rejectTransfer, async (request) => transfers.rejectTransfer(actorOf(request), db, cipher, request.params.transferId, request.body.decidedOn));
  route(app, memberEndpoints.cancelTransfer, async (request) => transfers.cancelTransfer(actorOf(request), db, cipher, request.params.transferId));

  // Uploads and workbooks are not JSON: plain routes, validated and described by the same contracts. Multipart
  // parsing is the platform's (src/core/http/server.ts); this route sets its own limits.

  const importContract = memberEndpoints.import;
  app.post(importContract.path, { schema: describe(importContract, { consumes: ['multipart/form-data'] }) }, async (request, reply) => {
    const actor = actorOf(request);
    memberPolicy.assert(actor, 'create');
    const query = request.query as z.output<typeof importQuery>;
    // The org first: nothing is stored for an org the caller cannot reach.
    await resolveInto(actor, db, query.intoOrgCode);
    const part = await request.file({ limits: { fileSize: maxUploadBytes, files: 1, fields: 5 } }).catch(() => undefined);
    if (!part) throw invalid([{ path: 'file', code: 'required', messageKey: 'validation.required' }]);
    if (!isImportable(part.filename)) {
      part.file.resume();
      throw invalid([{ path: 'file', code: 'unsupported_format', messageKey: 'import.unsupported_format', params: { name: part.filename } }]);
    }
    const stored = `${randomUUID()}${extname(part.filename).toLowerCase()}`;
    const path = join(importsDir(config.dataDir), stored);
    try {
      // The roster holds ID numbers in clear: readable by the server's user only, and deleted once imported.
      await pipeline(part.file, createWriteStream(path, { mode: 0o600 }));
      if (part.file.truncated) throw new AppError('validation_failed', 'error.body_too_large');
      const jobId = await queueImport(actor, db, runnerOf(app), { file: stored, fileName: part.filename, intoOrgCode: query.intoOrgCode, locale: request.locale });
      reply.status(202);
      return { jobId };
    } catch (error) {
      if (existsSync(path)) unlinkSync(path);
      throw error;
    }
  });

  const rejectedContract = memberEndpoints.importRejected;
  app.get(rejectedContract.path, { schema: describe(rejectedContract) }, async (request, reply) => {
    const actor = actorOf(request);
    const { jobId } = request.params as z.output<typeof importJobParams>;
    // The rejected rows hold ID numbers as typed: those who may reveal them, for jobs in their scope.
    memberPolicy.assert(actor, 'reveal');
    const job = await getJob(actor, db, jobId, request.locale);
    const file = job.kind === importJobKind ? (job.result as ImportResult | null)?.rejectedFile : undefined;
    if (!file) throw notFound();
    const path = join(importsDir(config.dataDir), file);
    if (!existsSync(path)) throw notFound();
    await inTransaction(db, (tx) => appendAudit(tx, actor, { action: 'export', entity: 'member_import', entityId: jobId, orgPath: actor.scope.path, after: { rejectedRows: true } }));
    return sendWorkbook(reply, `rejected-${jobId}.xlsx`).send(createReadStream(path));
  });

  const exportContract = memberEndpoints.export;
  app.get(exportContract.path, { schema: describe(exportContract) }, async (request, reply) => {
    const query = request.query as z.output<typeof exportQuery>;
    const prepared = await prepareExport(actorOf(request), db, cipher, { orgCode: query.orgCode, full: query.full === '1', locale: request.locale });
    const out = new PassThrough();
    prepared.write(out).catch((error: unknown) => {
      request.log.error({ err: error }, 'export failed half-way');
      out.destroy(error as Error);
    });
    return sendWorkbook(reply, prepared.fileName).send(out);
  });
}

/** The route's OpenAPI description from its contract: params and query; the body is a file, not JSON. */
function describe(contract: Endpoint, extra: Record<string, unknown> = {}) {
  return {
    tags: contract.tags,
    summary: contract.summary,
    hide: false,
    ...(contract.params ? { params: contract.params } : {}),
    ...(contract.query ? { querystring: contract.query } : {}),
    ...extra,
  };
}

function sendWorkbook(reply: FastifyReply, fileName: string): FastifyReply {
  return reply
    .header('content-type', xlsxType)
    .header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store');
}

/** The platform's job runner: the app is built from the whole platform, which carries it. */
function runnerOf(app: FastifyInstance): JobRunner {
  const jobs = (app.platform as { jobs?: JobRunner }).jobs;
  if (!jobs) throw new AppError('internal');
  return jobs;
}
