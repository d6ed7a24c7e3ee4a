import type { Probe } from '../core/checks.ts';

/**
 * How the walks aim the platform's own routes at a county corner (each module brings probes for its routes:
 * ModuleChecks.probes): the sibling-county walk (sibling-scope.test.ts) and the permission matrix (permissions.ts).
 */
export const coreProbes: Record<string, Probe> = {
  // An account of nobody's, one per corner: the login limit per address and username is not what this asks about.
  'POST /api/v1/session': { self: true, target: (o) => ({ body: { username: `nobody_${o.label}`, password: 'wrong-password-1' } }) },
  'DELETE /api/v1/session': { self: true, target: () => ({}) },
  'GET /api/v1/me': { self: true, target: () => ({}) },
  'POST /api/v1/me/password': { self: true, target: () => ({ body: { currentPassword: 'wrong', newPassword: 'another-password-9' } }) },
  'PUT /api/v1/me/locale': { self: true, target: () => ({ body: { locale: 'zh-CN' } }) },
  'GET /api/v1/users': { target: (o) => ({ query: { orgCode: o.countyCode } }) },
  'POST /api/v1/users': { target: (o) => ({ body: { username: `intruder_${o.label}`, displayName: 'x', orgCode: o.countyCode, role: 'viewer', password: 'intruder-password-1' } }) },
  'GET /api/v1/users/{userId}': { target: (o) => ({ params: { userId: o.users.viewer.id } }) },
  'PATCH /api/v1/users/{userId}': { target: (o) => ({ params: { userId: o.users.viewer.id }, body: { role: 'admin' } }) },
  'POST /api/v1/users/{userId}/password': { target: (o) => ({ params: { userId: o.users.admin.id }, body: { password: 'taken-over-password-1' } }) },
  'GET /api/v1/audit': { target: (o) => ({ query: { entity: 'user', entityId: String(o.users.viewer.id) } }) },
  'GET /api/v1/public/challenge': { self: true, target: () => ({}) },
  'GET /api/v1/queues': { target: () => ({}) },
  'GET /api/v1/jobs': { target: () => ({}) },
  'GET /api/v1/jobs/{jobId}': { target: (o) => ({ params: { jobId: o.jobId } }) },
  'POST /api/v1/jobs/{jobId}/cancel': { target: (o) => ({ params: { jobId: o.jobId } }) },
};
