import type { Actor } from '../../core/actor.ts';
import { definePolicy, everyone } from '../../core/policy.ts';

/**
 * Everyone reads the figures of their own subtree and the plan; the plan is the province's, so only the admins of
 * the province (or the platform's own operator) change it.
 */
export const statisticsPolicy = definePolicy({
  read: everyone,
  editPlan: ['admin'],
});

/** The province's own scope: its root (one label), or the whole tree of the platform itself. */
export const holdsProvince = (actor: Actor) => !actor.scope.path.includes('.');
