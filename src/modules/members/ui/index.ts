import { SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleUi } from '../../../web/module-ui.ts';
import { memberMessages } from '../messages.ts';
import { memberUiMessages } from './messages.ts';

export const ui: ModuleUi = {
  id: 'members',
  messages: { 'zh-CN': { ...memberMessages['zh-CN'], ...memberUiMessages['zh-CN'] }, en: { ...memberMessages.en, ...memberUiMessages.en } },
  navigation: [
    { group: 'nav.group.organisation', groupOrder: 10, labelKey: 'nav.members.roster', path: '/members', icon: TeamOutlined },
    { group: 'nav.group.organisation', groupOrder: 10, labelKey: 'nav.members.transfers', path: '/transfers', icon: SwapOutlined },
  ],
  routes: [
    { path: '/members', page: lazy(() => import('./MembersPage.tsx')) },
    { path: '/members/import', page: lazy(() => import('./ImportPage.tsx')) },
    { path: '/transfers', page: lazy(() => import('./TransfersPage.tsx')) },
  ],
};
