import { Button, Popconfirm, Progress, Space, Typography } from 'antd';
import type { JobView } from '../../../core/jobs/schema.ts';
import { useI18n } from '../../i18n.tsx';

/** The wizard's second step: the job's progress, with a cancel that keeps what is already imported. */
export function ImportProgress({ fileName, job, cancelling, onCancel }: { fileName: string | undefined; job: JobView | undefined; cancelling: boolean; onCancel: () => void }) {
  const { t } = useI18n();
  const state = !job || job.status === 'queued'
    ? t('import.queued')
    : job.cancelRequested
      ? t('import.cancelling')
      : job.progressTotal
        ? t('import.running.total', { done: job.progressDone, total: job.progressTotal })
        : t('import.running', { done: job.progressDone });
  return (
    <Space orientation="vertical" size={16} style={{ display: 'flex', maxWidth: 720 }} data-testid="import-progress">
      <Typography.Text strong>{fileName}</Typography.Text>
      <Progress percent={job?.percent ?? (job?.status === 'running' ? 50 : 0)} status="active" showInfo={job?.percent !== null && job?.percent !== undefined} aria-label={t('import.progress')} />
      <Typography.Text type="secondary" role="status">
        {state}
      </Typography.Text>
      <div>
        <Popconfirm title={t('import.cancel.confirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={onCancel}>
          <Button danger loading={cancelling} disabled={job !== undefined && !job.abilities.cancel} data-testid="import-cancel">
            {t('import.cancel')}
          </Button>
        </Popconfirm>
      </div>
    </Space>
  );
}
