import type { QueueDeclaration } from '../../core/queues/queues.ts';
import { appealPolicy } from './policy.ts';
import type { AppealQueue } from './schema.ts';
import { filtersFor } from './service.ts';
import * as store from './store.ts';

/**
 * The case queues of the home page (README.md, "Work queues"), each counted in the caller's scope by the same filter
 * as the list it links to (`/appeals?queue=…`), so the count and the list never disagree.
 */
function queue(code: AppealQueue, roles: readonly Parameters<typeof appealPolicy.rolesFor>[0][]): QueueDeclaration {
  return {
    code,
    titleKey: `appeals.queue.${code}`,
    roles: [...new Set(roles.flatMap((action) => appealPolicy.rolesFor(action)))],
    href: `/appeals?queue=${code}`,
    count: async (actor, db, today) => {
      appealPolicy.assert(actor, 'read');
      return store.countAppeals(db, actor.scope, await filtersFor(actor, db, actor.scope, today, { queue: code }));
    },
  };
}

export const appealQueues: QueueDeclaration[] = [
  queue('mine', ['handle']),
  queue('new', ['accept']),
  queue('due_soon', ['handle']),
  // Overdue in the whole subtree: how the level above supervises, and what the handling org must clear first.
  queue('overdue', ['handle', 'supervise']),
  queue('review', ['review', 'decideAbove']),
];
