import { z } from 'zod';
import { endpoint } from '../contract.ts';

/**
 * The work queues of the user's scope (what waits for them today), each counted from the records as of now and linked
 * to the list that shows its items. Modules declare their queues; the home page shows them.
 */
export const queueItem = z.object({
  /** The module that declares the queue (`members`). */
  module: z.string(),
  /** The queue's code within its module (`transfers_incoming`). */
  code: z.string(),
  /** In the caller's language. */
  title: z.string(),
  count: z.number(),
  /** The page that lists the queue's items, with its filter: `/transfers?direction=incoming`. */
  href: z.string(),
});
export const queueList = z.object({ items: z.array(queueItem) });

export type QueueItem = z.infer<typeof queueItem>;

export const queueEndpoints = {
  list: endpoint({ method: 'GET', path: '/queues', tags: ['queues'], summary: 'The work queues of the caller’s scope, with their counts as of now', response: queueList }),
};
