import { ArrowLeftOutlined, DeleteOutlined, DownloadOutlined, InboxOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Popconfirm, Progress, Result, Row, Space, Statistic, Steps, Table, Typography, Upload, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Actor } from '../../../core/actor.ts';
import { finishedStatuses, jobEndpoints, type JobView } from '../../../core/jobs/schema.ts';
import { ApiError, call, type Problem } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { useMe } from '../../../web/session.tsx';
import { keepView, useViewState } from '../../../web/view-state.ts';
import { orgEndpoints, type OrgView } from '../../org/schema.ts';
import { OrgPicker } from '../../../web/components/OrgPicker.tsx';
import type { ImportResult as JobResult } from '../import.ts';
import { memberPolicy } from '../policy.ts';

/** What the import job answers with: the counts always; the rest may be absent from results of older imports. */
type ImportResult = Pick<JobResult, 'imported' | 'updated' | 'unchanged' | 'rejected'> & Partial<Pick<JobResult, 'rows' | 'rejectedFile' | 'rejectedSample'>>;

const importable = /\.(xlsx|csv)$/i;

/** Sends the file as multipart/form-data (one part `file`); the answer is the queued job's id. */
async function uploadRoster(intoOrgCode: string, file: File): Promise<number> {
  const body = new FormData();
  body.append('file', file, file.name);
  const response = await fetch(`/api/v1/members/import?${new URLSearchParams({ intoOrgCode }).toString()}`, { method: 'POST', body, credentials: 'same-origin' });
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(data as Problem);
  return (data as { jobId: number }).jobId;
}

function asResult(value: unknown): ImportResult | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const result = value as Partial<ImportResult>;
  return typeof result.imported === 'number' ? (result as ImportResult) : undefined;
}

/** The first rejected rows with their reasons: what is wrong, and where in their own file, without opening another. */
function RejectedRows({ result }: { result: ImportResult }) {
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
          <Typography.Text strong>{t('members.ui.import.rejected.title')}</Typography.Text>
          {rows.length < result.rejected && <Typography.Text type="secondary">{t('members.ui.import.rejected.first', { shown: rows.length, total: result.rejected })}</Typography.Text>}
        </Space>
      )}
      columns={[
        { key: 'row', title: t('members.ui.import.rejected.row'), dataIndex: 'row', width: 140 },
        { key: 'reason', title: t('members.ui.import.rejected.reason'), dataIndex: 'reason' },
      ]}
    />
  );
}

/** The four counts of an import, each with its test id. */
function Counts({ result }: { result: ImportResult }) {
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
            <Statistic title={t(`members.ui.import.${key}`)} value={result[key]} styles={{ content: { color: colour } }} data-testid={`import-${key}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** 导入会员名册: choose where and what → watch the job → the counts and the rejected rows. */
export default function ImportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const { orgCode, search } = useViewState();
  const [inView, setInView] = useState<OrgView>();
  const [into, setInto] = useState<string | undefined>(orgCode);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileError, setFileError] = useState<string>();
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string>();
  const [jobId, setJobId] = useState<number>();
  const [job, setJob] = useState<JobView>();
  const [cancelling, setCancelling] = useState(false);
  const mayReveal = memberPolicy.can({ role: me.role } as Actor, 'reveal');

  useEffect(() => {
    setInto(orgCode);
    void call(orgEndpoints.get, { params: { orgCode } }).then(setInView, () => setInView(undefined));
  }, [orgCode]);

  // Asks for the job's state every second until it ends.
  useEffect(() => {
    if (jobId === undefined) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await call(jobEndpoints.get, { params: { jobId } });
        if (!current) return;
        setJob(next);
        if (finishedStatuses.includes(next.status)) return;
      } catch (error) {
        if (!current) return;
        void message.error(error instanceof ApiError ? error.problem.detail : String(error));
      }
      timer = setTimeout(() => void poll(), 1000);
    };
    void poll();
    return () => {
      current = false;
      if (timer) clearTimeout(timer);
    };
  }, [jobId, message]);

  const start = async () => {
    const file = files[0]?.originFileObj;
    if (!file) {
      setFileError(t('members.ui.import.file.required'));
      return;
    }
    if (!into) return;
    setUploading(true);
    setUploadError(undefined);
    try {
      setJob(undefined);
      setJobId(await uploadRoster(into, file));
    } catch (error) {
      setUploadError(error instanceof ApiError ? (error.problem.errors?.map((issue) => issue.message).join('；') ?? error.problem.detail) : String(error));
    } finally {
      setUploading(false);
    }
  };

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
    setJobId(undefined);
    setJob(undefined);
    setFiles([]);
    setCancelling(false);
  };

  // A job that failed on a field (a sheet without a union column going into a federation) says which and why.
  const failure = (failed: JobView) => (failed.error?.errors.length ? failed.error.errors.map((issue) => issue.message).join(' ') : failed.error?.message);

  const finished = job !== undefined && finishedStatuses.includes(job.status);
  const step = jobId === undefined ? 0 : finished ? 2 : 1;
  const result = asResult(job?.result);
  const roster = `/members${keepView(search)}`;

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('members.ui.import.title')}
        </Typography.Title>
      }
      extra={
        <Button
          icon={<ArrowLeftOutlined />}
          href={roster}
          onClick={(event) => {
            event.preventDefault();
            void navigate(roster);
          }}
        >
          {t('members.ui.import.back')}
        </Button>
      }
    >
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        data-testid="import-steps"
        items={[{ title: t('members.ui.import.step.choose') }, { title: t('members.ui.import.step.progress') }, { title: t('members.ui.import.step.summary') }]}
      />

      {step === 0 && (
        <Form layout="vertical" name="member-import" style={{ maxWidth: 720 }} data-testid="import-form" onFinish={() => void start()}>
          <Form.Item label={t('members.ui.import.into')} htmlFor="import-into" required extra={t('members.ui.import.into.hint')}>
            <OrgPicker id="import-into" value={into} onChange={(value) => setInto(value)} known={inView ? [inView] : []} />
          </Form.Item>
          <Form.Item
            label={t('members.ui.import.file')}
            required
            validateStatus={fileError ? 'error' : undefined}
            help={fileError}
            extra={t('members.ui.import.file.hint')}
          >
            <Upload.Dragger
              accept=".xlsx,.csv"
              maxCount={1}
              fileList={files}
              beforeUpload={(file) => {
                if (!importable.test(file.name)) {
                  setFileError(t('members.ui.import.file.unsupported'));
                  return Upload.LIST_IGNORE;
                }
                setFileError(undefined);
                setFiles([{ uid: file.uid, name: file.name, size: file.size, status: 'done', originFileObj: file }]);
                return false;
              }}
              showUploadList={false}
              data-testid="import-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('members.ui.import.file.choose')}</p>
            </Upload.Dragger>
            {files[0] && (
              <Space style={{ marginTop: 8 }} data-testid="import-chosen">
                <PaperClipOutlined />
                <Typography.Text strong>{files[0].name}</Typography.Text>
                <Typography.Text type="secondary">{t('members.ui.import.file.size', { size: ((files[0].size ?? 0) / 1024).toFixed(1) })}</Typography.Text>
                <Button type="link" size="small" icon={<DeleteOutlined />} onClick={() => setFiles([])}>
                  {t('members.ui.import.file.remove')}
                </Button>
              </Space>
            )}
          </Form.Item>
          {uploadError && <Alert type="error" showIcon title={uploadError} style={{ marginBottom: 16 }} data-testid="import-error" />}
          <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={uploading} disabled={!into} data-testid="import-start">
            {t('members.ui.import.start')}
          </Button>
        </Form>
      )}

      {step === 1 && (
        <Space orientation="vertical" size={16} style={{ display: 'flex', maxWidth: 720 }} data-testid="import-progress">
          <Typography.Text strong>{files[0]?.name}</Typography.Text>
          <Progress
            percent={job?.percent ?? (job?.status === 'running' ? 50 : 0)}
            status="active"
            showInfo={job?.percent !== null && job?.percent !== undefined}
            aria-label={t('members.ui.import.progress')}
          />
          <Typography.Text type="secondary" role="status">
            {!job || job.status === 'queued'
              ? t('members.ui.import.queued')
              : job.cancelRequested
                ? t('members.ui.import.cancelling')
                : job.progressTotal
                  ? t('members.ui.import.running.total', { done: job.progressDone, total: job.progressTotal })
                  : t('members.ui.import.running', { done: job.progressDone })}
          </Typography.Text>
          <div>
            <Popconfirm title={t('members.ui.import.cancel.confirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => cancel()}>
              <Button danger loading={cancelling} disabled={job !== undefined && !job.abilities.cancel} data-testid="import-cancel">
                {t('members.ui.import.cancel')}
              </Button>
            </Popconfirm>
          </div>
        </Space>
      )}

      {step === 2 && job && (
        <Space orientation="vertical" size={16} style={{ display: 'flex' }} data-testid="import-result">
          {job.status === 'succeeded' && (
            <Result
              status={result && result.rejected > 0 ? 'warning' : 'success'}
              title={t('members.ui.import.succeeded', { rows: result?.rows ?? job.progressDone })}
              subTitle={files[0]?.name}
              style={{ padding: '8px 0' }}
            />
          )}
          {job.status === 'cancelled' && <Alert type="warning" showIcon title={t('members.ui.import.cancelled')} />}
          {job.status === 'failed' && <Alert type="error" showIcon title={t('members.ui.import.failed')} description={failure(job)} data-testid="import-failed" />}
          {result && <Counts result={result} />}
          {result && result.rejected > 0 && mayReveal && (
            <div>
              <Button type="primary" icon={<DownloadOutlined />} href={`/api/v1/members/import/${job.id}/rejected`} download data-testid="import-rejected-download">
                {t('members.ui.import.rejected.download')}
              </Button>
            </div>
          )}
          {result && <RejectedRows result={result} />}
          {result && result.rejected === 0 && job.status === 'succeeded' && <Typography.Text type="secondary">{t('members.ui.import.rejected.none')}</Typography.Text>}
          <Space wrap>
            <Button
              href={roster}
              onClick={(event) => {
                event.preventDefault();
                void navigate(roster);
              }}
              data-testid="import-to-roster"
            >
              {t('members.ui.import.to_roster')}
            </Button>
            <Button onClick={again}>{t('members.ui.import.again')}</Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}
