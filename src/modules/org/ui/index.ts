import { ApartmentOutlined, ShopOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleUi } from '../../../web/module-ui.ts';
import { orgMessages } from '../messages.ts';
import { orgUiMessages } from './messages.ts';

export const ui: ModuleUi = {
  id: 'org',
  messages: { 'zh-CN': { ...orgMessages['zh-CN'], ...orgUiMessages['zh-CN'] }, en: { ...orgMessages.en, ...orgUiMessages.en } },
  navigation: [
    { group: 'nav.group.organisation', groupOrder: 10, labelKey: 'nav.org.tree', path: '/orgs', icon: ApartmentOutlined },
    { group: 'nav.group.organisation', groupOrder: 10, labelKey: 'nav.org.employers', path: '/employers', icon: ShopOutlined },
  ],
  routes: [
    { path: '/orgs', page: lazy(() => import('./OrgsPage.tsx')) },
    { path: '/employers', page: lazy(() => import('./EmployersPage.tsx')) },
  ],
};
