import { App, DatePicker, Form, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { call } from '../../../web/api.ts';
import { useSave, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { endMembershipRequest, memberEndpoints, requestTransferRequest, userEndReasons, type MemberView } from '../schema.ts';
import { DestinationPicker } from './DestinationPicker.tsx';
import { afterToday, dateRule, enumOptions, isoDay } from './labels.ts';

/** 终止会籍: a date (not after today) and one of the reasons a user gives. */
export function EndModal({ member, open, onClose, onEnded }: { member: MemberView; open: boolean; onClose: () => void; onEnded: (member: MemberView) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ endedOn?: Dayjs; reason?: (typeof userEndReasons)[number] }>();
  const { saving, save } = useSave(form);
  const submit = async (values: { endedOn?: Dayjs; reason?: (typeof userEndReasons)[number] }) => {
    await save(async () => {
      const ended = await call(memberEndpoints.end, { params: { membershipId: member.id }, body: { endedOn: isoDay(values.endedOn)!, reason: values.reason! } });
      void message.success(t('members.ui.end.done'));
      onEnded(ended);
    });
  };
  return (
    <Modal title={t('members.ui.end.title')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.confirm')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden>
      <Form form={form} name="member-end" layout="vertical" onFinish={submit} initialValues={{ endedOn: dayjs(), reason: 'left' }} data-testid="member-end-form">
        <Form.Item label={t('members.field.endedOn')} name="endedOn" required rules={[dateRule(endMembershipRequest.shape.endedOn, t)]}>
          <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('members.field.endReason')} name="reason" required rules={[zodRule(endMembershipRequest.shape.reason, t)]}>
          <Select options={enumOptions(userEndReasons, t, 'members.end_reason')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 转移: the receiving grassroots union, found by its name or code (it may lie outside the user's scope), and the date asked. */
export function TransferModal({ member, open, onClose, onRequested }: { member: MemberView; open: boolean; onClose: () => void; onRequested: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ toOrgCode?: string; requestedOn?: Dayjs }>();
  const { saving, save } = useSave(form);
  const submit = (values: { toOrgCode?: string; requestedOn?: Dayjs }) =>
    save(async () => {
      await call(memberEndpoints.requestTransfer, { params: { membershipId: member.id }, body: { toOrgCode: values.toOrgCode!.trim(), requestedOn: isoDay(values.requestedOn)! } });
      void message.success(t('members.ui.transfer.requested'));
      onRequested();
    });
  return (
    <Modal title={t('members.ui.transfer.title')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.confirm')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden>
      <Form form={form} name="member-transfer" layout="vertical" onFinish={submit} initialValues={{ requestedOn: dayjs() }} data-testid="member-transfer-form">
        <Form.Item label={t('members.field.toOrgCode')} name="toOrgCode" required rules={[zodRule(requestTransferRequest.shape.toOrgCode, t)]} extra={t('members.ui.transfer.code.hint')}>
          <DestinationPicker aria-label={t('members.field.toOrgCode')} />
        </Form.Item>
        <Form.Item label={t('members.field.requestedOn')} name="requestedOn" required rules={[dateRule(requestTransferRequest.shape.requestedOn, t)]}>
          <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

