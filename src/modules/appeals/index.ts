import type { ModuleManifest } from '../../core/module.ts';
import { appealMessages } from './messages.ts';
import { appealQueues } from './queues.ts';
import { appealRoutes } from './routes.ts';
import { seedAppeals } from './seed.ts';

export const appealsModule: ModuleManifest = {
  id: 'appeals',
  migrations: new URL('./migrations/', import.meta.url),
  messages: appealMessages,
  routes: appealRoutes,
  seed: seedAppeals,
  queues: appealQueues,
  checks: async () => (await import('./checks.ts')).appealChecks,
};
