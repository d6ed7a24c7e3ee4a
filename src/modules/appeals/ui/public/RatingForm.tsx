import { Alert, Button, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { call } from '../../../../web/api.ts';
import { zodRule } from '../../../../web/forms.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { publicAppealEndpoints, type PublicAppealView } from '../../public-schema.ts';
import { ratingRequest, ratings, type Rating } from '../../schema.ts';
import { withChallenge } from './challenge.ts';
import { showProblem } from './problems.ts';

type Values = { rating?: Rating; reason?: string };

/**
 * The worker's rating of a closed appeal, once: satisfied, basically, or not satisfied with a reason (the server
 * refuses that one without it, and reopens the appeal for the level above). A write, so it carries a challenge.
 */
export function RatingForm({ code, onRated }: { code: string; onRated: (view: PublicAppealView) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const rating = Form.useWatch('rating', form);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const send = async (values: Values) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const body = { rating: values.rating!, reason: values.reason?.trim() || undefined };
      onRated(await withChallenge((headers) => call(publicAppealEndpoints.rate, { params: { trackingCode: code }, body }, headers)));
    } catch (error) {
      setProblem(showProblem(form, ['rating', 'reason'], error, t));
    } finally {
      setBusy(false);
    }
  };

  const notSatisfied = rating === 'not_satisfied';
  return (
    <Form form={form} name="appeal-rating" layout="vertical" size="large" onFinish={send} data-testid="appeal-rating-form" disabled={busy}>
      <Form.Item label={t('appeals.public.rate.title')} name="rating" rules={[{ required: true, message: t('appeals.public.rate.choose') }]}>
        <Radio.Group options={ratings.map((value) => ({ value, label: t(`appeals.rating.${value}`) }))} style={{ display: 'flex', flexDirection: 'column', gap: 8 }} />
      </Form.Item>
      <Form.Item
        label={t(notSatisfied ? 'appeals.public.rate.reason' : 'appeals.public.rate.reason.optional')}
        name="reason"
        required={notSatisfied}
        rules={[zodRule(ratingRequest.shape.reason, t), { required: notSatisfied, whitespace: true, message: t('appeals.public.rate.reason.required') }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      {problem && <Alert type="error" showIcon title={problem} role="alert" style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="appeal-rating-send">
        {t('appeals.public.rate.send')}
      </Button>
    </Form>
  );
}
