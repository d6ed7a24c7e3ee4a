import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Select, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Actor } from '../../../../core/actor.ts';
import { ServerTable, TableFilters } from '../../../../web/components/ServerTable.tsx';
import { useServerTable } from '../../../../web/components/useServerTable.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { useMe } from '../../../../web/session.tsx';
import { useViewState } from '../../../../web/view-state.ts';
import { legalAidCaseStatuses, legalAidEndpoints, type LegalAidCaseView } from '../../legal-aid-schema.ts';
import { legalAidPolicy } from '../../policy.ts';
import { enumOptions } from '../labels.ts';
import { LegalAidCaseDrawer } from './LegalAidCaseDrawer.tsx';
import { yuanOfFen } from './money.ts';
import { TakeCaseModal } from './TakeCaseModal.tsx';

/** The legal-aid cases of the institutions in view and below, newest first; officers take one on by the appeal's number. */
export function CasesTab() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { orgCode, search, update } = useViewState();
  const table = useServerTable(legalAidEndpoints.listCases, { query: { orgCode }, filters: ['status'] });
  // `?legalAidCase=ID` opens one (the appeal's drawer lands here after taking one on).
  const [openId, setOpenId] = useState<number | undefined>(() => Number(search.get('legalAidCase')) || undefined);
  const [taking, setTaking] = useState(false);
  const mayTake = legalAidPolicy.can({ role: me.role } as Actor, 'handle');
  const field = (name: string) => t(`appeals.legal_aid.ui.case.field.${name}`);
  const columns: TableColumnsType<LegalAidCaseView> = [
    {
      key: 'id',
      title: field('id'),
      dataIndex: 'id',
      render: (id: number) => (
        <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={(event) => (event.stopPropagation(), setOpenId(id))}>
          {t('appeals.legal_aid.ui.case.title', { id })}
        </Button>
      ),
    },
    { key: 'appeal', title: field('appeal'), render: (_: unknown, row) => `${row.appealId} · ${t(`appeals.category.${row.appealCategory}`)}` },
    { key: 'institution', title: field('institution'), dataIndex: 'institutionName' },
    { key: 'staff', title: field('staff'), render: (_: unknown, row) => (row.staffName ? `${row.staffName}（${t(`appeals.legal_aid.staff.${row.staffKind}`)}）` : t('common.none')) },
    { key: 'status', title: field('status'), dataIndex: 'status', render: (status: string) => <Tag color={status === 'closed' ? 'default' : 'blue'}>{t(`appeals.legal_aid.status.${status}`)}</Tag> },
    { key: 'acceptedOn', title: field('acceptedOn'), dataIndex: 'acceptedOn' },
    { key: 'outcome', title: field('outcome'), dataIndex: 'outcome', render: (outcome: string | null) => (outcome ? t(`appeals.legal_aid.outcome.${outcome}`) : t('common.none')) },
    { key: 'recovered', title: field('recovered'), dataIndex: 'recoveredFen', align: 'right', render: (fen: number, row) => (row.status === 'closed' ? yuanOfFen(fen, locale) : t('common.none')) },
  ];
  const filters = (
    <TableFilters table={table} name="legal-aid-case-filters" label={t('appeals.legal_aid.ui.cases.filters')}>
      <Form.Item label={field('status')} name="status">
        <Select allowClear placeholder={t('common.all')} options={enumOptions(legalAidCaseStatuses, t, 'appeals.legal_aid.status')} style={{ width: 130 }} />
      </Form.Item>
    </TableFilters>
  );
  const actions = mayTake && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setTaking(true)} data-testid="legal-aid-case-take">
      {t('appeals.legal_aid.ui.case.take')}
    </Button>
  );
  return (
    <>
      <ServerTable table={table} columns={columns} rowKey="id" testId="legal-aid-case-table" label={t('appeals.legal_aid.ui.tab.cases')} filters={filters} actions={actions} emptyText={t('appeals.legal_aid.ui.cases.empty')} onOpen={(row) => setOpenId(row.id)} />
      <LegalAidCaseDrawer
        caseId={openId}
        onClose={() => {
          setOpenId(undefined);
          if (search.has('legalAidCase')) update({ legalAidCase: undefined });
        }}
        onChanged={table.reload}
      />
      {mayTake && (
        <TakeCaseModal
          open={taking}
          onClose={() => setTaking(false)}
          onTaken={(taken) => {
            setTaking(false);
            table.reload();
            setOpenId(taken.id);
          }}
        />
      )}
    </>
  );
}
