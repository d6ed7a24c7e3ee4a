import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { AppError, invalid, type FieldIssue } from '../errors.ts';
import { pickLocale } from '../i18n/catalogue.ts';
import { toProblem } from './problem.ts';
import { securityHeaders } from './security.ts';

/**
 * Input refused before it can reach a route, a store or PostgreSQL, which rejects a NUL (0x00) in text and would
 * answer 500: a malformed address (bad percent-encoding, a NUL, a `..` segment, raw bytes), a body that is not UTF-8,
 * and strings that no field may hold (a NUL, an unpaired surrogate that would be stored as U+FFFD). Every refusal is
 * a 4xx problem+json, the ones Node and the router raise before Fastify's handlers included.
 */

/** Longest request line taken (the router's own path parameter limit stays 100 characters): a longer one is a 414. */
export const maxUrlLength = 8192;
/** Longest single value of a query or path parameter: nothing the API takes there comes near. */
export const maxParameterLength = 1000;

/** An unpaired surrogate: under the u flag a pair is one code point, so only a lone half matches. */
const illFormed = (text: string) => /\p{Surrogate}/u.test(text);

const badUrl = () => new AppError('validation_failed', 'error.bad_url');

/** The address, before routing: ASCII only, well-formed percent-encoding, no NUL, control character or dot segment. */
export function checkUrl(url: string): void {
  if (url.length > maxUrlLength) throw new AppError('uri_too_long');
  // A browser percent-encodes everything outside printable ASCII; raw bytes reach Node as Latin-1 characters.
  if (/[^\x21-\x7e]/.test(url)) throw badUrl();
  const mark = url.indexOf('?');
  const path = mark === -1 ? url : url.slice(0, mark);
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw badUrl();
    }
    // An encoded slash or dot segment only ever serves to climb out of a directory (the pages' files).
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    if (decoded === '.' || decoded === '..' || /[\\/\x00-\x1f\x7f]/.test(decoded) || illFormed(decoded)) throw badUrl();
  }
  if (mark !== -1) checkQuery(url.slice(mark + 1));
}

/**
 * Every query parameter, whether its route reads it or not: well-formed percent-encoding, and as for any text, no NUL
 * and no value over maxParameterLength — so no route answers 200 to a query no route could take.
 */
function checkQuery(query: string): void {
  const issues: FieldIssue[] = [];
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const equals = pair.indexOf('=');
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent((equals === -1 ? pair : pair.slice(0, equals)).replace(/\+/g, ' '));
      value = equals === -1 ? '' : decodeURIComponent(pair.slice(equals + 1).replace(/\+/g, ' '));
    } catch {
      throw badUrl();
    }
    const path = `query.${name.replaceAll('\u0000', '\\0').slice(0, 60)}`;
    if (name.includes('\u0000') || value.includes('\u0000')) issues.push({ path, code: 'nul_character', messageKey: 'validation.nul_character' });
    else if (illFormed(name) || illFormed(value)) issues.push({ path, code: 'ill_formed', messageKey: 'validation.ill_formed' });
    else if (value.length > maxParameterLength) issues.push({ path, code: 'too_long', messageKey: 'validation.too_long', params: { max: maxParameterLength } });
  }
  if (issues.length) throw invalid(issues);
}

/**
 * The strings of a parsed body, query or path that no field may hold, as field issues: a NUL, an unpaired surrogate,
 * and in a query or path a value longer than maxParameterLength. Checked before each route's own schema.
 */
export function textIssues(data: unknown, prefix: string[], part: 'body' | 'parameter'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (issues.length >= 20) return;
    if (typeof value === 'string') {
      const at = path.join('.');
      if (value.includes('\u0000')) issues.push({ path: at, code: 'nul_character', messageKey: 'validation.nul_character' });
      else if (illFormed(value)) issues.push({ path: at, code: 'ill_formed', messageKey: 'validation.ill_formed' });
      else if (part === 'parameter' && value.length > maxParameterLength) issues.push({ path: at, code: 'too_long', messageKey: 'validation.too_long', params: { max: maxParameterLength } });
    } else if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, String(index)]));
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000') || illFormed(key)) issues.push({ path: [...path, key.replaceAll('\u0000', '\\0')].join('.'), code: 'nul_character', messageKey: 'validation.nul_character' });
        else visit(item, [...path, key]);
      }
    }
  };
  visit(data, prefix);
  return issues;
}

/**
 * JSON bodies decoded strictly: bytes that are not UTF-8 are refused (the default parser would store U+FFFD in their
 * place), then parsed as Fastify does, refusing __proto__ and constructor keys.
 */
export function registerStrictJson(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body as Buffer);
    } catch {
      done(new AppError('validation_failed', 'error.bad_encoding'), undefined);
      return;
    }
    // Any string of any body, whether its route reads the body or not: no NUL, no unpaired surrogate.
    parse(request, text, (error: Error | null, value?: unknown) => {
      if (error) return done(error, undefined);
      const unfit = textIssues(value, [], 'body');
      if (unfit.length) return done(invalid(unfit), undefined);
      done(null, value);
    });
  });
}

/** The router's own refusals (a malformed percent-encoding, a path parameter over its limit) as problem+json. */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (error, request, reply) => {
  const known = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new AppError('uri_too_long') : error.code === 'FST_ERR_BAD_URL' ? badUrl() : new AppError('validation_failed', 'error.bad_request');
  // No hook has run: the cookies are not parsed, so the language is the browser's.
  const problem = toProblem(known, pickLocale(request.headers['accept-language']), request as FastifyRequest);
  securityHeaders(request as FastifyRequest, reply as FastifyReply);
  return (reply as FastifyReply).status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
};

const reasons: Record<number, string> = { 400: 'Bad Request', 414: 'URI Too Long', 431: 'Request Header Fields Too Large' };

/**
 * What Node's HTTP parser refuses before any request exists (headers over 16 KB, a request line that is not HTTP):
 * answered as problem+json in Chinese, the default language, since there is no request to take a language from.
 * A request line over maxUrlLength is a 414, other oversized heads a 431.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  let known: AppError;
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    const packet = (error as { rawPacket?: unknown }).rawPacket;
    const head = Buffer.isBuffer(packet) ? packet.subarray(0, maxUrlLength + 100).toString('latin1') : '';
    const line = head.split('\r\n')[0] ?? '';
    known = line.length > maxUrlLength || !head.includes('\r\n') ? new AppError('uri_too_long') : new AppError('headers_too_large');
  } else known = new AppError('validation_failed', 'error.bad_request');
  const problem = toProblem(known, 'zh-CN');
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${reasons[problem.status] ?? 'Bad Request'}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}
