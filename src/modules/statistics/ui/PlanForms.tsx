import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, InputNumber, Row, Typography, Upload } from 'antd';
import { useState } from 'react';
import { check, fieldIssues } from '../../../core/validation.ts';
import { ApiError, call, urlOf, type Problem } from '../../../web/api.ts';
import { FormDrawer } from '../../../web/components/FormDrawer.tsx';
import { useSave, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { createPlanRequest, loadPlanRequest, planFile, statisticsEndpoints, type PlanFile, type PlanView } from '../schema.ts';

interface PlanFormValues {
  code?: string;
  name?: string;
  fromYear?: number;
  toYear?: number;
  baselineFromYear?: number;
  baselineToYear?: number;
}

/** The fields a plan has: code, name, its period and the period its baseline describes. */
function PlanFields({ baselineRequired }: { baselineRequired: boolean }) {
  const { t } = useI18n();
  const schema = baselineRequired ? loadPlanRequest.shape : createPlanRequest.shape;
  const year = (name: keyof PlanFormValues, required: boolean) => (
    <Col xs={24} sm={12}>
      <Form.Item label={t(`statistics.ui.field.${name}`)} name={name} required={required} rules={[zodRule(schema[name], t)]}>
        <InputNumber style={{ width: '100%' }} precision={0} />
      </Form.Item>
    </Col>
  );
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Form.Item label={t('statistics.ui.field.code')} name="code" required rules={[zodRule(schema.code, t)]} extra={t('statistics.ui.field.code.hint')}>
          <Input maxLength={40} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label={t('statistics.ui.field.name')} name="name" required rules={[zodRule(schema.name, t)]}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      {year('fromYear', true)}
      {year('toYear', true)}
      {year('baselineFromYear', baselineRequired)}
      {year('baselineToYear', baselineRequired)}
    </Row>
  );
}

/** 新增规划: a plan for another period, without targets yet. */
export function CreatePlanDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (plan: PlanView) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanFormValues>();
  const { saving, save } = useSave(form);

  const submit = (values: PlanFormValues) =>
    save(async () => {
      const created = await call(statisticsEndpoints.createPlan, { body: { code: values.code!, name: values.name!, fromYear: values.fromYear!, toYear: values.toYear!, baselineFromYear: values.baselineFromYear, baselineToYear: values.baselineToYear } });
      void message.success(t('statistics.ui.plans.created', { name: created.name }));
      onCreated(created);
    });

  return (
    <FormDrawer title={t('statistics.ui.plans.create')} open={open} onClose={onClose} onSave={() => form.submit()} saving={saving} saveTestId="plan-save">
      <Form form={form} name="plan-create" layout="vertical" onFinish={submit} data-testid="plan-form">
        <PlanFields baselineRequired={false} />
      </Form>
    </FormDrawer>
  );
}

/**
 * 导入规划文件: a file in the form of report-figures.json, read in the browser and checked against the contract before
 * it is sent, so a wrong file is named at once with the place of its first fault.
 */
export function LoadPlanDrawer({ open, onClose, onLoaded }: { open: boolean; onClose: () => void; onLoaded: (plan: PlanView) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanFormValues>();
  const { saving, save } = useSave(form);
  // The file is read here, not held by the form: the form's fields are the plan's.
  const [chosen, setChosen] = useState<{ name: string; file: PlanFile }>();
  const [fileError, setFileError] = useState<string>();

  /** A workbook is read by the server (one row per target, every row checked) into the plan file's form. */
  const readWorkbook = async (file: File) => {
    const body = new FormData();
    body.append('file', file, file.name);
    const response = await fetch(urlOf(statisticsEndpoints.readPlanWorkbook), { method: 'POST', body, credentials: 'same-origin' });
    const text = await response.text();
    const data: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const problem = data as Problem;
      setFileError(problem.errors?.length ? problem.errors.map((issue) => issue.message).join('；') : new ApiError(problem).message);
      return;
    }
    setFileError(undefined);
    setChosen({ name: file.name, file: (data as { file: PlanFile }).file });
  };

  const read = async (file: File) => {
    setChosen(undefined);
    if (file.name.toLowerCase().endsWith('.xlsx')) return readWorkbook(file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (error) {
      setFileError(t('statistics.ui.file.not_json', { detail: error instanceof Error ? error.message : String(error) }));
      return;
    }
    const result = check(planFile, parsed);
    if (!result.success) {
      const [issue] = fieldIssues(result.error);
      setFileError(t('statistics.ui.file.invalid', { path: issue!.path, detail: t(issue!.messageKey, issue!.params) }));
      return;
    }
    setFileError(undefined);
    setChosen({ name: file.name, file: result.data });
  };

  const submit = async (values: PlanFormValues) => {
    if (!chosen) {
      setFileError(t('statistics.ui.file.required'));
      return;
    }
    await save(async () => {
      const loaded = await call(statisticsEndpoints.loadPlan, {
        body: { code: values.code!, name: values.name!, fromYear: values.fromYear!, toYear: values.toYear!, baselineFromYear: values.baselineFromYear!, baselineToYear: values.baselineToYear!, file: chosen.file },
      });
      void message.success(t('statistics.ui.plans.loaded', { name: loaded.name, targets: loaded.targets.length, baseline: loaded.baseline.length }));
      onLoaded(loaded);
    });
  };

  return (
    <FormDrawer title={t('statistics.ui.plans.load')} open={open} onClose={onClose} onSave={() => {
        if (!chosen) setFileError(t('statistics.ui.file.required'));
        form.submit();
      }} saving={saving} saveTestId="plan-load-save">
      <Form form={form} name="plan-load" layout="vertical" onFinish={submit} data-testid="plan-load-form" initialValues={{ fromYear: 2013, toYear: 2018, baselineFromYear: 2008, baselineToYear: 2012 }}>
        <Form.Item label={t('statistics.ui.field.file')} required extra={t('statistics.ui.file.hint')} validateStatus={fileError ? 'error' : undefined} help={fileError}>
          <div>
            <Upload
              accept=".json,.xlsx,application/json"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(file) => {
                void read(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{t('statistics.ui.file.choose')}</Button>
            </Upload>
            <Button type="link" icon={<DownloadOutlined />} href={urlOf(statisticsEndpoints.planTemplate)} download data-testid="plan-template">
              {t('statistics.ui.file.template')}
            </Button>
            {chosen && (
              <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} data-testid="plan-file-chosen">
                {t('statistics.ui.file.chosen', { name: chosen.name, baseline: chosen.file.baseline.length, targets: chosen.file.targets.length })}
              </Typography.Paragraph>
            )}
          </div>
        </Form.Item>
        <PlanFields baselineRequired />
      </Form>
    </FormDrawer>
  );
}
