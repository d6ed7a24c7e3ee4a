import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ServerDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A new, empty database on the PostgreSQL server at DATABASE_URL, for tests whose subject opens the database by
 * itself (a spawned command line) and so cannot be handed one: the URL to give it, and a drop for afterwards.
 * Undefined without DATABASE_URL: such tests then use PGlite in a data directory of their own.
 */
export async function createServerDatabase(serverUrl = process.env.DATABASE_URL): Promise<ServerDatabase | undefined> {
  if (!serverUrl) return undefined;
  const name = `qiaoliang_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
