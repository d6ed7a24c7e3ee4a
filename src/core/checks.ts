import type { RawBuilder } from 'kysely';
import type { Db } from './db/tables.ts';
import type { PlatformContext } from './http/context.ts';
import type { Role } from './roles.ts';

/**
 * What a module brings to the platform's own tests (ModuleManifest.checks, loaded only by tests): the walks over
 * every route (two sibling counties, bad input), the indicator engine's cross-check and the generator's digest find
 * each module's part here, so a new module joins them without an edit outside its folder.
 */
export interface ModuleChecks {
  /** Makes the module's records in one county's corner of the province, after the modules before it in the registry. */
  furnish?: (platform: PlatformContext, corner: CountyCorner) => Promise<void>;
  /** How the sibling-county walk aims each of the module's routes (`METHOD /api/v1/path`) at the other county. */
  probes?: Record<string, Probe>;
  /** Values of the module's path parameters naming the caller's own records, for the bad-input walk. */
  ownTargets?: (corner: CountyCorner) => Record<string, string | number>;
  /** The module's indicators counted straight from the records, for an org's subtree at the end of a year. */
  recount?: (db: Db, orgId: number, year: number) => Promise<Record<string, number | null>>;
  /**
   * The content of the module's generated tables, row by row without surrogate ids, ciphertext or timestamps (which a
   * resumed run may give other values): one `(part, digest)` row per table.
   */
  contentDigest?: () => RawBuilder<{ part: string; digest: string }>;
}

/** One county's corner of the province, as the walks use it: its users, and what each module made there. */
export interface CountyCorner {
  countyCode: string;
  /** A latin word naming the corner (nanguan), for usernames. */
  label: string;
  users: Record<Role, { id: number; username: string }>;
  jobId: number;
  /** Records by name (township, union, member …); a module reads the ones made before it. */
  records: Record<string, CornerRecord>;
  /** What would betray this corner to a caller from another county: names, codes, ID numbers, phones. */
  secrets: string[];
}

export interface CornerRecord {
  id: number;
  code?: string;
  name?: string;
  path?: string;
}

export interface ProbeTarget {
  params?: Record<string, string | number>;
  query?: Record<string, string>;
  body?: unknown;
  /** For an upload route: the file the walk sends as multipart/form-data (field `file`), instead of a JSON body. */
  file?: { name: string; content: string };
}

export interface Probe {
  /** Path parameters, query and body aimed at the other county's records. */
  target: (other: CountyCorner) => ProbeTarget;
  /** A route about the caller only (own session, own password): it must still leak nothing. */
  self?: boolean;
}

/** A record of the corner by name, or a clear failure naming what the module expected to find there. */
export function recordOf(corner: CountyCorner, name: string): CornerRecord {
  const record = corner.records[name];
  if (!record) throw new Error(`the county corner ${corner.label} has no ${name}: a module before this one should make it`);
  return record;
}
