import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, call } from '../../../../web/api.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { legalAidEndpoints, type RevealStaffView, type StaffView } from '../../legal-aid-schema.ts';

/**
 * An institution's lawyers and volunteers, masked as the server sends them; 显示 shows one's name and phone in full
 * for those who may (the server records each look). An institution has a handful: the first 100 are the list.
 */
export function StaffList({ institutionId, reloadKey }: { institutionId: number; reloadKey: unknown }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [staff, setStaff] = useState<StaffView[]>();
  const [shown, setShown] = useState<Record<number, RevealStaffView>>({});
  useEffect(() => {
    let current = true;
    call(legalAidEndpoints.listStaff, { params: { institutionId }, query: { pageSize: 100 } }).then(
      (page) => current && setStaff(page.items),
      () => current && setStaff([]),
    );
    return () => {
      current = false;
    };
  }, [institutionId, reloadKey]);
  const reveal = async (person: StaffView) => {
    try {
      const full = await call(legalAidEndpoints.revealStaff, { params: { institutionId, staffId: person.id } });
      setShown((before) => ({ ...before, [person.id]: full }));
      void message.info(t('appeals.legal_aid.ui.staff.revealed'));
    } catch (error) {
      void message.error(error instanceof ApiError ? error.problem.detail : String(error));
    }
  };
  const columns: TableColumnsType<StaffView> = [
    { key: 'kind', title: t('appeals.legal_aid.ui.staff.kind'), dataIndex: 'kind', width: 90, render: (kind: string) => t(`appeals.legal_aid.staff.${kind}`) },
    { key: 'name', title: t('appeals.legal_aid.ui.staff.name'), render: (_: unknown, person) => shown[person.id]?.name ?? person.name },
    { key: 'phone', title: t('appeals.legal_aid.ui.staff.phone'), render: (_: unknown, person) => <span style={{ fontFamily: 'monospace' }}>{(shown[person.id] ? shown[person.id]!.phone : person.phone) ?? t('common.none')}</span> },
    {
      key: 'reveal',
      title: '',
      width: 90,
      render: (_: unknown, person) =>
        person.abilities.reveal && !shown[person.id] ? (
          <Button size="small" icon={<EyeOutlined />} aria-label={t('appeals.legal_aid.ui.staff.reveal.label', { name: person.name })} onClick={() => void reveal(person)} data-testid={`legal-aid-staff-reveal-${person.id}`}>
            {t('appeals.legal_aid.ui.staff.reveal')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 24 }}>
        {t('appeals.legal_aid.ui.staff.title')}
      </Typography.Title>
      <Table size="small" rowKey="id" columns={columns} dataSource={staff ?? []} loading={staff === undefined} pagination={false} locale={{ emptyText: t('appeals.legal_aid.ui.staff.empty') }} data-testid="legal-aid-staff-table" />
    </>
  );
}
