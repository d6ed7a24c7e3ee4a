import { sql, type RawBuilder } from 'kysely';

declare const scopeBrand: unique symbol;

/**
 * The part of the org tree a caller may read and write: an org's ltree path, meaning that org and everything
 * below it. Every store function takes one as a required argument, so a query that forgets the scope does not
 * compile; the brand means a Scope can only be made here, never from a bare string by accident.
 */
export interface Scope {
  readonly orgId: number;
  readonly path: string;
  readonly [scopeBrand]: true;
}

export function scopeOf(orgId: number, path: string): Scope {
  return { orgId, path } as Scope;
}

/** The whole tree, for the platform's own work (start-up, the command line run by the operator of the server). */
export const wholeTree: Scope = scopeOf(0, '');

/** True when `path` is the scope's org or lies below it. */
export function covers(scope: Scope, path: string): boolean {
  return scope.path === '' || path === scope.path || path.startsWith(`${scope.path}.`);
}

/**
 * The part of a scope below one of its orgs: the subtree a list reads, so that its SQL holds one scope predicate
 * (`path <@ org`) instead of two that the planner would take for independent and multiply. The org must have been
 * found in the scope; a path outside it is a mistake in the code.
 */
export function narrowTo(scope: Scope, orgId: number, path: string): Scope {
  if (!covers(scope, path)) throw new Error(`org ${path} lies outside the scope ${scope.path}`);
  return scopeOf(orgId, path);
}

/** `column <@ scope` as SQL: the row's path lies in the scope. */
export function inScope(column: string, scope: Scope): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} <@ ${scope.path}::ltree`;
}
