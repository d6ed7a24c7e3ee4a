import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ClientGone, currentQueryScope, lostConnection } from '../db/request-scope.ts';
import { AppError, type ErrorCode, type FieldIssue, type MessageParams } from '../errors.ts';
import { hasMessage, translate, type Locale } from '../i18n/catalogue.ts';
import { redactUrl } from './redact.ts';

const statusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  account_locked: 423,
  rate_limited: 429,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  headers_too_large: 431,
  challenge_failed: 403,
  data_dir_in_use: 503,
  data_dir_unusable: 503,
  disk_full: 507,
  query_timeout: 503,
  database_unavailable: 503,
  // nginx's code for a client that closed the connection: nobody reads the answer, the log does.
  client_closed: 499,
  internal: 500,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  /** The detail's catalogue key, so a page can choose its own wording. */
  messageKey: string;
  instance?: string;
  requestId?: string;
  errors?: { path: string; code: string; message: string }[];
}

/** Parameters may themselves be catalogue keys (`type.string`): they are translated too. */
function fill(locale: Locale, params: MessageParams = {}): MessageParams {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, typeof value === 'string' && hasMessage(value) ? translate(locale, value) : value]),
  );
}

export function toProblem(error: AppError, locale: Locale, request?: FastifyRequest): Problem {
  const status = statusOf[error.code];
  return {
    type: `https://qiaoliang.example/problems/${error.code.replace(/_/g, '-')}`,
    title: translate(locale, `error.${error.code}`, fill(locale, error.params)),
    status,
    code: error.code,
    detail: translate(locale, error.messageKey, fill(locale, error.params)),
    messageKey: error.messageKey,
    ...(request ? { instance: redactUrl(request.url, request.routeOptions?.url), requestId: request.id } : {}),
    ...(error.issues.length ? { errors: error.issues.map((issue) => fieldMessage(issue, locale)) } : {}),
  };
}

function fieldMessage(issue: FieldIssue, locale: Locale) {
  return { path: issue.path, code: issue.code, message: translate(locale, issue.messageKey, fill(locale, issue.params)) };
}

/** 1536 → "1.5 KB", 1048576 → "1 MB": a limit as a person reads it, the same in both languages. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(1))} ${units[unit]}`;
}

/**
 * Fastify's own errors (bad JSON, body too large, rate limit) become AppErrors with codes of ours. With the request,
 * a body over the limit names the route's limit.
 */
export function asAppError(error: unknown, request?: FastifyRequest): AppError | undefined {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  switch (fastifyError?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('validation_failed', 'error.bad_json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = request?.routeOptions.bodyLimit;
      return limit ? new AppError('payload_too_large', 'error.body_too_large_limit', { limit: formatBytes(limit) }) : new AppError('payload_too_large', 'error.body_too_large');
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('validation_failed', 'error.bad_json');
  }
  // PostgreSQL refusing text it cannot store (a NUL, an unpaired surrogate): the checks before the routes should have
  // caught it, but it is still the input's fault.
  const sqlState = (error as { code?: unknown })?.code;
  // A file that cannot be saved because the disk is full (an upload), or a database whose disk is.
  if (sqlState === 'ENOSPC' || sqlState === 'EDQUOT' || sqlState === '53100') return new AppError('disk_full');
  if (sqlState === '22021' || sqlState === '22P05') return new AppError('validation_failed', 'error.bad_encoding');
  // A query cancelled (57014): by the statement timeout, or because the client went away (src/core/db/request-scope.ts).
  if (error instanceof ClientGone || (sqlState === '57014' && currentQueryScope()?.signal.aborted)) return new AppError('client_closed');
  // The server rolled back whatever the request had begun; the pool drops the dead connection.
  if (lostConnection(error)) return new AppError('database_unavailable');
  if (sqlState === '57014') return new AppError('query_timeout', 'error.query_timeout', { seconds: request?.server.platform?.config.statementTimeoutSeconds ?? Math.round((currentQueryScope()?.statementTimeoutMs ?? 0) / 1000) });
  // Errors a plugin raises with an HTTP status of the client's making (the static files' sender refusing a path, say):
  // the client's fault, said as ours, never a 500.
  switch (fastifyError?.statusCode) {
    case 429:
      return new AppError('rate_limited');
    case 404:
      return new AppError('not_found');
    case 413:
      return new AppError('payload_too_large', 'error.body_too_large');
    case 414:
      return new AppError('uri_too_long');
    case 415:
      return new AppError('unsupported_media_type');
  }
  if (fastifyError?.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) return new AppError('validation_failed', 'error.bad_request');
  return undefined;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}
