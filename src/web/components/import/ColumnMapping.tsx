import { Alert, Select, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n.tsx';
import type { HeaderPreview, ImportSpec } from './spec.ts';

interface Row {
  column: number;
  header: string;
  field: string | undefined;
  byHand: boolean;
  unrecognised: boolean;
}

/**
 * The chosen file's columns as the server maps them, before anything is imported: each header with its field, the
 * required fields the file lacks, and for each column it does not recognise a choice of field (sent with the upload).
 */
export function ColumnMapping({ spec, preview, mapped, onChange }: { spec: Pick<ImportSpec, 'columns' | 'columnLabel'>; preview: HeaderPreview; mapped: Record<string, string>; onChange: (mapped: Record<string, string>) => void }) {
  const { t, locale } = useI18n();
  const fieldOf = new Map(Object.entries(preview.columns).map(([field, column]) => [column, field]));
  const byHand = new Map(Object.entries(mapped).map(([field, header]) => [header, field]));
  const unrecognised = new Set(preview.unrecognised);
  const rows: Row[] = preview.headers.flatMap((header, column) =>
    header ? [{ column, header, field: fieldOf.get(column) ?? byHand.get(header), byHand: byHand.has(header), unrecognised: unrecognised.has(column) }] : [],
  );
  const taken = new Set([...Object.keys(preview.columns), ...Object.keys(mapped)]);
  const missing = preview.missing.filter((field) => !(field in mapped));
  const choose = (header: string, field: string | undefined) => {
    const next = Object.fromEntries(Object.entries(mapped).filter(([, value]) => value !== header));
    if (field) next[field] = header;
    onChange(next);
  };
  return (
    <Space orientation="vertical" style={{ display: 'flex' }} data-testid="import-mapping">
      {missing.length > 0 && (
        <Alert type="error" showIcon title={t('import.mapping.missing', { columns: missing.map((field) => spec.columnLabel(field)).join(locale === 'en' ? ', ' : '、') })} data-testid="import-mapping-missing" />
      )}
      <Table<Row>
        size="small"
        rowKey="column"
        pagination={false}
        dataSource={rows}
        title={() => <Typography.Text strong>{t('import.mapping.title')}</Typography.Text>}
        columns={[
          { key: 'header', title: t('import.mapping.header'), dataIndex: 'header', width: 220 },
          {
            key: 'field',
            title: t('import.mapping.field'),
            render: (_, row) =>
              row.unrecognised ? (
                <Select
                  allowClear
                  size="small"
                  style={{ width: 220 }}
                  aria-label={t('import.mapping.choose', { header: row.header })}
                  placeholder={t('import.mapping.unrecognised')}
                  value={row.field}
                  onChange={(field: string | undefined) => choose(row.header, field)}
                  options={Object.keys(spec.columns)
                    .filter((field) => field === row.field || !taken.has(field))
                    .map((field) => ({ value: field, label: spec.columnLabel(field) }))}
                  data-testid={`import-mapping-${row.column}`}
                />
              ) : row.field ? (
                <Tag color="green">{spec.columnLabel(row.field)}</Tag>
              ) : (
                <Typography.Text type="secondary">{t('import.mapping.ignored')}</Typography.Text>
              ),
          },
        ]}
      />
    </Space>
  );
}
