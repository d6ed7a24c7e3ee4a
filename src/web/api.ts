import type { z } from 'zod';
import type { Endpoint } from '../core/contract.ts';

/** The problem+json body of a failed call, already in the page's language (the server reads the locale cookie). */
export interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  messageKey: string;
  errors?: { path: string; code: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }
}

type Input<E> =
  E extends Endpoint<infer Params, infer Query, infer Body, z.ZodType>
    ? { params?: Partial<z.input<Params>>; query?: Partial<z.input<Query>>; body?: z.input<Body> }
    : never;

type Output<E> = E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer Response> ? z.output<Response> : never;

/**
 * The address of an endpoint with its parameters and query filled in: what `call` fetches, and what a download link
 * (an export, a rejected-rows file) points at. Empty query values are left out, as the server reads them absent.
 */
export function urlOf<E extends Endpoint>(endpoint: E, input: Pick<Input<E>, 'params' | 'query'> = {}): string {
  const params = (input.params ?? {}) as Record<string, unknown>;
  let url = '/api/v1' + endpoint.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')));
  const query = Object.entries((input.query ?? {}) as Record<string, unknown>).filter(([, value]) => value !== undefined && value !== null && value !== '');
  if (query.length) url += '?' + new URLSearchParams(query.map(([key, value]) => [key, String(value)])).toString();
  return url;
}

/** Listeners told when the server says the session is gone, so the shell can send the user to log in. */
const sessionListeners = new Set<() => void>();
export function onSessionLost(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/**
 * Calls an endpoint by its contract: the path, the types of what goes in and what comes back are the ones the
 * server validates with, so a page cannot send a field the server does not know. `headers` adds to the request's
 * (a public submission's X-Challenge and X-Challenge-Proof).
 */
export async function call<E extends Endpoint>(endpoint: E, input: Input<E> = {} as Input<E>, headers: Record<string, string> = {}): Promise<Output<E>> {
  const response = await fetch(urlOf(endpoint, input), {
    method: endpoint.method,
    credentials: 'same-origin',
    headers: { ...(input.body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: input.body !== undefined ? JSON.stringify(input.body) : null,
  });
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = data as Problem;
    if (response.status === 401 && endpoint.path !== '/session') for (const listener of sessionListeners) listener();
    throw new ApiError(problem);
  }
  return data as Output<E>;
}
