import { App, DatePicker, Form, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { call } from '../../../web/api.ts';
import { useSave } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { decideTransferRequest, memberEndpoints, type TransferView } from '../schema.ts';
import { afterToday, dateRule, isoDay } from './labels.ts';

export type Decision = { transfer: TransferView; verdict: 'accept' | 'reject' };

/** Accepting or refusing at the destination: the date decided (not before the request, not after today). */
export function DecideModal({ decision, onClose, onDone }: { decision: Decision | undefined; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decidedOn?: Dayjs }>();
  const { saving, save } = useSave(form);
  if (!decision) return null;
  const { transfer, verdict } = decision;
  const submit = (values: { decidedOn?: Dayjs }) =>
    save(async () => {
      const endpoint = verdict === 'accept' ? memberEndpoints.acceptTransfer : memberEndpoints.rejectTransfer;
      await call(endpoint, { params: { transferId: transfer.id }, body: { decidedOn: isoDay(values.decidedOn)! } });
      void message.success(t(verdict === 'accept' ? 'members.ui.transfer.accepted' : 'members.ui.transfer.rejected'));
      onDone();
    });
  return (
    <Modal
      open
      title={t(`members.ui.transfer.${verdict}.title`, { name: transfer.memberName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(`members.ui.transfer.${verdict}`)}
      okButtonProps={{ danger: verdict === 'reject' }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} name="transfer-decide" layout="vertical" onFinish={submit} initialValues={{ decidedOn: dayjs() }} data-testid="transfer-decide-form">
        <Form.Item label={t('members.field.decidedOn')} name="decidedOn" required rules={[dateRule(decideTransferRequest.shape.decidedOn, t)]}>
          <DatePicker disabledDate={(day) => afterToday(day) || day.isBefore(dayjs(transfer.requestedOn), 'day')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

