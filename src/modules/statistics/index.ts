import type { ModuleManifest } from '../../core/module.ts';
import { statisticsCommandMessages } from './command-messages.ts';
import { statisticsCommands } from './commands.ts';
import { statisticsMessages } from './messages.ts';
import { seedReportPlan } from './plans.ts';
import { statisticsRoutes } from './routes.ts';

export const statisticsModule: ModuleManifest = {
  id: 'statistics',
  migrations: new URL('./migrations/', import.meta.url),
  messages: [statisticsMessages, statisticsCommandMessages],
  commands: statisticsCommands,
  routes: statisticsRoutes,
  seed: seedReportPlan,
  checks: async () => (await import('./checks.ts')).statisticsChecks,
};
