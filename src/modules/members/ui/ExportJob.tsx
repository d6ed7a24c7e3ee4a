import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, call, urlOf } from '../../../web/api.ts';
import { useJob } from '../../../web/components/import/useJob.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { memberEndpoints } from '../schema.ts';

/**
 * 导出 / 完整导出 as a job (issue 13): the export is asked for, its progress shown as the import's is (rows written of
 * the total), and the file offered for download once written, then removable. A full export asks first: it is audited
 * and holds ID numbers in clear.
 */
export function ExportJob({ orgCode, mayExportFull, fullConfirm }: { orgCode: string; mayExportFull: boolean; fullConfirm: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [jobId, setJobId] = useState<number>();
  const [starting, setStarting] = useState(false);
  const [removed, setRemoved] = useState(false);
  const { job, finished } = useJob(jobId);

  const start = async (full: boolean) => {
    setStarting(true);
    try {
      const accepted = await call(memberEndpoints.startExport, { body: { orgCode, full } });
      setRemoved(false);
      setJobId(accepted.jobId);
    } catch (error) {
      void message.error(error instanceof ApiError ? error.problem.detail : String(error));
    } finally {
      setStarting(false);
    }
  };
  const remove = async () => {
    if (jobId === undefined) return;
    try {
      await call(memberEndpoints.removeExport, { params: { jobId } });
      setRemoved(true);
      void message.success(t('members.ui.export.removed'));
    } catch (error) {
      void message.error(error instanceof ApiError ? error.problem.detail : String(error));
    }
  };

  const running = jobId !== undefined && !finished;
  const result = job?.status === 'succeeded' ? (job.result as { rows: number }) : undefined;
  const state = !job || job.status === 'queued'
    ? t('members.ui.export.queued')
    : result
      ? t('members.ui.export.ready', { rows: result.rows })
      : job.status === 'running'
        ? t('members.ui.export.running', { done: job.progressDone, total: job.progressTotal ?? '…' })
        : t('members.ui.export.failed', { reason: job.error?.message ?? job.status });

  return (
    <Space orientation="vertical" size={4} style={{ display: 'flex' }}>
      <Space wrap>
        <Button icon={<DownloadOutlined />} loading={starting || running} onClick={() => void start(false)} data-testid="member-export">
          {t('export.button')}
        </Button>
        {mayExportFull && (
          <Popconfirm title={t('export.full')} description={<div style={{ maxWidth: 320 }}>{fullConfirm}</div>} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => void start(true)}>
            <Button icon={<DownloadOutlined />} disabled={starting || running} data-testid="member-export-full">
              {t('export.full')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {jobId !== undefined && !removed && (
        <Space wrap size={8} data-testid="member-export-job" style={{ maxWidth: 420 }}>
          <Progress
            percent={job?.percent ?? 0}
            status={job?.status === 'failed' ? 'exception' : finished ? 'success' : 'active'}
            size="small"
            style={{ width: 160, margin: 0 }}
            aria-label={t('members.ui.export.progress')}
          />
          <Typography.Text type="secondary" role="status">
            {state}
          </Typography.Text>
          {result && (
            <>
              <Button type="primary" size="small" icon={<DownloadOutlined />} href={urlOf(memberEndpoints.exportFile, { params: { jobId: jobId } })} download data-testid="member-export-download">
                {t('members.ui.export.download')}
              </Button>
              <Button size="small" icon={<DeleteOutlined />} onClick={() => void remove()} data-testid="member-export-remove">
                {t('members.ui.export.remove')}
              </Button>
            </>
          )}
        </Space>
      )}
    </Space>
  );
}
