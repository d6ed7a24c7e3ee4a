import { CustomerServiceOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleUi } from '../../../web/module-ui.ts';
import { appealMessages } from '../messages.ts';
import { appealCaseMessages } from './case-messages.ts';

export const ui: ModuleUi = {
  id: 'appeals',
  messages: { 'zh-CN': { ...appealMessages['zh-CN'], ...appealCaseMessages['zh-CN'] }, en: { ...appealMessages.en, ...appealCaseMessages.en } },
  navigation: [{ group: 'nav.group.appeals', groupOrder: 40, labelKey: 'nav.appeals.cases', path: '/appeals', icon: CustomerServiceOutlined }],
  routes: [{ path: '/appeals', page: lazy(() => import('./AppealsPage.tsx')) }],
};
