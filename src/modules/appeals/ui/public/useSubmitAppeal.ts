import type { FormInstance, UploadFile } from 'antd';
import { useState } from 'react';
import { ApiError, call } from '../../../../web/api.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { publicAppealEndpoints, type publicReceipt } from '../../public-schema.ts';
import type { AppealFields } from '../../schema.ts';
import { uploadIdsOf } from './AttachmentsField.tsx';
import { challengeHeaders } from './challenge.ts';
import { showProblem } from './problems.ts';
import type { z } from 'zod';

export type Receipt = z.output<typeof publicReceipt>;
export type AppealValues = Partial<AppealFields> & { files?: UploadFile[] };
/** What the worker sees while it runs: the proof of work takes a second or two on a phone, so it is said. */
export type Phase = 'idle' | 'solving' | 'sending';

/** The fields a refusal may name and the form shows (`attachments` is the files' field, `files`). */
export const formFields = ['kind', 'category', 'employerName', 'placeCode', 'facts', 'request', 'name', 'phone', 'files'] as const;
const blank = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/**
 * Sends the appeal: the files' upload ids, a fresh challenge solved, the body; a refused challenge (it expired while
 * the worker wrote) is solved again once. The server stores nothing of a refused appeal, so trying again is safe.
 */
export function useSubmitAppeal(form: FormInstance<AppealValues>, onSent: (receipt: Receipt) => void) {
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>('idle');
  const [problem, setProblem] = useState<string>();

  const submit = async (values: AppealValues) => {
    setProblem(undefined);
    const files = uploadIdsOf(values.files);
    if (files.busy || files.failed) {
      form.setFields([{ name: 'files', errors: [t(files.busy ? 'appeals.public.attach.busy' : 'appeals.public.attach.failed')] }]);
      return;
    }
    const body = {
      kind: values.kind!, category: values.category!, employerId: values.employerId, employerName: values.employerName!, placeCode: values.placeCode!,
      facts: values.facts!, request: values.request!, groupInvolved: values.groupInvolved ?? false, anonymous: values.anonymous ?? false,
      ...(values.anonymous ? {} : { name: blank(values.name), phone: blank(values.phone) }),
      attachments: files.ids,
    };
    try {
      for (let attempt = 1; ; attempt++) {
        setPhase('solving');
        const headers = await challengeHeaders();
        setPhase('sending');
        try {
          onSent(await call(publicAppealEndpoints.submit, { body }, headers));
          return;
        } catch (error) {
          if (attempt === 1 && error instanceof ApiError && error.problem.code === 'challenge_failed') continue;
          throw error;
        }
      }
    } catch (error) {
      // The server names the files `attachments`; the form's field for them is `files`.
      if (error instanceof ApiError) error.problem.errors?.forEach((issue) => (issue.path = issue.path.replace(/^attachments/, 'files')));
      setProblem(showProblem(form, formFields, error, t));
    } finally {
      setPhase('idle');
    }
  };
  return { phase, problem, submit };
}
