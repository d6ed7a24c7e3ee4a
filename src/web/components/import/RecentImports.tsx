import { Button, Card, Segmented, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { jobEndpoints, type JobStatus, type JobView } from '../../../core/jobs/schema.ts';
import { call } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { useViewState } from '../../view-state.ts';
import { outcomeOf } from './spec.ts';

const statusColour: Record<JobStatus, string | undefined> = { queued: undefined, running: 'blue', succeeded: 'green', failed: 'red', cancelled: 'orange' };
/** What the home page's queue counts: imports of the last 30 days that left rows out. */
const recentDays = 30;
const leftRowsOut = (job: JobView) => job.status === 'succeeded' && (outcomeOf(job.result)?.rejected ?? 0) > 0 && dayjs(job.finishedAt).isAfter(dayjs().subtract(recentDays, 'day').startOf('day'));

/**
 * The imports of this kind in the user's scope, newest first; one opens its result (?job=). With ?recent=rejected
 * (the home page's queue) only those of the last 30 days that left rows out, whose rejected rows are to be fixed.
 */
export function RecentImports({ jobKind }: { jobKind: string }) {
  const { t } = useI18n();
  const { search, update } = useViewState();
  const onlyRejected = search.get('recent') === 'rejected';
  const [jobs, setJobs] = useState<JobView[]>();
  useEffect(() => {
    call(jobEndpoints.list, { query: { kind: jobKind, limit: 50 } }).then(
      (list) => setJobs(list.items),
      () => setJobs([]),
    );
  }, [jobKind]);
  const shown = (jobs ?? []).filter((job) => !onlyRejected || leftRowsOut(job));
  const count = (job: JobView, key: 'imported' | 'updated' | 'unchanged' | 'rejected') => outcomeOf(job.result)?.[key] ?? '—';
  return (
    <Card
      size="small"
      title={t('import.recent.title')}
      extra={<Segmented size="small" aria-label={t('import.recent.title')} value={onlyRejected ? 'rejected' : 'all'} onChange={(value) => update({ recent: value === 'all' ? undefined : value })} options={(['all', 'rejected'] as const).map((value) => ({ value, label: t(`import.recent.${value}`) }))} />}
      data-testid="import-recent"
    >
      <Table<JobView>
        size="small"
        rowKey="id"
        loading={jobs === undefined}
        dataSource={shown}
        pagination={shown.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText: t(onlyRejected ? 'import.recent.none_rejected' : 'import.recent.none') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'at', title: t('import.recent.at'), dataIndex: 'createdAt', render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{dayjs(at).format('YYYY-MM-DD HH:mm')}</span> },
          { key: 'status', title: t('import.recent.status'), dataIndex: 'status', render: (status: JobStatus) => <Tag color={statusColour[status]}>{t(`import.status.${status}`)}</Tag> },
          { key: 'imported', title: t('import.imported'), align: 'end', render: (_: unknown, job) => count(job, 'imported') },
          { key: 'updated', title: t('import.updated'), align: 'end', render: (_: unknown, job) => count(job, 'updated') },
          { key: 'unchanged', title: t('import.unchanged'), align: 'end', render: (_: unknown, job) => count(job, 'unchanged') },
          { key: 'rejected', title: t('import.rejected'), align: 'end', render: (_: unknown, job) => <Typography.Text type={leftRowsOut(job) ? 'danger' : undefined}>{count(job, 'rejected')}</Typography.Text> },
          {
            key: 'open',
            title: t('common.actions'),
            render: (_: unknown, job) => (
              <Button type="link" size="small" onClick={() => update({ job: job.id })} aria-label={t('import.recent.open', { at: dayjs(job.createdAt).format('YYYY-MM-DD HH:mm') })}>
                {t('common.open')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
