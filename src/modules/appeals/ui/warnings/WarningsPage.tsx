import { Card, Form, Select, Typography } from 'antd';
import { useState } from 'react';
import { useColumnChoice } from '../../../../web/components/ColumnChooser.tsx';
import { ServerTable, TableFilters } from '../../../../web/components/ServerTable.tsx';
import { useServerTable } from '../../../../web/components/useServerTable.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { useViewState } from '../../../../web/view-state.ts';
import { appealCategories } from '../../schema.ts';
import { warningEndpoints, warningStatuses } from '../../warning-schema.ts';
import { enumOptions } from '../labels.ts';
import { WarningDrawer } from './WarningDrawer.tsx';
import { useWarningColumns, warningColumnKeys } from './warningColumns.tsx';

/**
 * 矛盾纠纷预警: the warnings of the org in view and below, open ones first (the server's order). The status and the
 * category are filters in the address, so the home page's tile (`?status=open`) lands on the warnings to acknowledge.
 */
export default function WarningsPage() {
  const { t } = useI18n();
  const { orgCode } = useViewState();
  const table = useServerTable(warningEndpoints.list, { query: { orgCode }, filters: ['status', 'category'] });
  const choice = useColumnChoice('appeal-warnings', warningColumnKeys, ['reason', 'acknowledgedOn', 'closedOn']);
  const [openId, setOpenId] = useState<number>();
  const columns = useWarningColumns((warning) => setOpenId(warning.id));
  const filters = (
    <TableFilters table={table} name="warning-filters" label={t('appeals.warnings.filters')}>
      <Form.Item label={t('appeals.warnings.field.status')} name="status">
        <Select allowClear placeholder={t('common.all')} options={enumOptions(warningStatuses, t, 'appeals.warning.status')} style={{ width: 150 }} />
      </Form.Item>
      <Form.Item label={t('appeals.warnings.field.category')} name="category">
        <Select allowClear placeholder={t('common.all')} options={enumOptions(appealCategories, t, 'appeals.category')} style={{ width: 160 }} />
      </Form.Item>
    </TableFilters>
  );
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {t('appeals.warnings.title')}
        </Typography.Title>
      }
    >
      <ServerTable table={table} columns={columns} rowKey="id" testId="warning-table" label={t('appeals.warnings.title')} filters={filters} choice={{ ...choice, locked: ['id'] }} emptyText={t('appeals.warnings.empty')} onOpen={(warning) => setOpenId(warning.id)} />
      <WarningDrawer warningId={openId} onClose={() => setOpenId(undefined)} onChanged={table.reload} />
    </Card>
  );
}
