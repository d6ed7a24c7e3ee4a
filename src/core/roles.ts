/** The four roles of DESIGN.md; a file of its own so that pages can import it without the server's code. */
export const roles = ['admin', 'operator', 'reviewer', 'viewer'] as const;
export type Role = (typeof roles)[number];
