import { resolve } from 'node:path';

/** Everything the platform reads from its environment, with the defaults DESIGN.md fixes. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Set: a PostgreSQL server; unset: the embedded PGlite in dataDir/pg. */
  databaseUrl: string | undefined;
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
  /** The public pages' proof of work: leading zero bits of a SHA-256 (src/core/public/README.md). */
  publicChallengeBits: number;
  /** How long a challenge stays usable once issued. */
  publicChallengeSeconds: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer(env.PORT, 3000),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    dataKey: env.QIAOLIANG_KEY || undefined,
    adminPassword: env.QIAOLIANG_ADMIN_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    sessionIdleMinutes: integer(env.SESSION_IDLE_MINUTES, 8 * 60),
    lockoutAttempts: integer(env.LOCKOUT_ATTEMPTS, 5),
    lockoutMinutes: integer(env.LOCKOUT_MINUTES, 15),
    jobStaleSeconds: integer(env.JOB_STALE_SECONDS, 120),
    publicChallengeBits: Math.min(integer(env.PUBLIC_CHALLENGE_BITS, 16), 32),
    publicChallengeSeconds: integer(env.PUBLIC_CHALLENGE_SECONDS, 300),
  };
}

function integer(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`not a whole number: ${value}`);
  return parsed;
}
