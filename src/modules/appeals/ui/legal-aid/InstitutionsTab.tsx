import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Actor } from '../../../../core/actor.ts';
import { ServerTable, TableFilters } from '../../../../web/components/ServerTable.tsx';
import { useServerTable } from '../../../../web/components/useServerTable.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { useMe } from '../../../../web/session.tsx';
import { useViewState } from '../../../../web/view-state.ts';
import { legalAidEndpoints, type InstitutionView } from '../../legal-aid-schema.ts';
import { legalAidPolicy } from '../../policy.ts';
import { InstitutionDrawer } from './InstitutionDrawer.tsx';
import { InstitutionForm } from './InstitutionForm.tsx';

/** The institutions of the federations in view and below; officers set one up; a row opens its drawer (its staff). */
export function InstitutionsTab() {
  const { t } = useI18n();
  const me = useMe();
  const { orgCode } = useViewState();
  const table = useServerTable(legalAidEndpoints.listInstitutions, { query: { orgCode }, filters: ['q'] });
  const [openId, setOpenId] = useState<number>();
  const [creating, setCreating] = useState(false);
  const mayEnter = legalAidPolicy.can({ role: me.role } as Actor, 'enter');
  const field = (name: string) => t(`appeals.legal_aid.ui.field.${name}`);
  const columns: TableColumnsType<InstitutionView> = [
    {
      key: 'name',
      title: field('name'),
      dataIndex: 'name',
      render: (name: string, institution) => (
        <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={(event) => (event.stopPropagation(), setOpenId(institution.id))}>
          {name}
        </Button>
      ),
    },
    { key: 'org', title: field('org'), render: (_: unknown, institution) => `${institution.orgName}（${institution.orgCode}）` },
    { key: 'level', title: field('level'), dataIndex: 'orgLevel', render: (level: string) => t(`appeals.legal_aid.ui.level.${level}`) },
    { key: 'establishedOn', title: field('establishedOn'), dataIndex: 'establishedOn' },
    { key: 'lawyers', title: field('lawyers'), dataIndex: 'lawyers', align: 'right' },
    { key: 'volunteers', title: field('volunteers'), dataIndex: 'volunteers', align: 'right' },
    { key: 'openCases', title: field('openCases'), dataIndex: 'openCases', align: 'right' },
  ];
  const filters = (
    <TableFilters table={table} name="legal-aid-institution-filters" label={t('appeals.legal_aid.ui.institutions.filters')} typed={['q']}>
      <Form.Item label={t('appeals.legal_aid.ui.institutions.q')} name="q">
        <Input allowClear style={{ width: 180 }} />
      </Form.Item>
    </TableFilters>
  );
  const actions = mayEnter && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="legal-aid-institution-create">
      {t('appeals.legal_aid.ui.institution.create')}
    </Button>
  );
  return (
    <>
      <ServerTable table={table} columns={columns} rowKey="id" testId="legal-aid-institution-table" label={t('appeals.legal_aid.ui.tab.institutions')} filters={filters} actions={actions} emptyText={t('appeals.legal_aid.ui.institutions.empty')} onOpen={(institution) => setOpenId(institution.id)} />
      <InstitutionDrawer institutionId={openId} onClose={() => setOpenId(undefined)} onChanged={table.reload} />
      {mayEnter && (
        <InstitutionForm
          open={creating}
          orgCode={orgCode}
          onClose={() => setCreating(false)}
          onSaved={(institution) => {
            setCreating(false);
            table.reload();
            setOpenId(institution.id);
          }}
        />
      )}
    </>
  );
}
