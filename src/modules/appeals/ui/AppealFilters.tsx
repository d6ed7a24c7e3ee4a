import { Form, Select } from 'antd';
import { TableFilters } from '../../../web/components/ServerTable.tsx';
import type { ServerTableState } from '../../../web/components/useServerTable.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { appealCategories, appealKinds, appealStatuses } from '../schema.ts';
import { enumOptions } from './labels.ts';

/** The register's filters that matter to the job: status, kind, category (the queue is the tab, the year the shell's). */
export function AppealFilters({ table }: { table: Pick<ServerTableState, 'filters' | 'setFilters'> }) {
  const { t } = useI18n();
  const select = (name: string, label: string, values: readonly string[], prefix: string, width: number) => (
    <Form.Item label={label} name={name}>
      <Select allowClear placeholder={t('common.all')} options={enumOptions(values, t, prefix)} style={{ width }} />
    </Form.Item>
  );
  return (
    <TableFilters table={table} name="appeal-filters" label={t('appeals.ui.filters')}>
      {select('status', t('appeals.field.status'), appealStatuses, 'appeals.status', 150)}
      {select('kind', t('appeals.field.kind'), appealKinds, 'appeals.kind', 110)}
      {select('category', t('appeals.field.category'), appealCategories, 'appeals.category', 150)}
    </TableFilters>
  );
}
