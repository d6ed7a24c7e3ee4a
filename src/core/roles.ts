/** The four roles of DESIGN.md; a file of its own so that pages can import it without the server's code. */
export const roles = ['admin', 'operator', 'reviewer', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Reviewers and operators stand side by side, above viewers and below admins. */
const rank: Record<Role, number> = { viewer: 0, reviewer: 1, operator: 1, admin: 2 };

/** Nobody grants a role above their own: the server refuses it, and the pages offer only these. */
export function mayGrant(granter: Role, role: Role): boolean {
  return rank[role] <= rank[granter];
}
