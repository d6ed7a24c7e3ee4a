import type { ModuleManifest } from '../../core/module.ts';
import { aidAggregates, aidIndicators } from './aid-indicators.ts';
import { aidMessages } from './aid-messages.ts';
import { appealsGenerator } from './generate.ts';
import { appealAggregates, appealIndicators } from './indicators.ts';
import { appealCommandMessages } from './command-messages.ts';
import { appealCommands } from './commands.ts';
import { legalAidMessages } from './legal-aid-messages.ts';
import { appealMessages } from './messages.ts';
import { appealCaseMessages } from './ui/case-messages.ts';
import { appealQueues } from './queues.ts';
import { registryMessages } from './registry-messages.ts';
import { appealRoutes } from './routes.ts';
import { seedAppeals } from './seed.ts';
import { warningQueues } from './warning-queues.ts';

export const appealsModule: ModuleManifest = {
  id: 'appeals',
  migrations: new URL('./migrations/', import.meta.url),
  aggregates: [...appealAggregates, ...aidAggregates],
  indicators: [...appealIndicators, ...aidIndicators],
  generate: appealsGenerator,
  // The case pages' words (field and state names) also head the export's columns.
  messages: [appealMessages, appealCaseMessages, registryMessages, appealCommandMessages, aidMessages, legalAidMessages],
  commands: appealCommands,
  routes: appealRoutes,
  seed: seedAppeals,
  queues: [...appealQueues, ...warningQueues],
  checks: async () => (await import('./checks.ts')).appealChecks,
};
