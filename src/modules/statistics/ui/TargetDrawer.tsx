import { App, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { call } from '../../../web/api.ts';
import { FormDrawer } from '../../../web/components/FormDrawer.tsx';
import { useSave, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { comparisons, percent, statisticsEndpoints, targetModes, targetRequest, type IndicatorInfo, type PlannedIndicator, type PlanView, type TargetView } from '../schema.ts';

interface TargetFormValues {
  indicator?: string;
  comparison?: TargetView['comparison'];
  /** In per cent for a rate (90 for 90 %), as people write it and as the contract takes it (unit `percent`). */
  value?: number;
  mode?: TargetView['mode'];
  year?: number;
  quote?: string;
}

/** A target of a plan, new or edited: comparison, value, mode and year, checked with the contract's own rules. */
export function TargetDrawer({
  plan,
  target,
  indicators,
  notMeasured,
  open,
  onClose,
  onSaved,
}: {
  plan: PlanView;
  /** Absent: a new target. */
  target?: TargetView | undefined;
  indicators: IndicatorInfo[];
  /** The report's targets no module computes yet: they may be added too. */
  notMeasured: PlannedIndicator[];
  open: boolean;
  onClose: () => void;
  onSaved: (target: TargetView) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<TargetFormValues>();
  const { saving, save } = useSave(form);
  const chosen = Form.useWatch('indicator', form) ?? target?.indicator;
  const planned = notMeasured.find((item) => item.code === chosen);
  // A rate by the target's own unit, else by the indicator's kind, else by the report's plan.
  const rate = target ? target.unit === percent : indicators.find((item) => item.code === chosen)?.kind === 'rate' || planned?.unit === percent;
  const taken = new Set(plan.targets.map((item) => item.indicator));
  const choices = [
    ...indicators.map((item) => ({ value: item.code, label: item.title, disabled: !target && taken.has(item.code) })),
    ...notMeasured.map((item) => ({ value: item.code, label: `${item.title}（${t('statistics.ui.target.not_measured')}）`, disabled: !target && taken.has(item.code) })),
  ];

  const submit = (values: TargetFormValues) =>
    save(async () => {
      const unit = rate ? percent : undefined;
      const fields = { comparison: values.comparison, value: values.value, unit, mode: values.mode, year: values.year, quote: values.quote?.trim() || null };
      const saved = target
        ? await call(statisticsEndpoints.updateTarget, { params: { planId: plan.id, targetId: target.id }, body: fields })
        : await call(statisticsEndpoints.addTarget, {
            params: { planId: plan.id },
            body: { ...fields, indicator: values.indicator!, comparison: values.comparison!, value: values.value!, mode: values.mode!, year: values.year!, ...(planned ? { unit: planned.unit === percent ? percent : planned.unit, title: planned.title } : {}) },
          });
      void message.success(t('common.saved'));
      onSaved(saved);
    });

  return (
    <FormDrawer
      title={target ? t('statistics.ui.target.edit.title', { title: target.title }) : t('statistics.ui.target.add.title', { plan: plan.name })}
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
            ? { ...target, quote: target.quote ?? undefined }
            : { comparison: '>=', mode: 'by', year: plan.toYear }
        }
      >
        {target ? (
          <Form.Item label={t('statistics.ui.field.indicator')} htmlFor="target-indicator">
            <Input id="target-indicator" value={target.measured ? target.title : `${target.title}（${t('statistics.ui.target.not_measured')}）`} disabled />
          </Form.Item>
        ) : (
          <Form.Item label={t('statistics.ui.field.indicator')} name="indicator" required rules={[zodRule(targetRequest.shape.indicator, t)]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={choices} />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item label={t('statistics.ui.field.comparison')} name="comparison" required rules={[zodRule(targetRequest.shape.comparison, t)]}>
              <Radio.Group optionType="button" options={comparisons.map((value) => ({ value, label: t(`statistics.ui.comparison.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t('statistics.ui.field.value')}
              name="value"
              required
              rules={[zodRule(targetRequest.shape.value, t), ...(rate ? [{ type: 'number' as const, min: 0, max: 100, message: t('statistics.rate_range') }] : [])]}
              extra={rate ? t('statistics.ui.field.value.percent') : undefined}
            >
              <InputNumber style={{ width: '100%' }} suffix={rate ? '%' : undefined} />
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
