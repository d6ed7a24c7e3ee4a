import type { Actor, Role } from './actor.ts';
import { forbidden } from './errors.ts';

/**
 * A module's policy is a table: action → the roles that may do it. Being allowed an action is half the check;
 * the record must also lie in the actor's scope, which the stores enforce in their SQL.
 */
export type PolicyTable<Action extends string> = Record<Action, readonly Role[]>;

export function definePolicy<Action extends string>(table: PolicyTable<Action>) {
  const can = (actor: Actor, action: Action): boolean => table[action].includes(actor.role);
  return {
    can,
    assert(actor: Actor, action: Action): void {
      if (!can(actor, action)) throw forbidden();
    },
    /** What the actor may do with a record, sent with it so pages show only possible actions. */
    abilities<A extends Action>(actor: Actor, actions: readonly A[]): Record<A, boolean> {
      return Object.fromEntries(actions.map((action) => [action, can(actor, action)])) as Record<A, boolean>;
    },
  };
}

export const everyone: readonly Role[] = ['admin', 'operator', 'reviewer', 'viewer'];
