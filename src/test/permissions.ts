import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../core/actor.ts';
import type { CountyCorner, Probe, ProbeTarget } from '../core/checks.ts';
import { describedRoutes } from './hostile.ts';
import { makeUser, type Client, type TestPlatform } from './platform.ts';
import { coreProbes } from './probes.ts';
import { makeCounty, moduleChecks } from './world.ts';

/**
 * Who may do what, as the running server answers it: every route the OpenAPI document describes, asked by each role
 * from three places relative to the records it is aimed at — the records' own county (own), the city above it
 * (ancestor) and another county of that city (sibling). The requests are the sibling-county walk's probes (each
 * module's checks), aimed at a county corner furnished for that caller alone; after a write that succeeds the corner's
 * records are made again, so that each row meets the records as they were made (a transfer accepted by one row is not
 * there to be rejected by the next). `npm run permissions` writes docs/permissions.md from it, and
 * src/test/permissions.test.ts fails when the committed file is not what the server answers now.
 */

export const roles: readonly Role[] = ['admin', 'operator', 'reviewer', 'viewer'];
export const positions = ['own', 'ancestor', 'sibling'] as const;
export type Position = (typeof positions)[number];

/** One county per caller (role × position), each with a sibling county of the same city to ask from. */
const places: { county: string; city: string; sibling: string }[] = [
  ...['220103', '220104', '220105', '220106', '220112', '220113', '220122', '220182', '220183', '220184'].map((county) => ({ county, city: '220100', sibling: '220102' })),
  ...['220203', '220204'].map((county) => ({ county, city: '220200', sibling: '220202' })),
];

export interface PermissionRow {
  key: string;
  summary: string;
  /** `${role}/${position}` → the cell: ✓, ∅, or the status of a refusal. */
  cells: Record<string, string>;
}

/** A 2xx is ✓, or ∅ when it is a list with nothing in it (the caller sees none of those records); else the status. */
function cellOf(response: LightMyRequestResponse): string {
  if (response.statusCode >= 200 && response.statusCode < 300) {
    if (String(response.headers['content-type']).startsWith('application/json')) {
      const body = response.json() as { items?: unknown[] };
      if (Array.isArray(body.items) && body.items.length === 0) return '∅';
    }
    return '✓';
  }
  return String(response.statusCode);
}

function urlOf(path: string, target: ProbeTarget): string {
  let url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = target.params?.[name];
    if (value === undefined) throw new Error(`the probe gives no value for the path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  if (target.query) url += `?${new URLSearchParams(target.query).toString()}`;
  return url;
}

function send(client: Client, method: string, url: string, target: ProbeTarget) {
  if (!target.file) return client.request(method, url, target.body);
  const boundary = 'qiaoliangmatrix';
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${target.file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${target.file.content}\r\n--${boundary}--\r\n`;
  return client.request(method, url, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

/** The corner's records made again in its county (its users and job kept), for the rows after a write that changed them. */
async function refurnish(test: TestPlatform, corner: CountyCorner, round: number): Promise<CountyCorner> {
  const fresh: CountyCorner = { ...corner, label: `${corner.label}r${round}`, records: {}, secrets: [] };
  for (const { checks } of await moduleChecks()) await checks.furnish?.(test.platform, fresh);
  return fresh;
}

export async function computePermissions(test: TestPlatform): Promise<PermissionRow[]> {
  const probes: Record<string, Probe> = Object.assign({ ...coreProbes }, ...(await moduleChecks()).map(({ checks }) => checks.probes ?? {}));
  const routes = describedRoutes(test.app);
  const missing = routes.filter((route) => !probes[route.key]).map((route) => route.key);
  if (missing.length) throw new Error(`no probe for ${missing.join(', ')}: add one to the module's checks.ts`);
  const rows: PermissionRow[] = routes.map((route) => ({ key: route.key, summary: (route.operation as { summary?: string }).summary ?? '', cells: {} }));
  let place = 0;
  for (const role of roles) {
    for (const position of positions) {
      const { county, city, sibling } = places[place++]!;
      let corner = await makeCounty(test, county, `matrix${place}`);
      const from = position === 'own' ? county : position === 'ancestor' ? city : sibling;
      const caller = await makeUser(test, from, role, `matrix${place}_${role}_${position}`);
      let client = await test.login(caller.username);
      let round = 0;
      for (const [index, route] of routes.entries()) {
        const target = probes[route.key]!.target(corner);
        const response = await send(client, route.method, urlOf(route.path, target), target);
        rows[index]!.cells[`${role}/${position}`] = cellOf(response);
        if (route.key === 'DELETE /api/v1/session') client = await test.login(caller.username);
        else if (route.method !== 'GET' && response.statusCode < 300) corner = await refurnish(test, corner, ++round);
      }
    }
  }
  return rows;
}

/** docs/permissions.md: the matrix, grouped by the first segment of each route's path, with how to read it. */
export function renderPermissions(rows: readonly PermissionRow[]): string {
  const columns = roles.flatMap((role) => positions.map((position) => `${role}/${position}`));
  const short: Record<Position, string> = { own: 'own', ancestor: 'anc', sibling: 'sib' };
  const lines = [
    '# Permissions',
    '',
    '<!-- Written by `npm run permissions` (scripts/permissions.ts) from what the server answers; src/test/permissions.test.ts fails when it is out of date. Do not edit by hand. -->',
    '',
    'Who may do what, as the server answers it. Each route described in the OpenAPI document is asked by each role',
    '(admin, operator, reviewer, viewer) from three places relative to the records it is aimed at, a county of',
    'Changchun or Jilin city and what the org module, the members module and the others make there:',
    '',
    '- **own** — from that county (its federation): the records are in the caller\'s scope;',
    '- **anc** — from the city above it: an ancestor of the records\' orgs;',
    '- **sib** — from another county of the same city: outside the caller\'s scope.',
    '',
    'The requests are the sibling-county walk\'s probes (each module\'s `checks.ts`). A cell is:',
    '',
    '| cell | meaning |',
    '|---|---|',
    '| ✓ | done, or shown (2xx) |',
    '| ∅ | answered with an empty list: none of those records is visible from there |',
    '| 403 | refused for the role |',
    '| 404 | not found: outside the caller\'s scope (a record out of scope is never told apart from none) |',
    '| 400 | refused for its input: an org or record named in the body that the caller cannot see, or a wrong password |',
    '| 401 | not logged in as asked (the login probe uses an unknown account) |',
    '| 409 | refused for the state of the record |',
    '',
    'Routes about the caller alone (`/session`, `/me`, the public challenge, a preview of a file) answer the same from',
    'everywhere. The plans are kept by the province\'s admins, who are not among these callers: from a county or a',
    'city they are read-only. Jobs are cancelled by whoever started them, or an admin.',
  ];
  const groups = new Map<string, PermissionRow[]>();
  for (const row of rows) {
    const group = row.key.split(' ')[1]!.split('/')[3] ?? '';
    groups.set(group, [...(groups.get(group) ?? []), row]);
  }
  for (const [group, groupRows] of groups) {
    lines.push('', `## /${group}`, '');
    lines.push(`| route | ${roles.map((role) => positions.map((position) => `${role} ${short[position]}`).join(' | ')).join(' | ')} |`);
    lines.push(`|---|${columns.map(() => ':-:').join('|')}|`);
    for (const row of groupRows) lines.push(`| \`${row.key.replace('/api/v1', '')}\` | ${columns.map((column) => row.cells[column] ?? '').join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
