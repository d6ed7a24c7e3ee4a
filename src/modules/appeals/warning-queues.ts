import type { QueueDeclaration } from '../../core/queues/queues.ts';
import { warningPolicy } from './policy.ts';
import { countWarnings } from './warning-store.ts';

/**
 * Warnings not yet acknowledged: the county of the place and every org above it (the city, the province) see them
 * the moment the appeal that raised them is stored, since the count is read from the records when asked.
 */
export const warningQueues: QueueDeclaration[] = [
  {
    code: 'warnings_open',
    titleKey: 'appeals.queue.warnings_open',
    roles: warningPolicy.rolesFor('acknowledge'),
    href: '/appeals/warnings?status=open',
    count: (actor, db) => countWarnings(db, actor.scope, { status: 'open' }),
  },
];
