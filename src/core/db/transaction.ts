import type { Db, Tx } from './tables.ts';

/**
 * Runs work in a transaction: a new one, or the caller's if `db` already is one. Services use this, so a
 * caller can pass its own transaction down and make writes of several services (or modules) one atomic change.
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Tx);
  return db.transaction().execute(work);
}
