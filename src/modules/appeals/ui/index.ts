import { AlertOutlined, CalendarOutlined, CustomerServiceOutlined, SafetyCertificateOutlined, ShopOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { MessageBundle } from '../../../core/i18n/catalogue.ts';
import type { ModuleUi } from '../../../web/module-ui.ts';
import { aidMessages } from '../aid-messages.ts';
import { legalAidMessages } from '../legal-aid-messages.ts';
import { appealMessages } from '../messages.ts';
import { registryMessages } from '../registry-messages.ts';
import { calendarPolicy } from '../policy.ts';
import { appealCaseMessages } from './case-messages.ts';
import { legalAidPageMessages } from './legal-aid/messages.ts';
import { centrePageMessages } from './registry/messages.ts';
import { settingsPageMessages } from './settings/messages.ts';
import { warningPageMessages } from './warnings/messages.ts';
import { appealPublicMessages } from './public/public-messages.ts';

// The server's words the pages show too (statuses, kinds, refusals), then the pages' own.
const bundles: MessageBundle[] = [
  appealMessages, registryMessages, aidMessages, legalAidMessages, appealCaseMessages, warningPageMessages, centrePageMessages, legalAidPageMessages, settingsPageMessages, appealPublicMessages,
];
const group = 'nav.group.appeals';

export const ui: ModuleUi = {
  id: 'appeals',
  messages: { 'zh-CN': Object.assign({}, ...bundles.map((bundle) => bundle['zh-CN'])), en: Object.assign({}, ...bundles.map((bundle) => bundle.en)) },
  navigation: [
    { group, groupOrder: 40, labelKey: 'nav.appeals.cases', path: '/appeals', icon: CustomerServiceOutlined },
    { group, groupOrder: 40, labelKey: 'nav.appeals.warnings', path: '/appeals/warnings', icon: AlertOutlined },
    { group, groupOrder: 40, labelKey: 'nav.appeals.centres', path: '/appeals/centres', icon: ShopOutlined },
    { group, groupOrder: 40, labelKey: 'nav.appeals.legal_aid', path: '/appeals/legal-aid', icon: SafetyCertificateOutlined },
    // Only those who may change the deadlines and the calendar are led there; anyone else who opens it reads it.
    { group, groupOrder: 40, labelKey: 'nav.appeals.settings', path: '/appeals/settings', icon: CalendarOutlined, roles: calendarPolicy.rolesFor('update') },
  ],
  routes: [
    { path: '/appeals', page: lazy(() => import('./AppealsPage.tsx')) },
    { path: '/appeals/warnings', page: lazy(() => import('./warnings/WarningsPage.tsx')) },
    { path: '/appeals/centres', page: lazy(() => import('./registry/CentresPage.tsx')) },
    { path: '/appeals/legal-aid', page: lazy(() => import('./legal-aid/LegalAidPage.tsx')) },
    { path: '/appeals/settings', page: lazy(() => import('./settings/SettingsPage.tsx')) },
  ],
  // The worker's pages (no login): send an appeal, track it by its code (typed, never in the address).
  publicRoutes: [
    { path: '/appeal', page: lazy(() => import('./public/SubmitPage.tsx')), labelKey: 'appeals.public.link' },
    { path: '/appeal/track', page: lazy(() => import('./public/TrackPage.tsx')) },
  ],
};
