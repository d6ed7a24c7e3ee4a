import { AimOutlined, LineChartOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleUi } from '../../../web/module-ui.ts';
import { statisticsMessages } from '../messages.ts';
import { statisticsUiMessages } from './messages.ts';

export const ui: ModuleUi = {
  id: 'statistics',
  // The server's words (indicator titles and definitions come with the data; these are its errors) and the pages'.
  messages: {
    'zh-CN': { ...statisticsMessages['zh-CN'], ...statisticsUiMessages['zh-CN'] },
    en: { ...statisticsMessages.en, ...statisticsUiMessages.en },
  },
  navigation: [
    { group: 'nav.group.statistics', groupOrder: 800, labelKey: 'nav.statistics.overview', path: '/statistics', icon: LineChartOutlined },
    // The server lets only admins change plans; the page is theirs alone.
    { group: 'nav.group.statistics', groupOrder: 800, labelKey: 'nav.statistics.plans', path: '/plans', icon: AimOutlined, roles: ['admin'] },
  ],
  routes: [
    { path: '/statistics', page: lazy(() => import('./StatisticsPage.tsx')) },
    { path: '/plans', page: lazy(() => import('./PlansPage.tsx')) },
  ],
  // The scope's headline figures against the plan's targets, for the latest year with records.
  home: { order: 10, panel: lazy(() => import('./HomePanel.tsx')) },
};
