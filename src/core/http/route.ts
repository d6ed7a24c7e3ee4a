import { rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Endpoint } from '../contract.ts';
import { AppError, invalid } from '../errors.ts';
import type { Download, FileSignature, Upload, UploadSpec } from '../files.ts';
import { formatBytes } from './problem.ts';

/** A request as a route handler sees it: params, query and body already parsed by the endpoint's schemas. */
export type RouteRequest<E> =
  E extends Endpoint<infer Params, infer Query, infer Body, z.ZodType>
    ? Omit<FastifyRequest, 'params' | 'query' | 'body'> & { params: z.output<Params>; query: z.output<Query>; body: z.output<Body> }
    : never;

type ResponseInput<E> = E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer Response> ? z.input<Response> : never;

export interface RouteOptions {
  /** `public: true` (no session), `rateLimit` (@fastify/rate-limit's per-route options). */
  config?: FastifyContextConfig;
  /** The largest body this route takes, in bytes; the server's default (1 MB) otherwise. A larger one is a 413. */
  bodyLimit?: number;
}

/** The parts of a route's OpenAPI description that come from its contract; a public route needs no session. */
function describe(contract: Endpoint, options: RouteOptions) {
  return {
    tags: contract.tags,
    summary: contract.summary,
    ...(options.config?.public ? { security: [] } : {}),
    ...(contract.params ? { params: contract.params } : {}),
    ...(contract.query ? { querystring: contract.query } : {}),
  };
}

function fastifyOptions(options: RouteOptions) {
  return {
    config: options.config ?? {},
    ...(options.bodyLimit !== undefined ? { bodyLimit: options.bodyLimit } : {}),
  };
}

/** Registers a route from its contract: validation, the OpenAPI description and the response shape all come from it. */
export function route<E extends Endpoint>(
  app: FastifyInstance,
  contract: E,
  handler: (request: RouteRequest<E>, reply: FastifyReply) => Promise<ResponseInput<E>>,
  options: RouteOptions = {},
): void {
  const status = contract.status ?? 200;
  app.route({
    method: contract.method,
    url: contract.path,
    ...fastifyOptions(options),
    schema: {
      ...describe(contract, options),
      ...(contract.body ? { body: contract.body } : {}),
      response: { [status]: contract.response },
    },
    handler: async (request, reply) => {
      reply.status(status);
      return handler(request as unknown as RouteRequest<E>, reply);
    },
  });
}

// Uploads.

const zipMagic = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const oleMagic = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const magic: Partial<Record<FileSignature, Buffer>> = {
  zip: zipMagic,
  jpeg: Buffer.from([0xff, 0xd8, 0xff]),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pdf: Buffer.from('%PDF-', 'latin1'),
};
/** The longest magic number: this many first bytes decide. */
const headLength = 8;

/** Which of the signatures the first bytes match, if any. */
function matching(head: Buffer, signatures: readonly FileSignature[]): FileSignature | undefined {
  const starts = (bytes: Buffer) => head.subarray(0, bytes.length).equals(bytes);
  return signatures.find((signature) => (signature === 'text' ? !starts(zipMagic) && !starts(oleMagic) : starts(magic[signature]!)));
}

/** Passes the bytes through, refusing the file when its first bytes are none of what it may be; tells which it was. */
function signatureCheck(signatures: readonly FileSignature[], refuse: () => AppError, found: (signature: FileSignature) => void): Transform {
  let head = Buffer.alloc(0);
  let checked = false;
  const judge = (): AppError | undefined => {
    checked = true;
    const signature = matching(head, signatures);
    if (!signature) return refuse();
    found(signature);
    return undefined;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!checked) {
        head = Buffer.concat([head, chunk]);
        if (head.length >= headLength) {
          const refused = judge();
          if (refused) return done(refused);
        }
      }
      done(null, chunk);
    },
    flush(done) {
      done(checked ? null : judge() ?? null);
    },
  });
}

/**
 * Registers an upload (multipart/form-data, one file) from its contract: the query is parsed by the contract, the
 * file's type is checked by its name before the handler runs, and its first bytes and size as the handler saves it.
 * The handler decides where the file goes, after its own checks: nothing is written for a caller it refuses.
 */
export function uploadRoute<E extends Endpoint>(
  app: FastifyInstance,
  contract: E,
  /** The files taken, and the multipart field that carries one (`file` when not given). */
  spec: UploadSpec & { field?: string },
  handler: (request: RouteRequest<E>, upload: Upload, reply: FastifyReply) => Promise<ResponseInput<E>>,
  options: RouteOptions = {},
): void {
  const status = contract.status ?? 200;
  const field = spec.field ?? 'file';
  const accepted = spec.byContent ? spec.byContent.map((kind) => kind.toUpperCase()).join(', ') : Object.keys(spec.types).join(', ');
  app.route({
    method: contract.method,
    url: contract.path,
    ...fastifyOptions(options),
    schema: { ...describe(contract, options), consumes: ['multipart/form-data'], response: { [status]: contract.response } },
    handler: async (request, reply) => {
      const part = await request.file({ limits: { fileSize: spec.maxBytes, files: 1, fields: 5 } }).catch(() => undefined);
      if (!part || part.fieldname !== field) {
        part?.file.resume();
        throw invalid([{ path: field, code: 'required', messageKey: 'validation.required' }]);
      }
      const fileName = part.filename;
      const extension = extname(fileName).toLowerCase();
      const signatures = spec.byContent ?? (spec.types[extension] ? [spec.types[extension]] : undefined);
      let consumed = false;
      let kind: FileSignature | undefined;
      try {
        // A name goes into the job's record and the audit: no NUL (PostgreSQL refuses it), no control characters, and
        // no U+FFFD, which is what bytes that were not UTF-8 became.
        // eslint-disable-next-line no-control-regex -- control characters are what this looks for
        if (/[\x00-\x1f\x7f\ufffd]|\p{Surrogate}/u.test(fileName) || fileName.length > 255) throw invalid([{ path: field, code: 'bad_name', messageKey: 'upload.bad_name' }]);
        if (!signatures) throw invalid([{ path: field, code: 'unsupported_format', messageKey: 'upload.unsupported_format', params: { name: fileName, accepted } }]);
        const upload: Upload = {
          fileName,
          extension,
          kind: () => kind,
          async saveTo(path) {
            consumed = true;
            let bytes = 0;
            const count = new Transform({
              transform(chunk: Buffer, _encoding, done) {
                bytes += chunk.length;
                done(null, chunk);
              },
            });
            // Taken by content, a file of none of the kinds is simply not one of them; by name, it lied about its kind.
            const refuse = () =>
              spec.byContent
                ? invalid([{ path: field, code: 'unsupported_format', messageKey: 'upload.unsupported_format', params: { name: fileName, accepted } }])
                : invalid([{ path: field, code: 'wrong_content', messageKey: 'upload.wrong_content', params: { name: fileName, extension } }]);
            // The file is opened before the bytes flow: a stream that opened it lazily could create it after a refusal
            // had already removed it.
            const file = await open(path, 'w', 0o600);
            try {
              await pipeline(part.file, signatureCheck(signatures, refuse, (found) => (kind = found)), count, file.createWriteStream());
              if (part.file.truncated) throw new AppError('payload_too_large', 'upload.too_large', { name: fileName, limit: formatBytes(spec.maxBytes) });
              return bytes;
            } catch (error) {
              rmSync(path, { force: true });
              throw error;
            }
          },
        };
        reply.status(status);
        return await handler(request as unknown as RouteRequest<E>, upload, reply);
      } finally {
        // A file the handler never read is drained, so that the answer (a refusal, most likely) can go out.
        if (!consumed) part.file.resume();
      }
    },
  });
}

// Downloads.

/**
 * `attachment` with the name twice: ASCII for old clients, UTF-8 (RFC 6266/5987) for every browser, which shows
 * 会员名册-220102.xlsx as it is.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\w.-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Registers a download from its contract: the handler (policy, look-up and audit all in the service it calls)
 * answers what to send, and the route streams it. Files hold personal data, so nothing caches them.
 */
export function downloadRoute<E extends Endpoint>(
  app: FastifyInstance,
  contract: E,
  handler: (request: RouteRequest<E>, reply: FastifyReply) => Promise<Download>,
  options: RouteOptions = {},
): void {
  app.route({
    method: contract.method,
    url: contract.path,
    ...fastifyOptions(options),
    schema: describe(contract, options),
    handler: async (request, reply) => {
      const download = await handler(request as unknown as RouteRequest<E>, reply);
      let body: Readable;
      if (typeof download.body === 'function') {
        const out = new PassThrough();
        download.body(out).catch((error: unknown) => {
          // The status and headers are gone already: all that is left is to cut the file short, which the client sees.
          request.log.error({ err: error }, 'download failed half-way');
          out.destroy(error as Error);
        });
        body = out;
      } else body = download.body;
      return reply.header('content-type', download.contentType).header('content-disposition', contentDisposition(download.fileName)).header('cache-control', 'no-store').send(body);
    },
  });
}
