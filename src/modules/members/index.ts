import type { ModuleManifest } from '../../core/module.ts';
import { membersGenerator } from './generate.ts';
import { memberAggregates, memberIndicators } from './indicators.ts';
import { registerExportJob } from './export-job.ts';
import { registerImportJob } from './import.ts';
import { memberCommandMessages, memberCommands } from './commands.ts';
import { memberMessages } from './messages.ts';
import { memberQueues } from './queues.ts';
import { memberRoutes } from './routes.ts';
import { fillIdNumberTails } from './tails.ts';

export const membersModule: ModuleManifest = {
  id: 'members',
  migrations: new URL('./migrations/', import.meta.url),
  aggregates: memberAggregates,
  indicators: memberIndicators,
  generate: membersGenerator,
  messages: [memberMessages, memberCommandMessages],
  commands: memberCommands,
  routes: memberRoutes,
  seed: fillIdNumberTails,
  jobs: (runner, platform) => {
    registerImportJob(runner, platform);
    registerExportJob(runner, platform);
  },
  queues: memberQueues,
  checks: async () => (await import('./checks.ts')).memberChecks,
};
