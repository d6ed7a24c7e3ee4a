import { resolve } from 'node:path';

/** Everything the platform reads from its environment, with the defaults DESIGN.md fixes. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Set: a PostgreSQL server; unset: the embedded PGlite in dataDir/pg. */
  databaseUrl: string | undefined;
  /**
   * The same server's database as the role that owns the tables and runs the migrations; DATABASE_URL's role then
   * only serves, with the privileges granted after each migration (src/core/db/roles.ts). Unset: one role does both.
   */
  migrationDatabaseUrl: string | undefined;
  /** The data key (base64 or hex, 32 bytes); unset: dataDir/key, created on first run. */
  dataKey: string | undefined;
  adminPassword: string | undefined;
  logLevel: string;
  /** Sessions end after this long without a request. */
  sessionIdleMinutes: number;
  /** Failed logins in a row that lock an account, and for how long. */
  lockoutAttempts: number;
  lockoutMinutes: number;
  /** A running job whose server has not been heard from for this long is taken over and resumed. */
  jobStaleSeconds: number;
  /**
   * A request's SQL statement running longer than this is cut off (PostgreSQL's statement_timeout) and the request
   * answered 503 `query_timeout`; 0: no limit. Work outside requests (jobs, the command line) has none. PGlite cannot
   * interrupt a statement: the setting applies on a PostgreSQL server only.
   */
  statementTimeoutSeconds: number;
  /** The public pages' proof of work: leading zero bits of a SHA-256 (src/core/public/README.md). */
  publicChallengeBits: number;
  /** How long a challenge stays usable once issued. */
  publicChallengeSeconds: number;
  /** Days a members import's rejected-rows file (ID numbers in clear) is kept before it is deleted. */
  rejectedRowsDays: number;
  /**
   * Refusals an officer may receive in an hour for ID numbers of people kept outside their scope (a form's 409 or an
   * import's rejected rows): the rest of the hour their additions are refused whole (the members module's README).
   */
  knownElsewherePerHour: number;
  /**
   * Which proxies in front of the server to believe about the client (X-Forwarded-For, -Proto, -Host): false (none,
   * the default), true (any), a number of hops, or addresses and CIDR ranges. It decides the client's address (rate
   * limits), whether the request came over TLS (the Secure cookie flag, HSTS) and the origin that CSRF checks expect.
   */
  trustProxy: boolean | number | string[];
  /** Login attempts a minute from one address, whatever the usernames (password spraying). */
  loginRatePerAddress: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer(env.PORT, 3000),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: migrationUrl(env),
    dataKey: env.QIAOLIANG_KEY || undefined,
    adminPassword: env.QIAOLIANG_ADMIN_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    sessionIdleMinutes: integer(env.SESSION_IDLE_MINUTES, 8 * 60),
    lockoutAttempts: integer(env.LOCKOUT_ATTEMPTS, 5),
    lockoutMinutes: integer(env.LOCKOUT_MINUTES, 15),
    jobStaleSeconds: integer(env.JOB_STALE_SECONDS, 120),
    statementTimeoutSeconds: integer(env.STATEMENT_TIMEOUT_SECONDS, 15),
    publicChallengeBits: Math.min(integer(env.PUBLIC_CHALLENGE_BITS, 16), 32),
    publicChallengeSeconds: integer(env.PUBLIC_CHALLENGE_SECONDS, 300),
    rejectedRowsDays: integer(env.REJECTED_ROWS_DAYS, 7),
    knownElsewherePerHour: integer(env.KNOWN_ELSEWHERE_PER_HOUR, 30),
    trustProxy: trustProxy(env.TRUST_PROXY),
    loginRatePerAddress: integer(env.LOGIN_RATE_PER_ADDRESS, 30),
  };
}

/** TRUST_PROXY: unset, `false` or `0` (trust none); `true` (any); a number of hops; or `10.0.0.1,10.1.0.0/16`. */
export function trustProxy(value: string | undefined): boolean | number | string[] {
  const given = value?.trim() ?? '';
  if (given === '' || given === 'false' || given === '0') return false;
  if (given === 'true') return true;
  if (/^\d+$/.test(given)) return Number(given);
  const addresses = given.split(',').map((part) => part.trim()).filter(Boolean);
  const address = /^(?:[\d.]+|[\da-f:]+|loopback|linklocal|uniquelocal)(?:\/\d{1,3})?$/i;
  const wrong = addresses.find((part) => !address.test(part));
  if (wrong !== undefined) throw new Error(`TRUST_PROXY: not true, false, a number of hops or an address: ${wrong}`);
  return addresses;
}

function migrationUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.MIGRATION_DATABASE_URL) return undefined;
  if (!env.DATABASE_URL) throw new Error('MIGRATION_DATABASE_URL is set without DATABASE_URL: the owner role migrates a PostgreSQL server that DATABASE_URL serves');
  return env.MIGRATION_DATABASE_URL;
}

function integer(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`not a whole number: ${value}`);
  return parsed;
}
