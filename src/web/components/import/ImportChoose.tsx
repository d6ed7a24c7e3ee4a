import { DeleteOutlined, DownloadOutlined, InboxOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { orgEndpoints, type OrgView } from '../../../modules/org/schema.ts';
import { ApiError, call, urlOf } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { OrgPicker } from '../OrgPicker.tsx';
import { ColumnMapping } from './ColumnMapping.tsx';
import { ColumnsHelp } from './ColumnsHelp.tsx';
import type { HeaderPreview, ImportSpec } from './spec.ts';
import { previewFile, uploadFile } from './useJob.ts';

const importable = /\.(xlsx|csv)$/i;

/** The wizard's first step: the org the rows go into (the org in view unless another is picked) and the file. */
export function ImportChoose({ spec, orgCode, onStarted }: { spec: ImportSpec; orgCode: string; onStarted: (jobId: number, file: File) => void }) {
  const { t } = useI18n();
  const [inView, setInView] = useState<OrgView>();
  const [into, setInto] = useState<string | undefined>(orgCode);
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string>();
  const [preview, setPreview] = useState<HeaderPreview>();
  const [mapped, setMapped] = useState<Record<string, string>>({});

  // The chosen file's header, read by the server as the import will: shown, and its unknown columns mappable. Only a
  // new file (or endpoint) reads it again: a mapping in progress is not lost when the page renders anew.
  const previewEndpoint = spec.preview;
  useEffect(() => {
    setPreview(undefined);
    setMapped({});
    if (!file || !previewEndpoint) return;
    let current = true;
    previewFile({ preview: previewEndpoint }, file).then(
      (answer) => current && setPreview(answer),
      (error: unknown) => current && setFileError(error instanceof ApiError ? (error.problem.errors?.map((issue) => issue.message).join('；') ?? error.problem.detail) : String(error)),
    );
    return () => {
      current = false;
    };
  }, [file, previewEndpoint]);

  useEffect(() => {
    setInto(orgCode);
    call(orgEndpoints.get, { params: { orgCode } }).then(setInView, () => setInView(undefined));
  }, [orgCode]);

  const start = async () => {
    if (!file) return setFileError(t('import.file.required'));
    if (!into) return;
    setUploading(true);
    setUploadError(undefined);
    try {
      onStarted(await uploadFile(spec, into, file, mapped), file);
    } catch (error) {
      setUploadError(error instanceof ApiError ? (error.problem.errors?.map((issue) => issue.message).join('；') ?? error.problem.detail) : String(error));
      setUploading(false);
    }
  };

  return (
    <Form layout="vertical" name="import" style={{ maxWidth: 720 }} data-testid="import-form" onFinish={() => void start()}>
      <Form.Item label={t('import.into')} htmlFor="import-into" required extra={t(spec.intoHintKey)}>
        <OrgPicker id="import-into" value={into} onChange={(value) => setInto(value)} known={inView ? [inView] : []} />
      </Form.Item>
      <Form.Item
        label={t(spec.fileLabelKey)}
        required
        validateStatus={fileError ? 'error' : undefined}
        help={fileError}
        extra={
          <Space wrap size={4}>
            {t('import.file.hint')}
            {spec.template && (
              <Button type="link" size="small" icon={<DownloadOutlined />} href={urlOf(spec.template)} download data-testid="import-template" style={{ paddingInline: 0 }}>
                {t('import.template')}
              </Button>
            )}
          </Space>
        }
      >
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(chosen) => {
            if (!importable.test(chosen.name)) {
              setFileError(t('import.file.unsupported'));
              return Upload.LIST_IGNORE;
            }
            setFileError(undefined);
            setFile(chosen);
            return false;
          }}
          showUploadList={false}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.file.choose')}</p>
        </Upload.Dragger>
        {file && (
          <Space style={{ marginTop: 8 }} data-testid="import-chosen">
            <PaperClipOutlined />
            <Typography.Text strong>{file.name}</Typography.Text>
            <Typography.Text type="secondary">{t('import.file.size', { size: (file.size / 1024).toFixed(1) })}</Typography.Text>
            <Button type="link" size="small" icon={<DeleteOutlined />} onClick={() => setFile(undefined)}>
              {t('import.file.remove')}
            </Button>
          </Space>
        )}
      </Form.Item>
      {preview && (
        <Form.Item>
          <ColumnMapping spec={spec} preview={preview} mapped={mapped} onChange={setMapped} />
        </Form.Item>
      )}
      <Form.Item>
        <ColumnsHelp spec={spec} />
      </Form.Item>
      {uploadError && <Alert type="error" showIcon title={uploadError} style={{ marginBottom: 16 }} data-testid="import-error" />}
      <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={uploading} disabled={!into} data-testid="import-start">
        {t('import.start')}
      </Button>
    </Form>
  );
}
