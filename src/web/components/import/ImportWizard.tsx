import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { jobEndpoints } from '../../../core/jobs/schema.ts';
import { ApiError, call } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { keepView, useViewState } from '../../view-state.ts';
import { LinkButton } from '../LinkButton.tsx';
import { ImportChoose } from './ImportChoose.tsx';
import { ImportProgress } from './ImportProgress.tsx';
import { ImportSummary } from './ImportSummary.tsx';
import { RecentImports } from './RecentImports.tsx';
import type { ImportSpec } from './spec.ts';
import { useJob } from './useJob.ts';

/**
 * The platform's import wizard: choose where and what → watch the job → the counts and the rejected rows. The job
 * is in the address (?job=), so a reload or a link (the recent imports, the home page's queue) shows its result.
 * A module's import page is this wizard with its ImportSpec.
 */
export function ImportWizard({ spec }: { spec: ImportSpec }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { orgCode, search, update } = useViewState();
  const jobId = Number(search.get('job')) || undefined;
  const { job, setJob, finished } = useJob(jobId);
  const [fileName, setFileName] = useState<string>();
  const [cancelling, setCancelling] = useState(false);

  const cancel = async () => {
    if (jobId === undefined) return;
    setCancelling(true);
    try {
      setJob(await call(jobEndpoints.cancel, { params: { jobId } }));
    } catch (error) {
      void message.error(error instanceof ApiError ? error.problem.detail : String(error));
    }
  };
  const again = () => {
    setFileName(undefined);
    setCancelling(false);
    update({ job: undefined });
  };

  const step = jobId === undefined ? 0 : finished ? 2 : 1;
  const list = `${spec.list.path}${keepView(search)}`;
  const next = (
    <Space wrap>
      <LinkButton to={list} data-testid="import-to-roster">
        {t(spec.list.toListKey)}
      </LinkButton>
      <Button onClick={again}>{t('import.again')}</Button>
    </Space>
  );
  return (
    <Space orientation="vertical" size={16} style={{ display: 'flex' }}>
      <Card
        title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>{t(spec.titleKey)}</Typography.Title>}
        extra={
          <LinkButton to={list} icon={<ArrowLeftOutlined />}>
            {t(spec.list.backKey)}
          </LinkButton>
        }
      >
        <Steps current={step} style={{ marginBottom: 24 }} data-testid="import-steps" items={(['choose', 'progress', 'summary'] as const).map((key) => ({ title: t(`import.step.${key}`) }))} />
        {step === 0 && (
          <ImportChoose
            spec={spec}
            orgCode={orgCode}
            onStarted={(started, file) => {
              setFileName(file.name);
              update({ job: started });
            }}
          />
        )}
        {step === 1 && <ImportProgress fileName={fileName} job={job} cancelling={cancelling} onCancel={() => void cancel()} />}
        {step === 2 && job && <ImportSummary spec={spec} job={job} fileName={fileName} next={next} />}
      </Card>
      {step === 0 && <RecentImports jobKind={spec.jobKind} />}
    </Space>
  );
}
