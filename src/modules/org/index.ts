import type { ModuleManifest } from '../../core/module.ts';
import { orgGenerator } from './generate.ts';
import { orgAggregates, orgIndicators } from './indicators.ts';
import { orgCommandMessages } from './command-messages.ts';
import { orgCommands } from './commands.ts';
import { orgMessages } from './messages.ts';
import { orgRoutes } from './routes.ts';
import { seedFederations } from './seed.ts';

export const orgModule: ModuleManifest = {
  id: 'org',
  migrations: new URL('./migrations/', import.meta.url),
  aggregates: orgAggregates,
  indicators: orgIndicators,
  generate: orgGenerator,
  messages: [orgMessages, orgCommandMessages],
  commands: orgCommands,
  routes: orgRoutes,
  seed: seedFederations,
  checks: async () => (await import('./checks.ts')).orgChecks,
};
