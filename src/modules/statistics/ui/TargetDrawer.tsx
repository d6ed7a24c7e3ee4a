import { App, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { call } from '../../../web/api.ts';
import { FormDrawer } from '../../../web/components/FormDrawer.tsx';
import { useSave, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { comparisons, statisticsEndpoints, targetModes, targetRequest, type IndicatorInfo, type PlanView, type TargetView } from '../schema.ts';

interface TargetFormValues {
  indicator?: string;
  comparison?: TargetView['comparison'];
  /** In per cent for a rate (90 for 90 %), as people write it; the contract's fraction is sent. */
  value?: number;
  mode?: TargetView['mode'];
  year?: number;
  quote?: string;
}

const isRate = (indicator: IndicatorInfo | undefined) => indicator?.kind === 'rate';
/** 0.9 → 90 without binary noise (0.07 × 100 = 7.000000000000001). */
const toPercent = (value: number) => Math.round(value * 100 * 1e6) / 1e6;

/** A target of a plan, new or edited: comparison, value, mode and year, checked with the contract's own rules. */
export function TargetDrawer({
  plan,
  target,
  indicators,
  open,
  onClose,
  onSaved,
}: {
  plan: PlanView;
  /** Absent: a new target. */
  target?: TargetView | undefined;
  indicators: IndicatorInfo[];
  open: boolean;
  onClose: () => void;
  onSaved: (target: TargetView) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<TargetFormValues>();
  const { saving, save } = useSave(form);
  const chosen = Form.useWatch('indicator', form) ?? target?.indicator;
  const indicator = indicators.find((item) => item.code === chosen);
  const rate = isRate(indicator);
  const taken = new Set(plan.targets.map((item) => item.indicator));
  const titleOf = (code: string) => indicators.find((item) => item.code === code)?.title ?? code;

  const submit = (values: TargetFormValues) =>
    save(async () => {
      const value = values.value === undefined ? undefined : rate ? values.value / 100 : values.value;
      const fields = { comparison: values.comparison, value, mode: values.mode, year: values.year, quote: values.quote?.trim() || null };
      const saved = target
        ? await call(statisticsEndpoints.updateTarget, { params: { planId: plan.id, targetId: target.id }, body: fields })
        : await call(statisticsEndpoints.addTarget, { params: { planId: plan.id }, body: { ...fields, indicator: values.indicator!, comparison: values.comparison!, value: value!, mode: values.mode!, year: values.year! } });
      void message.success(t('common.saved'));
      onSaved(saved);
    });

  return (
    <FormDrawer
      title={target ? t('statistics.ui.target.edit.title', { title: titleOf(target.indicator) }) : t('statistics.ui.target.add.title', { plan: plan.name })}
      open={open}
      onClose={onClose}
      onSave={() => form.submit()}
      saving={saving}
      saveTestId="target-save"
    >
      <Form
        form={form}
        name="target"
        layout="vertical"
        onFinish={submit}
        data-testid="target-form"
        initialValues={
          target
            ? { ...target, value: isRate(indicators.find((item) => item.code === target.indicator)) ? toPercent(target.value) : target.value, quote: target.quote ?? undefined }
            : { comparison: '>=', mode: 'by', year: plan.toYear }
        }
      >
        <Form.Item label={t('statistics.ui.field.indicator')} name="indicator" required rules={[zodRule(targetRequest.shape.indicator, t)]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!!target}
            options={indicators.map((item) => ({ value: item.code, label: `${item.title}（${item.code}）`, disabled: !target && taken.has(item.code) }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item label={t('statistics.ui.field.comparison')} name="comparison" required rules={[zodRule(targetRequest.shape.comparison, t)]}>
              <Radio.Group optionType="button" options={comparisons.map((value) => ({ value, label: t(`statistics.ui.comparison.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('statistics.ui.field.value')} name="value" required rules={[zodRule(targetRequest.shape.value, t)]} extra={rate ? t('statistics.ui.field.value.percent') : undefined}>
              <InputNumber style={{ width: '100%' }} min={0} suffix={rate ? '%' : undefined} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('statistics.ui.field.mode')} name="mode" required rules={[zodRule(targetRequest.shape.mode, t)]}>
              <Select options={targetModes.map((value) => ({ value, label: t(`statistics.ui.mode.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('statistics.ui.field.year')} name="year" required rules={[zodRule(targetRequest.shape.year, t)]} extra={t('statistics.ui.field.year.hint')}>
              <InputNumber style={{ width: '100%' }} precision={0} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('statistics.ui.field.quote')} name="quote" rules={[zodRule(targetRequest.shape.quote, t)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
