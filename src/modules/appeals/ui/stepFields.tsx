import { Input, InputNumber, Radio, Select } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { call } from '../../../web/api.ts';
import { OrgPicker } from '../../../web/components/OrgPicker.tsx';
import type { useI18n } from '../../../web/i18n.tsx';
import {
  actionKinds, actionRequest, answerRequest, appealEndpoints, assignRequest, difficulties, difficultyRequest, extensionDecisionRequest, extensionRequest, forwardRequest,
  noteRequest, ratingRequest, ratings, reasonRequest, reconsiderRequest, reviewRequest, superviseRequest, type AppealStep,
} from '../schema.ts';
import { enumOptions } from './labels.ts';

type Translate = ReturnType<typeof useI18n>['t'];

/** One field of a step's form: its name in the step's body, the body's own schema for it, and how it is entered. */
export interface StepField {
  name: string;
  schema: z.ZodType;
  required: boolean;
  input: (t: Translate, appealId: number) => ReactNode;
}

const note = (schema: z.ZodType, required = false, name = 'note'): StepField => ({ name, schema, required, input: () => <Input.TextArea rows={3} maxLength={2000} /> });
const choice = (name: string, schema: z.ZodType, values: readonly string[], prefix: string): StepField => ({ name, schema, required: true, input: (t) => <Radio.Group options={enumOptions(values, t, prefix)} optionType="button" /> });

/** The handling org's officers and admins (GET /appeals/{id}/handlers). */
function HandlerSelect({ appealId, ...props }: { appealId: number; id?: string; value?: number; onChange?: (value: number) => void }) {
  const [options, setOptions] = useState<{ value: number; label: string }[]>();
  useEffect(() => {
    call(appealEndpoints.handlers, { params: { appealId } }).then((list) => setOptions(list.items.map((item) => ({ value: item.id, label: `${item.name}（${item.orgName}）` }))), () => setOptions([]));
  }, [appealId]);
  return <Select {...props} loading={!options} options={options ?? []} showSearch={{ optionFilterProp: 'label' }} />;
}

/** Each step's form (README.md, "States"): the fields of its request body, validated by the body's own schema. */
export const stepFields: Record<AppealStep, StepField[]> = {
  accept: [note(noteRequest.shape.note)],
  forward: [{ name: 'orgCode', schema: forwardRequest.shape.orgCode, required: true, input: () => <OrgPicker /> }, note(forwardRequest.shape.reason, true, 'reason')],
  escalate: [note(reasonRequest.shape.reason, true, 'reason')],
  setDifficulty: [choice('difficulty', difficultyRequest.shape.difficulty, difficulties, 'appeals.difficulty')],
  assign: [{ name: 'handlerId', schema: assignRequest.shape.handlerId, required: true, input: (_t, appealId) => <HandlerSelect appealId={appealId} /> }],
  record: [{ name: 'kind', schema: actionRequest.shape.kind, required: true, input: (t) => <Select options={enumOptions(actionKinds, t, 'appeals.action')} /> }, note(actionRequest.shape.note, true)],
  wait: [note(noteRequest.shape.note)],
  resume: [note(noteRequest.shape.note)],
  answer: [{ name: 'answer', schema: answerRequest.shape.answer, required: true, input: () => <Input.TextArea rows={6} maxLength={4000} showCount /> }],
  review: [choice('decision', reviewRequest.shape.decision, ['approve', 'return'], 'appeals.decision'), note(reviewRequest.shape.note)],
  requestExtension: [{ name: 'days', schema: extensionRequest.shape.days, required: true, input: () => <InputNumber min={1} max={30} precision={0} /> }, note(extensionRequest.shape.reason, true, 'reason')],
  decideExtension: [
    { name: 'approve', schema: extensionDecisionRequest.shape.approve, required: true, input: (t) => <Radio.Group options={[{ value: true, label: t('common.yes') }, { value: false, label: t('common.no') }]} optionType="button" /> },
    note(extensionDecisionRequest.shape.note),
  ],
  supervise: [note(superviseRequest.shape.note, true)],
  rate: [choice('rating', ratingRequest.shape.rating, ratings, 'appeals.rating'), note(ratingRequest.shape.reason, false, 'reason')],
  reconsider: [choice('decision', reconsiderRequest.shape.decision, ['uphold', 'redo'], 'appeals.decision'), note(reconsiderRequest.shape.note, true)],
};

/** The label of a step's field: the body's name for it (`reason`, `note`, `handlerId` …). */
export function fieldLabel(t: Translate, name: string): string {
  const labels: Record<string, string> = { orgCode: 'appeals.field.org', handlerId: 'appeals.field.handler', kind: 'appeals.field.actionKind', approve: 'appeals.field.approve' };
  return t(labels[name] ?? `appeals.field.${name}`);
}
