import type { Actor } from '../actor.ts';
import type { Db } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { translate } from '../i18n/catalogue.ts';
import type { Role } from '../roles.ts';
import type { QueueItem } from './schema.ts';

/**
 * A work queue a module declares: what waits for someone today (transfers to decide, imports to correct, appeals
 * overdue). Counted from the records when asked, in the asker's scope, never by a scheduled job; a level above sees
 * its whole subtree's items, which is how it supervises.
 */
export interface QueueDeclaration {
  /** Unique within the module (`transfers_incoming`). */
  code: string;
  /** Message key of its title (`members.queue.transfers_incoming`). */
  titleKey: string;
  /** The roles it is meant for; everyone when absent. */
  roles?: readonly Role[];
  /** The page that lists its items, with the same filter (`/transfers?direction=incoming&status=pending`). */
  href: string;
  /** Its items in the actor's scope as of `today` (YYYY-MM-DD). */
  count: (actor: Actor, db: Db, today: string) => Promise<number>;
}

/** The queues of every module for one actor, counted now, in the module order of the registry. */
export async function countQueues(actor: Actor, db: Db, modules: readonly { id: string; queues?: readonly QueueDeclaration[] }[], today: string): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  for (const module of modules) {
    for (const queue of module.queues ?? []) {
      if (queue.roles && !queue.roles.includes(actor.role)) continue;
      try {
        const count = await queue.count(actor, db, today);
        items.push({ module: module.id, code: queue.code, title: translate(actor.locale, queue.titleKey), count, href: queue.href });
      } catch (error) {
        // A queue whose list the actor may not read is not theirs: left out, like a page they cannot open.
        if (error instanceof AppError && error.code === 'forbidden') continue;
        throw error;
      }
    }
  }
  return items;
}
