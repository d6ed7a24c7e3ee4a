import { Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../core/contract.ts';
import { call } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { orgEndpoints } from '../schema.ts';

type Move = ResponseOf<typeof orgEndpoints.moves>['items'][number];

export /** The org's moves in the tree, newest first (the audit trail says who; this says from where to where and since when). */
function OrgMoves({ orgCode, reloadKey }: { orgCode: string; reloadKey: unknown }) {
  const { t } = useI18n();
  const [moves, setMoves] = useState<Move[]>();
  useEffect(() => {
    void call(orgEndpoints.moves, { params: { orgCode } }).then((result) => setMoves(result.items));
  }, [orgCode, reloadKey]);
  return (
    <div data-testid="org-moves">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('org.moves.title')}
      </Typography.Title>
      <Table<Move>
        size="small"
        rowKey={(move) => `${move.createdAt}-${move.toParentCode}`}
        loading={moves === undefined}
        dataSource={moves ?? []}
        pagination={false}
        locale={{ emptyText: t('org.moves.empty') }}
        columns={[
          { key: 'movedOn', title: t('org.field.movedOn'), dataIndex: 'movedOn', width: 140 },
          { key: 'from', title: t('org.moves.from'), render: (_: unknown, move) => `${move.fromParentName}（${move.fromParentCode}）` },
          { key: 'to', title: t('org.moves.to'), render: (_: unknown, move) => `${move.toParentName}（${move.toParentCode}）` },
          { key: 'recorded', title: t('org.moves.recorded'), dataIndex: 'createdAt', width: 150, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
        ]}
      />
    </div>
  );
}
