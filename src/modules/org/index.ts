import type { ModuleManifest } from '../../core/module.ts';
import { orgGenerator } from './generate.ts';
import { orgAggregates, orgIndicators } from './indicators.ts';
import { orgMessages } from './messages.ts';
import { orgRoutes } from './routes.ts';
import { seedFederations } from './seed.ts';

export const orgModule: ModuleManifest = {
  id: 'org',
  migrations: new URL('./migrations/', import.meta.url),
  aggregates: orgAggregates,
  indicators: orgIndicators,
  generate: orgGenerator,
  messages: orgMessages,
  routes: orgRoutes,
  seed: seedFederations,
};
