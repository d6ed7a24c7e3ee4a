import { App, Form, Input, Modal } from 'antd';
import { call } from '../../../../web/api.ts';
import { useSave, zodRule } from '../../../../web/forms.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { closeCentreRequest, registryEndpoints, type CentreDetail } from '../../registry-schema.ts';

/** Closes a centre or station as of a day; a day before it was established comes back on the field. */
export function CloseCentreModal({ centre, open, onClose, onDone }: { centre: CentreDetail; open: boolean; onClose: () => void; onDone: (centre: CentreDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ closedOn: string }>();
  const { saving, save } = useSave(form);
  const submit = ({ closedOn }: { closedOn: string }) =>
    save(async () => {
      const changed = await call(registryEndpoints.close, { params: { centreId: centre.id }, body: { closedOn } });
      void message.success(t('appeals.centres.closed'));
      onDone(changed);
    });
  return (
    <Modal title={t('appeals.centres.close.title', { name: centre.name })} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.confirm')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden>
      <Form form={form} name="centre-close" layout="vertical" onFinish={submit} data-testid="centre-close-form">
        <Form.Item label={t('appeals.centres.field.closedOn')} name="closedOn" required rules={[zodRule(closeCentreRequest.shape.closedOn, t)]}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
