import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { ApiError, urlOf } from '../../../../web/api.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { maxAttachmentBytes, maxAttachments, publicAppealEndpoints, type uploadReceipt } from '../../public-schema.ts';
import { postFile, withChallenge } from './challenge.ts';
import type { z } from 'zod';

type Receipt = z.output<typeof uploadReceipt>;
const accepted = ['image/jpeg', 'image/png', 'application/pdf'];

/** The upload ids of the files that went up, for the submission; `busy` or `failed` while any did not. */
export function uploadIdsOf(files: UploadFile[] = []): { ids: string[]; busy: boolean; failed: boolean } {
  return {
    ids: files.flatMap((file) => (file.status === 'done' ? [(file.response as Receipt).uploadId] : [])),
    busy: files.some((file) => file.status === 'uploading'),
    failed: files.some((file) => file.status === 'error'),
  };
}

/**
 * Files go up one at a time as they are chosen (POST /public/appeal-attachments, each with its own challenge), before
 * the appeal is sent; the appeal names their upload ids. The type and size are checked here first so a worker on a
 * slow line does not wait to be told; the server checks them again by the file's first bytes.
 */
export function AttachmentsField({ id, value, onChange }: { id?: string; value?: UploadFile[]; onChange?: (files: UploadFile[]) => void }) {
  const { t } = useI18n();
  const [refusal, setRefusal] = useState<string>();
  return (
    <>
      <Upload
        fileList={value ?? []}
        onChange={({ fileList }) => onChange?.(fileList)}
        accept={[...accepted, '.jpg', '.jpeg', '.png', '.pdf'].join(',')}
        maxCount={maxAttachments}
        multiple
        beforeUpload={(file) => {
          setRefusal(undefined);
          if (!accepted.includes(file.type)) setRefusal(t('appeals.public.attach.type', { name: file.name }));
          else if (file.size > maxAttachmentBytes) setRefusal(t('appeals.public.attach.size', { name: file.name }));
          else return true;
          return Upload.LIST_IGNORE;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          const blob = file as File;
          withChallenge((headers) => postFile<Receipt>(urlOf(publicAppealEndpoints.upload), blob, blob.name, headers)).then(
            (receipt) => onSuccess?.(receipt),
            (error: unknown) => {
              setRefusal(error instanceof ApiError ? error.problem.detail || t('appeals.public.too_large') : String(error));
              onError?.(error as Error);
            },
          );
        }}
      >
        <Button id={id} icon={<PaperClipOutlined />} disabled={(value?.length ?? 0) >= maxAttachments} data-testid="appeal-attach">
          {t('appeals.public.attach')}
        </Button>
      </Upload>
      {refusal && <Alert type="error" showIcon title={refusal} role="alert" style={{ marginTop: 8 }} data-testid="appeal-attach-refused" />}
    </>
  );
}
