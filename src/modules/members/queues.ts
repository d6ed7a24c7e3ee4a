import dayjs from 'dayjs';
import { countJobs } from '../../core/jobs/service.ts';
import type { QueueDeclaration } from '../../core/queues/queues.ts';
import { importJobKind } from './import-columns.ts';
import { memberPolicy } from './policy.ts';
import * as store from './store.ts';

/** Days an import with rejected rows stays in the queue: long enough to correct the rows and import them again. */
const recentImportDays = 30;

export const memberQueues: QueueDeclaration[] = [
  {
    // Transfers into the scope wait for the destination's decision; a county sees its unions' (supervision).
    code: 'transfers_incoming',
    titleKey: 'members.queue.transfers_incoming',
    roles: memberPolicy.rolesFor('decideTransfer'),
    href: '/transfers?direction=incoming&status=pending',
    count: (actor, db) => store.countPendingIncoming(db, actor.scope),
  },
  {
    code: 'imports_rejected',
    titleKey: 'members.queue.imports_rejected',
    roles: memberPolicy.rolesFor('create'),
    href: '/members/import?recent=rejected',
    count: (actor, db, today) =>
      countJobs(actor, db, { kind: importJobKind, status: 'succeeded', finishedSince: dayjs(today).subtract(recentImportDays, 'day').format('YYYY-MM-DD'), resultPositive: 'rejected' }),
  },
];
