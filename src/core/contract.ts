import type { z } from 'zod';

/**
 * One endpoint's contract: method, path and Zod schemas, written once in a module's schema.ts. The server
 * registers its route from it (src/core/http/route.ts) and the pages call it through the typed client
 * (src/web/api.ts), so the two can never disagree about a field.
 */
export interface Endpoint<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Below /api/v1, with `:name` parameters. */
  path: string;
  summary: string;
  tags: string[];
  params?: Params;
  query?: Query;
  body?: Body;
  response: Response;
  /** 201 for creations, 202 for work queued as a job; 200 otherwise. */
  status?: 200 | 201 | 202;
}

export function endpoint<Params extends z.ZodType, Query extends z.ZodType, Body extends z.ZodType, Response extends z.ZodType>(
  contract: Endpoint<Params, Query, Body, Response>,
): Endpoint<Params, Query, Body, Response> {
  return contract;
}

export type ParamsOf<E> = E extends Endpoint<infer P, z.ZodType, z.ZodType, z.ZodType> ? z.input<P> : never;
export type QueryOf<E> = E extends Endpoint<z.ZodType, infer Q, z.ZodType, z.ZodType> ? z.input<Q> : never;
export type BodyOf<E> = E extends Endpoint<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.input<B> : never;
export type ResponseOf<E> = E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.output<R> : never;
