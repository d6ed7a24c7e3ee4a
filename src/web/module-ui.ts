import type { ComponentType, LazyExoticComponent } from 'react';
import type { MessageBundle } from '../core/i18n/catalogue.ts';
import type { Role } from '../core/roles.ts';

/**
 * What a module's pages tell the shell (src/modules/<name>/ui/index.ts exports one as `ui`). The shell finds them
 * with import.meta.glob, so it names no module; a module's pages load only when their route is opened.
 */
export interface ModuleUi {
  id: string;
  messages: MessageBundle;
  /** Entries of the left navigation, under the work line they belong to. */
  navigation: NavigationEntry[];
  routes: PageRoute[];
  /** Phone-sized pages for workers, without the navigation (appeals, student aid, proposals …). */
  publicRoutes?: PageRoute[];
  /**
   * A panel of the home page (the statistics' headline figures against the plan …) for the org in view, loaded only
   * when the home page shows it; panels stand in `order`. The shell names no module: this is how one reaches it.
   */
  home?: { order: number; panel: LazyExoticComponent<ComponentType<{ orgCode: string }>> };
}

export interface NavigationEntry {
  /** The work line (组织与会员, 职工诉求 …): a message key; entries of one group show together. */
  group: string;
  /** Where the group stands in the navigation (the report's order of the work lines). */
  groupOrder: number;
  labelKey: string;
  path: string;
  icon?: ComponentType;
  /** Shown only to these roles; everyone when absent. */
  roles?: readonly Role[];
}

export interface PageRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** A public page's link on the login page (where a worker who opens the platform lands): its message key. */
  labelKey?: string;
}
