import { notFound } from '../errors.ts';
import type { Locale } from '../i18n/catalogue.ts';

/**
 * Who acts on a public page: a worker with no account. Either an anonymous `submitter` (appeals, student aid and
 * proposals are sent in by people the platform has never seen) or the `holder` of the tracking code of exactly one
 * item, who may follow that item and nothing else.
 *
 * A public actor is not an Actor: it has no scope of the org tree and its role is `public`, which no staff policy
 * lists, so a staff service (`(actor: Actor, …)`) does not compile with one and a policy grants it only what names
 * it (`submitter`, `holder`: src/core/policy.ts). README.md in this folder has the whole design.
 */
export interface PublicActor {
  readonly role: 'public';
  /** Nobody's account: the audit's actor_id stays empty. */
  readonly userId: null;
  /** How the audit names it: `public`, or `public:appeals.case#12` for a code holder. */
  readonly username: string;
  readonly subject: PublicSubject;
  readonly locale: Locale;
  readonly requestId?: string;
}

export type PublicSubject =
  | { readonly kind: 'submitter' }
  | {
      readonly kind: 'holder';
      /** `<module>.<what>`, as in the audit (appeals.case). */
      readonly entity: string;
      readonly itemId: string;
      /** The item's org: the holder's acts are audited there. */
      readonly orgPath: string;
    };

export type PublicGrant = PublicSubject['kind'];

export function submitterActor(locale: Locale, requestId?: string): PublicActor {
  return { role: 'public', userId: null, username: 'public', subject: { kind: 'submitter' }, locale, ...(requestId ? { requestId } : {}) };
}

export function holderActor(item: { entity: string; itemId: string; orgPath: string }, locale: Locale, requestId?: string): PublicActor {
  return {
    role: 'public',
    userId: null,
    username: `public:${item.entity}#${item.itemId}`,
    subject: { kind: 'holder', entity: item.entity, itemId: item.itemId, orgPath: item.orgPath },
    locale,
    ...(requestId ? { requestId } : {}),
  };
}

/** True for a public actor, whatever the other side of the union (an Actor) is. */
export function isPublic(actor: { role: string }): actor is PublicActor {
  return actor.role === 'public';
}

/**
 * The id of the one item a holder may act on, for an entity; anyone else gets "not found", never "forbidden",
 * which would confirm that the item exists.
 */
export function heldItem(actor: PublicActor, entity: string): { itemId: string; orgPath: string } {
  const subject = actor.subject;
  if (subject.kind !== 'holder' || subject.entity !== entity) throw notFound('public.tracking_not_found');
  return { itemId: subject.itemId, orgPath: subject.orgPath };
}

/** Refuses, as "not found", any item but the one whose tracking code the actor holds. */
export function assertHolds(actor: PublicActor, entity: string, itemId: string | number): void {
  if (heldItem(actor, entity).itemId !== String(itemId)) throw notFound('public.tracking_not_found');
}
