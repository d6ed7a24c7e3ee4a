import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Result, Row, Space, Statistic, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { JobView } from '../../../core/jobs/schema.ts';
import { urlOf } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { outcomeOf, type ImportOutcome, type ImportSpec } from './spec.ts';

/** The four counts of an import, each with its test id. */
function Counts({ result }: { result: ImportOutcome }) {
  const { t } = useI18n();
  const items = [
    { key: 'imported', colour: '#1b5e20' },
    { key: 'updated', colour: '#0d47a1' },
    { key: 'unchanged', colour: '#424242' },
    { key: 'rejected', colour: result.rejected > 0 ? '#b71c1c' : '#424242' },
  ] as const;
  return (
    <Row gutter={[16, 16]} data-testid="import-summary">
      {items.map(({ key, colour }) => (
        <Col xs={12} md={6} key={key}>
          <Card size="small">
            <Statistic title={t(`import.${key}`)} value={result[key]} styles={{ content: { color: colour } }} data-testid={`import-${key}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** The first rejected rows with their reasons: what is wrong, and where in their own file, without opening another. */
function RejectedRows({ result }: { result: ImportOutcome }) {
  const { t } = useI18n();
  const rows = result.rejectedSample ?? [];
  if (!rows.length) return null;
  return (
    <Table
      size="small"
      rowKey="row"
      pagination={false}
      dataSource={rows}
      data-testid="import-rejected-rows"
      title={() => (
        <Space size={12}>
          <Typography.Text strong>{t('import.rejected.title')}</Typography.Text>
          {rows.length < result.rejected && <Typography.Text type="secondary">{t('import.rejected.first', { shown: rows.length, total: result.rejected })}</Typography.Text>}
        </Space>
      )}
      columns={[
        { key: 'row', title: t('import.rejected.row'), dataIndex: 'row', width: 140 },
        { key: 'reason', title: t('import.rejected.reason'), dataIndex: 'reason' },
      ]}
    />
  );
}

/** Rows imported with a note (a gender the ID number contradicts: the ID number's is recorded), the first of them. */
function WarningRows({ result }: { result: ImportOutcome }) {
  const { t } = useI18n();
  const rows = result.warningSample ?? [];
  if (!rows.length) return null;
  return (
    <Table
      size="small"
      rowKey="row"
      pagination={false}
      dataSource={rows}
      data-testid="import-warning-rows"
      title={() => (
        <Space size={12}>
          <Typography.Text strong>{t('import.warnings.title')}</Typography.Text>
          {rows.length < (result.warnings ?? 0) && <Typography.Text type="secondary">{t('import.warnings.first', { shown: rows.length, total: result.warnings ?? 0 })}</Typography.Text>}
        </Space>
      )}
      columns={[
        { key: 'row', title: t('import.rejected.row'), dataIndex: 'row', width: 140 },
        { key: 'reason', title: t('import.rejected.reason'), dataIndex: 'reason' },
      ]}
    />
  );
}

/** The wizard's last step: how it ended, the counts, the rejected rows and their file, and where to go next. */
export function ImportSummary({ spec, job, fileName, next }: { spec: ImportSpec; job: JobView; fileName: string | undefined; next: ReactNode }) {
  const { t } = useI18n();
  const result = outcomeOf(job.result);
  // A job that failed on a field (a sheet without a union column going into a federation) says which and why.
  const failure = job.error?.errors.length ? job.error.errors.map((issue) => issue.message).join(' ') : job.error?.message;
  return (
    <Space orientation="vertical" size={16} style={{ display: 'flex' }} data-testid="import-result">
      {job.status === 'succeeded' && (
        <Result status={result && result.rejected > 0 ? 'warning' : 'success'} title={t('import.succeeded', { rows: result?.rows ?? job.progressDone })} subTitle={fileName} style={{ padding: '8px 0' }} />
      )}
      {job.status === 'cancelled' && <Alert type="warning" showIcon title={t('import.cancelled')} />}
      {job.status === 'failed' && <Alert type="error" showIcon title={t('import.failed')} description={failure} data-testid="import-failed" />}
      {result && <Counts result={result} />}
      {result && result.rejected > 0 && spec.mayDownloadRejected && (
        <div>
          <Button type="primary" icon={<DownloadOutlined />} href={urlOf(spec.rejected, { params: { jobId: job.id } })} download data-testid="import-rejected-download">
            {t('import.rejected.download')}
          </Button>
        </div>
      )}
      {result && <RejectedRows result={result} />}
      {result && <WarningRows result={result} />}
      {result && result.rejected === 0 && job.status === 'succeeded' && <Typography.Text type="secondary">{t('import.rejected.none')}</Typography.Text>}
      {next}
    </Space>
  );
}
