import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/tables.ts';
import type { PublicSecrets } from './secrets.ts';

/**
 * Tracking codes: what a worker with no account is given, once, when they submit an item, and types in later to
 * follow it. 20 characters of Crockford's base 32 (100 random bits; no I, L, O or U, so nothing is misread), shown
 * as XXXX-XXXX-XXXX-XXXX-XXXX. The first 8 are the selector that finds the row, the whole code is the proof. The
 * table keeps only keyed hashes (HMAC-SHA-256, a key derived from the data key) of both: a copy of it, or of a
 * backup, opens nothing, and the proof is compared in constant time.
 */

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const codeLength = 20;
const selectorLength = 8;

export interface TrackedItem {
  /** `<module>.<what>` (appeals.case). */
  entity: string;
  itemId: string;
  /** The item's org. */
  orgPath: string;
}

function hash(secrets: PublicSecrets, purpose: 'selector' | 'code', text: string): Buffer {
  return createHmac('sha256', secrets.trackingKey).update(`${purpose}\0${text}`).digest();
}

/** A new code, unformatted: 32 letters and 256 byte values, so `byte & 31` draws each letter evenly. */
function newCode(): string {
  return Array.from(randomBytes(codeLength), (byte) => alphabet[byte & 31]).join('');
}

export function formatTrackingCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** What a person typed, as the code: case, spaces and dashes do not matter, and O, I and L read as 0, 1 and 1. */
export function normaliseTrackingCode(text: string): string | undefined {
  const code = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return code.length === codeLength && [...code].every((ch) => alphabet.includes(ch)) ? code : undefined;
}

/**
 * Gives an item its tracking code, replacing any earlier one, in the caller's transaction (the item's insert):
 * the answer, formatted, is to be shown to the submitter once and is kept nowhere.
 */
export async function issueTrackingCode(tx: Db, secrets: PublicSecrets, item: TrackedItem): Promise<string> {
  const code = newCode();
  const row = {
    selector_hash: hash(secrets, 'selector', code.slice(0, selectorLength)),
    verifier_hash: hash(secrets, 'code', code),
    entity: item.entity,
    item_id: item.itemId,
    org_path: item.orgPath,
  };
  await tx
    .insertInto('tracking_codes')
    .values(row)
    .onConflict((conflict) => conflict.columns(['entity', 'item_id']).doUpdateSet({ selector_hash: row.selector_hash, verifier_hash: row.verifier_hash, org_path: row.org_path, created_at: new Date() }))
    .execute();
  return formatTrackingCode(code);
}

/** The item a code opens, if it is of this entity; undefined for a code that opens nothing (or another kind of item). */
export async function findTrackedItem(db: Db, secrets: PublicSecrets, entity: string, text: string): Promise<TrackedItem | undefined> {
  const code = normaliseTrackingCode(text);
  if (!code) return undefined;
  const row = await db.selectFrom('tracking_codes').selectAll().where('selector_hash', '=', hash(secrets, 'selector', code.slice(0, selectorLength))).executeTakeFirst();
  const expected = hash(secrets, 'code', code);
  if (!row || !timingSafeEqual(row.verifier_hash, expected) || row.entity !== entity) return undefined;
  return { entity: row.entity, itemId: row.item_id, orgPath: row.org_path };
}

/** Ends an item's code (the item is closed, or its submitter lost the code and a new one is issued by staff). */
export async function revokeTrackingCode(tx: Db, entity: string, itemId: string): Promise<void> {
  await tx.deleteFrom('tracking_codes').where('entity', '=', entity).where('item_id', '=', itemId).execute();
}
