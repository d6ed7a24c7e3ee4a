import { Card, Tabs, Typography } from 'antd';
import { useI18n } from '../../../../web/i18n.tsx';
import { useViewState } from '../../../../web/view-state.ts';
import { CasesTab } from './CasesTab.tsx';
import { InstitutionsTab } from './InstitutionsTab.tsx';

const tabs = ['institutions', 'cases'] as const;

/**
 * 法律援助: the legal-aid institutions of the federations in view and below (with their lawyers and volunteers) and
 * the cases they take on for appeals. The tab is in the address (`?tab=cases`), so a link lands on the cases.
 */
export default function LegalAidPage() {
  const { t } = useI18n();
  const { search, update } = useViewState();
  const tab = search.get('tab') === 'cases' ? 'cases' : 'institutions';
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {t('appeals.legal_aid.ui.title')}
        </Typography.Title>
      }
    >
      <Tabs
        activeKey={tab}
        // The place in one list means nothing in the other: the tables start at their first page.
        onChange={(key) => update({ tab: key === 'institutions' ? undefined : key, page: undefined, after: undefined, before: undefined, q: undefined, status: undefined })}
        items={tabs.map((key) => ({ key, label: <span data-testid={`legal-aid-tab-${key}`}>{t(`appeals.legal_aid.ui.tab.${key}`)}</span> }))}
      />
      {tab === 'institutions' ? <InstitutionsTab /> : <CasesTab />}
    </Card>
  );
}
