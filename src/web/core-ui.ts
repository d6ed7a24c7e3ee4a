import { TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleUi } from './module-ui.ts';
import { webMessages } from './messages.ts';

/** The platform's own pages (accounts, one's password), registered the way modules register theirs. */
export const coreUi: ModuleUi = {
  id: 'core',
  messages: webMessages,
  navigation: [{ group: 'nav.group.system', groupOrder: 900, labelKey: 'users.title', path: '/users', icon: TeamOutlined, roles: ['admin'] }],
  routes: [
    { path: '/users', page: lazy(() => import('./users/UsersPage.tsx')) },
    { path: '/password', page: lazy(() => import('./pages/PasswordPage.tsx')) },
  ],
};
