import { Collapse, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n.tsx';
import type { ImportSpec } from './spec.ts';

interface Row {
  field: string;
  label: string;
  required: boolean;
  headers: string;
}

/** The sheet's columns as the server reads them: which are required, and the other headers each is known by. */
export function ColumnsHelp({ spec }: { spec: Pick<ImportSpec, 'columns' | 'columnLabel'> }) {
  const { t, locale } = useI18n();
  const separator = locale === 'en' ? ', ' : '、';
  const rows: Row[] = Object.entries(spec.columns).map(([field, column]) => ({ field, label: spec.columnLabel(field), required: column.required === true, headers: column.headers.join(separator) }));
  const required = rows.filter((row) => row.required).map((row) => row.label);
  return (
    <Collapse
      size="small"
      data-testid="import-columns"
      items={[
        {
          key: 'columns',
          label: (
            <span>
              {t('import.columns.title')}
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {t('import.columns.required_list', { columns: required.join(separator) })}
              </Typography.Text>
            </span>
          ),
          children: (
            <Table<Row>
              size="small"
              rowKey="field"
              pagination={false}
              dataSource={rows}
              columns={[
                { key: 'label', title: t('import.columns.column'), dataIndex: 'label', width: 140 },
                { key: 'required', title: t('import.columns.needed'), dataIndex: 'required', width: 90, render: (value: boolean) => (value ? <Tag color="red">{t('import.columns.required')}</Tag> : <Typography.Text type="secondary">{t('import.columns.optional')}</Typography.Text>) },
                { key: 'headers', title: t('import.columns.headers'), dataIndex: 'headers' },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
