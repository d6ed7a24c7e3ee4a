import type { ModuleManifest } from '../core/module.ts';
import { appealsModule } from './appeals/index.ts';
import { membersModule } from './members/index.ts';
import { orgModule } from './org/index.ts';
import { statisticsModule } from './statistics/index.ts';

/**
 * The registry: the one place that names every module, in the order their migrations apply. Removing a module
 * is deleting its folder and its line here.
 */
export const modules: ModuleManifest[] = [orgModule, membersModule, statisticsModule, appealsModule];
