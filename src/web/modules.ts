import { coreUi } from './core-ui.ts';
import type { ModuleUi } from './module-ui.ts';

// Every module's pages, found by their place in the tree: the shell names none of them.
const found = import.meta.glob<{ ui: ModuleUi }>('../modules/*/ui/index.ts', { eager: true });

export const moduleUis: ModuleUi[] = [coreUi, ...Object.values(found).map((module) => module.ui)];
