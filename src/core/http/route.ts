import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Endpoint } from '../contract.ts';

/** A request as a route handler sees it: params, query and body already parsed by the endpoint's schemas. */
export type RouteRequest<E> =
  E extends Endpoint<infer Params, infer Query, infer Body, z.ZodType>
    ? Omit<FastifyRequest, 'params' | 'query' | 'body'> & { params: z.output<Params>; query: z.output<Query>; body: z.output<Body> }
    : never;

type ResponseInput<E> = E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer Response> ? z.input<Response> : never;

/** Registers a route from its contract: validation, the OpenAPI description and the response shape all come from it. */
export function route<E extends Endpoint>(
  app: FastifyInstance,
  contract: E,
  handler: (request: RouteRequest<E>, reply: FastifyReply) => Promise<ResponseInput<E>>,
  config: FastifyContextConfig = {},
): void {
  const status = contract.status ?? 200;
  app.route({
    method: contract.method,
    url: contract.path,
    config,
    schema: {
      tags: contract.tags,
      summary: contract.summary,
      ...(contract.params ? { params: contract.params } : {}),
      ...(contract.query ? { querystring: contract.query } : {}),
      ...(contract.body ? { body: contract.body } : {}),
      response: { [status]: contract.response },
    },
    handler: async (request, reply) => {
      reply.status(status);
      return handler(request as unknown as RouteRequest<E>, reply);
    },
  });
}
