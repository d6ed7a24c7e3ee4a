import { AsyncLocalStorage } from 'node:async_hooks';
import { connect } from 'node:net';
import type pg from 'pg';

/**
 * A request's queries end with the request (docs/decisions.md, "A request's queries end with it"). The HTTP layer
 * opens a scope for each request (src/core/http/server.ts) and runs the request inside it; every connection the
 * request takes from the pool then
 *   - runs with the request's statement timeout (`SET statement_timeout`, sent only when the connection's differs:
 *     work outside requests — jobs, the command line — runs with none), so a slow query is cut off and answered as
 *     a 503 problem that says so (src/core/http/problem.ts);
 *   - is cancelled when the client goes away before the answer is sent: a CancelRequest for its backend (as
 *     pg_cancel_backend does, without taking a connection from a pool that may be full), and the connection is
 *     closed instead of going back to the pool, so a cancel arriving late can never stop another request's query;
 *   - is not taken at all once the client has gone (a request still waiting for a connection gives up).
 * PGlite runs in this process, one query at a time, and has neither timers nor a second backend: there a query runs
 * to its end, and only the requests still waiting for the connection give up.
 */
export interface QueryScope {
  /** Aborted when the client went away before the answer was sent. */
  readonly signal: AbortSignal;
  /** statement_timeout of the scope's queries, in milliseconds; 0: none. */
  readonly statementTimeoutMs: number;
  /** The client is gone: cancel what runs, start nothing more. */
  abandon(): void;
}

interface OpenScope extends QueryScope {
  readonly held: Set<pg.PoolClient>;
}

const scopes = new AsyncLocalStorage<OpenScope>();

export function openQueryScope(statementTimeoutMs: number): QueryScope {
  const controller = new AbortController();
  const held = new Set<pg.PoolClient>();
  const scope: OpenScope = {
    signal: controller.signal,
    statementTimeoutMs: Number.isFinite(statementTimeoutMs) && statementTimeoutMs > 0 ? Math.floor(statementTimeoutMs) : 0,
    held,
    abandon() {
      if (controller.signal.aborted) return;
      controller.abort();
      for (const client of held) cancelQuery(client);
    },
  };
  return scope;
}

/** Runs `work` (and everything it starts) inside the scope. */
export function runInQueryScope<T>(scope: QueryScope, work: () => T): T {
  return scopes.run(scope as OpenScope, work);
}

/** The scope of the request being served here, if any. */
export function currentQueryScope(): QueryScope | undefined {
  return scopes.getStore();
}

/** Thrown instead of taking a connection for a request whose client has gone. */
export class ClientGone extends Error {
  constructor() {
    super('the client went away before the answer');
    this.name = 'ClientGone';
  }
}

/** What a connection is set to now; a new one has the server's default (none). */
const timeouts = new WeakMap<pg.PoolClient, number>();
/** Connections a cancel was sent for: closed when released, never reused. */
const cancelled = new WeakSet<pg.PoolClient>();

/**
 * The pool as Kysely takes it, with each connection bound to the scope it is taken in. `server`: false on PGlite,
 * which has no statement timeout and no backend to cancel.
 */
export function scopedPool(pool: pg.Pool, server: boolean): { connect(): Promise<pg.PoolClient>; end(): Promise<void> } {
  return {
    async connect() {
      const scope = scopes.getStore();
      if (scope?.signal.aborted) throw new ClientGone();
      const client = await liveClient(pool);
      if (scope?.signal.aborted) {
        client.release();
        throw new ClientGone();
      }
      if (server) {
        const wanted = scope?.statementTimeoutMs ?? 0;
        if ((timeouts.get(client) ?? 0) !== wanted) {
          try {
            await client.query(`SET statement_timeout = ${wanted}`);
          } catch (error) {
            client.release(true);
            throw error;
          }
          timeouts.set(client, wanted);
        }
      }
      if (scope) {
        scope.held.add(client);
        const release = client.release.bind(client);
        client.release = (destroy?: boolean | Error) => {
          scope.held.delete(client);
          return release(destroy || cancelled.has(client));
        };
      }
      return client;
    },
    end: () => pool.end(),
  };
}

const heeded = new WeakSet<pg.PoolClient>();

/**
 * Counts the connection losses seen (a taken or idle client ended by the server). A client made or last checked
 * before the latest loss may be dead without knowing it yet: its socket's end can still be queued behind the error of
 * another connection, and the pool would hand it to the next request, which would answer 503 although the server is
 * back (the restart test saw this under load). Such a client is probed once with a `SELECT 1` before it is handed
 * out; a dead one is dropped and another taken. With no loss seen, nothing is probed.
 */
let losses = 0;
const checkedAt = new WeakMap<pg.PoolClient, number>();
const watched = new WeakSet<pg.Pool>();

async function liveClient(pool: pg.Pool): Promise<pg.PoolClient> {
  if (!watched.has(pool)) {
    watched.add(pool);
    pool.on('error', () => void losses++);
  }
  // Bounded: every client the pool holds could be one the loss ended, and then one more, new, is taken.
  for (let attempt = 0; ; attempt++) {
    const client = await pool.connect();
    const fresh = !heeded.has(client);
    heedLoss(client);
    if (fresh) checkedAt.set(client, losses);
    if ((checkedAt.get(client) ?? losses) >= losses) return client;
    try {
      await client.query('SELECT 1');
      checkedAt.set(client, losses);
      return client;
    } catch (error) {
      client.release(true);
      if (!lostConnection(error) || attempt >= (pool.options.max ?? 10)) throw error;
    }
  }
}

const lostConnectionCodes = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * The database went away under a query (docs/reliability.md, "Restart"): a server shutting down or restarting ends
 * its connections (57P01-57P03), an administrator ends them (pg_terminate_backend: 57P01), a connection breaks
 * (SQLSTATE class 08, or node-postgres's own "Connection terminated" without a code), or no connection can be made
 * (refused, reset, unreachable).
 */
export function lostConnection(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') return lostConnectionCodes.has(code) || code.startsWith('08');
  const message = error instanceof Error ? error.message : '';
  return /^Connection terminated|^Client has encountered a connection error and is not queryable/.test(message);
}

/**
 * A connection the server ends while it is taken from the pool (a restart, pg_terminate_backend) fails its query, and
 * node-postgres then also emits 'error' on the client. The pool listens only to the clients it holds idle: on a taken
 * one the event had no listener and ended the whole process (docs/reliability.md, "Restart"). The query's own error
 * is what the request answers with (a 503); the pool drops the dead client on release.
 */
function heedLoss(client: pg.PoolClient): void {
  if (heeded.has(client)) return;
  heeded.add(client);
  client.on('error', () => void losses++);
}

/** What node-postgres keeps of a connection, and uses itself for its own cancel. */
interface Backend {
  activeQuery?: unknown;
  host?: string;
  port?: number;
  processID?: number | null;
  secretKey?: number | null;
}

/** Sends the server a CancelRequest for the connection's backend, if a query of it runs; the connection is then closed on release. */
function cancelQuery(client: pg.PoolClient): void {
  const backend = client as unknown as Backend;
  if (!backend.activeQuery || !backend.processID || backend.secretKey === null || backend.secretKey === undefined) return;
  cancelled.add(client);
  const message = Buffer.alloc(16);
  message.writeInt32BE(16, 0);
  message.writeInt32BE(80877102, 4); // the CancelRequest code of the protocol
  message.writeInt32BE(backend.processID, 8);
  message.writeInt32BE(backend.secretKey, 12);
  const host = backend.host ?? 'localhost';
  const port = backend.port ?? 5432;
  const socket = host.startsWith('/') ? connect(`${host}/.s.PGSQL.${port}`) : connect(port, host);
  // Nothing more to do if it fails: the query then ends by its statement timeout.
  socket.on('error', () => socket.destroy());
  socket.setTimeout(5000, () => socket.destroy());
  socket.on('connect', () => socket.end(message));
}
