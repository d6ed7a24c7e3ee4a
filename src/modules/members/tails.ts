import type { SeedContext } from '../../core/module.ts';
import { idNumberTailHash } from './id-number.ts';
import * as store from './store.ts';

/** Rows decrypted and hashed per statement: a province's 5 million in a few hundred round trips. */
const batch = 5000;

/**
 * Fills the tail hash of workers stored before members migration 0006 added it: SQL cannot, the key never leaves
 * the server. Runs at every start and reads one empty batch once everything is filled; each batch commits alone, so
 * a start stopped halfway goes on where it was.
 */
export async function fillIdNumberTails({ db, cipher, log }: SeedContext): Promise<void> {
  if (!cipher) return;
  let filled = 0;
  for (let after = 0; ; ) {
    const rows = await store.workersWithoutTail(db, after, batch);
    if (rows.length === 0) break;
    await store.setIdNumberTails(db, rows.map((row) => row.id), rows.map((row) => idNumberTailHash(cipher, cipher.decrypt(row.id_number_cipher))));
    filled += rows.length;
    after = Number(rows[rows.length - 1]!.id);
  }
  if (filled > 0) log(`members: the last six characters of ${filled} ID numbers hashed for the search within a union`);
}
