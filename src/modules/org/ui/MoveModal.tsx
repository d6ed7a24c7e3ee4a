import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { call } from '../../../web/api.ts';
import { OrgPicker } from '../../../web/components/OrgPicker.tsx';
import { useSave, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { mayStandUnder } from '../rules.ts';
import { moveOrgRequest, orgEndpoints, type OrgView } from '../schema.ts';
import { dateItemProps, today } from './OrgFields.tsx';

/** 迁移: a new parent and the date the move takes effect, confirmed before anything moves. */
export function MoveModal({ org, open, onClose, onMoved }: { org: OrgView; open: boolean; onClose: () => void; onMoved: (org: OrgView) => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ parentCode?: string; movedOn?: string }>();
  const { saving, save } = useSave(form);
  const [parentName, setParentName] = useState<string>();

  const accept = (candidate: OrgView) =>
    mayStandUnder(org.kind, org.level, candidate) && candidate.code !== org.parentCode && candidate.path !== org.path && !candidate.path.startsWith(`${org.path}.`);

  const confirmAndMove = async () => {
    const values = await form.validateFields().catch(() => undefined);
    const parentCode = values?.parentCode;
    const movedOn = values?.movedOn;
    if (!parentCode || !movedOn) return;
    const confirmed = await modal.confirm({
      title: t('org.move.confirm_title'),
      content: t('org.move.confirm', { name: org.name, count: org.childCount, parent: parentName ?? parentCode, date: movedOn }),
      okText: t('org.move.do'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
    });
    if (!confirmed) return;
    await save(async () => {
      const moved = await call(orgEndpoints.move, { params: { orgCode: org.code }, body: { parentCode, movedOn } });
      void message.success(t('org.moved', { name: moved.name, parent: moved.parentName ?? parentCode }));
      onMoved(moved);
    });
  };

  return (
    <Modal
      title={t('org.move.title', { name: org.name })}
      open={open}
      onCancel={onClose}
      onOk={() => void confirmAndMove()}
      okText={t('org.move.do')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} name="org-move" layout="vertical" initialValues={{ movedOn: dayjs().format('YYYY-MM-DD') }} data-testid="org-move-form">
        <Form.Item label={t('org.move.current_parent')}>
          <Input value={org.parentName ? `${org.parentName}（${org.parentCode}）` : t('common.none')} disabled />
        </Form.Item>
        <Form.Item label={t('org.move.new_parent')} name="parentCode" required rules={[zodRule(moveOrgRequest.shape.parentCode, t)]} extra={t('org.move.hint')}>
          <OrgPicker accept={accept} onChange={(_value, option) => setParentName(option?.label)} />
        </Form.Item>
        <Form.Item label={t('org.field.movedOn')} name="movedOn" required rules={[zodRule(moveOrgRequest.shape.movedOn, t)]} {...dateItemProps}>
          <DatePicker style={{ width: '100%' }} disabledDate={(date) => date.isAfter(today())} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
