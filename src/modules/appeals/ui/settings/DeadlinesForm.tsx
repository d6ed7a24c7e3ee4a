import { Alert, App, Button, Card, Form, InputNumber, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError, call } from '../../../../web/api.ts';
import { useSave, zodRule } from '../../../../web/forms.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { calendarEndpoints, updateSettingsRequest, type SettingsView, type UpdateSettingsRequest } from '../../registry-schema.ts';

const fields = ['deadlineSimple', 'deadlineOrdinary', 'deadlineComplex', 'warningCount', 'warningDays', 'wagesWarningCount', 'wagesWarningDays'] as const;
const rules = updateSettingsRequest.shape;

/** The province's deadlines by difficulty and the early warning's thresholds; editable where the abilities say. */
export function DeadlinesForm() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<UpdateSettingsRequest>();
  const { saving, save } = useSave(form);
  const [settings, setSettings] = useState<SettingsView>();
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    call(calendarEndpoints.settings).then(setSettings, (error: unknown) => setFailed(error instanceof ApiError ? error.problem.detail : String(error)));
  }, []);
  useEffect(() => {
    if (settings) form.setFieldsValue(settings);
  }, [settings, form]);
  const editable = settings?.abilities.update ?? false;
  const submit = (values: UpdateSettingsRequest) =>
    save(async () => {
      setSettings(await call(calendarEndpoints.updateSettings, { body: values }));
      void message.success(t('appeals.settings.saved'));
    });
  return (
    <Card type="inner" title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>{t('appeals.settings.deadlines')}</Typography.Title>} extra={settings && <Typography.Text type="secondary">{t('appeals.settings.updated_at', { at: dayjs(settings.updatedAt).format('YYYY-MM-DD HH:mm') })}</Typography.Text>}>
      {failed ? (
        <Alert type="error" showIcon title={failed} />
      ) : !settings ? (
        <Skeleton active />
      ) : (
        <>
        {!editable && <Alert type="info" showIcon title={t('appeals.settings.read_only')} style={{ marginBottom: 16 }} data-testid="appeal-settings-read-only" />}
        <Form form={form} name="appeal-settings" layout="inline" onFinish={submit} disabled={!editable} style={{ rowGap: 12 }} data-testid="appeal-settings">
          {fields.map((name) => (
            <Form.Item key={name} label={t(`appeals.settings.field.${name}`)} name={name} rules={[zodRule(rules[name], t)]}>
              <InputNumber min={1} style={{ width: 90 }} />
            </Form.Item>
          ))}
          {editable && (
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="appeal-settings-save">
                {t('common.save')}
              </Button>
            </Form.Item>
          )}
        </Form>
        </>
      )}
    </Card>
  );
}
