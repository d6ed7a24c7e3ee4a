import type { Actor, Role } from './actor.ts';
import { forbidden } from './errors.ts';
import type { PublicActor, PublicGrant } from './public/actor.ts';

/**
 * A module's policy is a table: action → who may do it. Being allowed an action is half the check; the record
 * must also lie in the actor's scope, which the stores enforce in their SQL.
 *
 * Who is a staff role (`admin`, `operator`, `reviewer`, `viewer`) or, for the few actions of the public pages, a
 * public grant: `submitter` (anyone, with no account) or `holder` (whoever holds the item's tracking code; the
 * service still checks it is this item: assertHolds in src/core/public/actor.ts). A public actor's role is
 * `public`, which is no staff role, so it is allowed only what names a public grant: never a staff ability.
 */
export type Grantee = Role | PublicGrant;
export type PolicyTable<Action extends string> = Record<Action, readonly Grantee[]>;

export function definePolicy<Action extends string>(table: PolicyTable<Action>) {
  const can = (actor: Actor | PublicActor, action: Action): boolean =>
    actor.role === 'public' ? table[action].includes(actor.subject.kind) : table[action].includes(actor.role);
  return {
    can,
    assert(actor: Actor | PublicActor, action: Action): void {
      if (!can(actor, action)) throw forbidden();
    },
    /** The staff roles allowed an action (a work queue is shown to them). */
    rolesFor(action: Action): Role[] {
      return table[action].filter((grantee): grantee is Role => (everyone as readonly string[]).includes(grantee));
    },
    /** What the actor may do with a record, sent with it so pages show only possible actions. */
    abilities<A extends Action>(actor: Actor | PublicActor, actions: readonly A[]): Record<A, boolean> {
      return Object.fromEntries(actions.map((action) => [action, can(actor, action)])) as Record<A, boolean>;
    },
  };
}

/** Every staff role; no public actor. */
export const everyone: readonly Role[] = ['admin', 'operator', 'reviewer', 'viewer'];
