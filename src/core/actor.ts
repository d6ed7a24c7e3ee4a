import type { Locale } from './i18n/catalogue.ts';
import type { Role } from './roles.ts';
import { wholeTree, type Scope } from './scope.ts';

export { roles, type Role } from './roles.ts';

/** Who is acting: every service function takes this first, and its scope bounds everything it touches. */
export interface Actor {
  /** null for the platform itself (start-up, the operator's command line). */
  userId: number | null;
  username: string;
  role: Role;
  orgId: number;
  scope: Scope;
  locale: Locale;
  requestId?: string;
  /** The session the request came with (src/core/auth/store.ts sessionIdOf): what "the user's other sessions" exclude. */
  session?: string;
}

/** The server's own operator at the command line or at start-up: the whole tree, as an admin. */
export function systemActor(name = 'system'): Actor {
  return { userId: null, username: name, role: 'admin', orgId: 0, scope: wholeTree, locale: 'zh-CN' };
}
