import { sql } from 'kysely';
import type { Actor } from '../actor.ts';
import type { AuditEvent, Db } from '../db/tables.ts';
import { maskBirthDate, maskIdNumber, maskPhone } from '../personal-data.ts';
import { inScope, type Scope } from '../scope.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number;
  /** The path of the org the record belongs to, so the event is visible in that org's scope and above. */
  orgPath: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Who the event names: a signed-in actor, the platform itself, or a public actor (src/core/public/actor.ts). */
export type AuditActor = Pick<Actor, 'userId' | 'username' | 'requestId'>;

/**
 * Appends one event. Call it with the transaction of the change, never after it: a change that rolls back
 * leaves no event, and an event never outlives its change.
 */
export async function appendAudit(tx: Db, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_events')
    .values({
      actor_id: actor.userId,
      actor_name: actor.username,
      action: entry.action,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      org_path: entry.orgPath,
      before: entry.before ? JSON.stringify(scrub(entry.before)) : null,
      after: entry.after ? JSON.stringify(scrub(entry.after)) : null,
      request_id: actor.requestId ?? null,
    })
    .execute();
}

const secret = /password|token|hash|secret/i;
const idNumber = /id_?number/i;
const phone = /phone|mobile/i;
const birthDate = /birth_?date/i;

/**
 * A safety net under every audit row: secrets are dropped and personal data masked, whatever the caller passed. It runs
 * again when an event is shown, so rows written under an older, weaker mask (region + last four beside a birth date)
 * are shown as today's rule masks them; the table itself is append-only.
 */
export function scrub(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (secret.test(key)) continue;
    if (typeof field === 'string' && idNumber.test(key)) out[key] = maskIdNumber(field);
    else if (typeof field === 'string' && phone.test(key)) out[key] = maskPhone(field);
    else if (typeof field === 'string' && birthDate.test(key)) out[key] = maskBirthDate(field);
    else if (field && typeof field === 'object' && !Array.isArray(field) && !(field instanceof Date)) out[key] = scrub(field as Record<string, unknown>);
    else out[key] = field;
  }
  return out;
}

/** How many events an actor caused with one action since a moment: a limit counted from the trail itself. */
export async function countAuditEvents(db: Db, filter: { actorId: number; action: string; since: Date }): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('at', '>=', filter.since)
    .where('actor_id', '=', filter.actorId)
    .where('action', '=', filter.action)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  actorId?: number | undefined;
  since?: string | undefined;
  limit: number;
  /** Events with an id below this one: the next page. */
  before?: number | undefined;
}

export async function listAudit(db: Db, scope: Scope, filter: AuditFilter): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll().where(inScope('org_path', scope));
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.since) query = query.where('at', '>=', sql<Date>`${filter.since}::timestamptz`);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}

const shown = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? scrub(value as Record<string, unknown>) : value);

/** An event as the API and the command line show it. */
export function presentAuditEvent(row: AuditEvent) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorName: row.actor_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: shown(row.before),
    after: shown(row.after),
  };
}
