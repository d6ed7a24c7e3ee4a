/**
 * The one error type of the platform. Services throw it with a code from a closed set and a message key;
 * the HTTP layer turns it into application/problem+json, the CLI into a line and an exit code.
 * Nothing below the HTTP layer knows about status codes.
 */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'account_locked',
  'rate_limited',
  'payload_too_large',
  'uri_too_long',
  'unsupported_media_type',
  'headers_too_large',
  'challenge_failed',
  'data_dir_in_use',
  'data_dir_unusable',
  'disk_full',
  'query_timeout',
  'database_unavailable',
  'client_closed',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type MessageParams = Record<string, string | number>;

/** A reason tied to one field of the input: `path` is dotted (`employer.creditCode`, `rows.3.name`). */
export interface FieldIssue {
  path: string;
  /** A stable machine code: `required`, `too_long`, `invalid_credit_code` … */
  code: string;
  /** Catalogue key of the human message. */
  messageKey: string;
  params?: MessageParams;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Catalogue key of the detail; the title comes from `error.<code>`. */
    readonly messageKey: string = `error.${code}`,
    readonly params: MessageParams = {},
    readonly issues: FieldIssue[] = [],
  ) {
    super(`${code}: ${messageKey}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`);
    this.name = 'AppError';
  }
}

export const notFound = (messageKey = 'error.not_found', params?: MessageParams) =>
  new AppError('not_found', messageKey, params);
export const forbidden = (messageKey = 'error.forbidden', params?: MessageParams) =>
  new AppError('forbidden', messageKey, params);
export const conflict = (messageKey: string, params?: MessageParams) => new AppError('conflict', messageKey, params);
export const invalid = (issues: FieldIssue[]) =>
  new AppError('validation_failed', 'error.validation_failed', { count: issues.length }, issues);
