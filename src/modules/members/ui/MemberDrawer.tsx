import { EditOutlined, EyeOutlined, LogoutOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Descriptions, Divider, Drawer, Form, Input, Modal, Select, Skeleton, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError, call } from '../../../web/api.ts';
import { AuditHistory } from '../../../web/components/AuditHistory.tsx';
import { useSave, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { endMembershipRequest, memberEndpoints, requestTransferRequest, userEndReasons, type MemberView } from '../schema.ts';
import { MemberEditForm } from './MemberForms.tsx';
import { afterToday, dateRule, enumOptions, isoDay, memberAuditLabels } from './labels.ts';

type Revealable = 'idNumber' | 'phone';

/** A value shown masked, with the button that shows it in full (audited) for those who may. */
function Revealing({ member, field, onRevealed }: { member: MemberView; field: Revealable; onRevealed: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>();
  const [loading, setLoading] = useState(false);
  const masked = member[field];
  if (masked === null) return <>{t('common.none')}</>;
  const reveal = async () => {
    setLoading(true);
    try {
      const shown = await call(memberEndpoints.reveal, { params: { membershipId: member.id }, body: { field } });
      setFull(shown.value);
      onRevealed();
    } catch (error) {
      void message.error(error instanceof ApiError ? error.problem.detail : String(error));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Space orientation="vertical" size={4}>
      <Typography.Text style={{ fontFamily: 'monospace' }} data-testid={`member-${field}`} copyable={full ? { text: full } : false}>
        {full ?? masked}
      </Typography.Text>
      {full !== undefined ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('members.ui.reveal.recorded')}
        </Typography.Text>
      ) : (
        member.abilities.reveal && (
          <Button size="small" icon={<EyeOutlined />} loading={loading} onClick={() => void reveal()} data-testid={`reveal-${field}`}>
            {t(`members.ui.reveal.${field}`)}
          </Button>
        )
      )}
    </Space>
  );
}

/** 终止会籍: a date (not after today) and one of the reasons a user gives. */
function EndModal({ member, open, onClose, onEnded }: { member: MemberView; open: boolean; onClose: () => void; onEnded: (member: MemberView) => void }) {
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

/** 转移: the code of the receiving grassroots union (it may lie outside the user's scope) and the date asked. */
function TransferModal({ member, open, onClose, onRequested }: { member: MemberView; open: boolean; onClose: () => void; onRequested: () => void }) {
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
          <Input maxLength={40} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item label={t('members.field.requestedOn')} name="requestedOn" required rules={[dateRule(requestTransferRequest.shape.requestedOn, t)]}>
          <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One membership: every field (masked), reveal, edit, end, transfer, and its history. */
export function MemberDrawer({ membershipId, onClose, onChanged }: { membershipId: number | undefined; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const [member, setMember] = useState<MemberView>();
  const [failed, setFailed] = useState<string>();
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<'end' | 'transfer'>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    setMember(undefined);
    setFailed(undefined);
    setEditing(false);
    setDialog(undefined);
    if (membershipId !== undefined)
      call(memberEndpoints.get, { params: { membershipId } }).then(setMember, (error: unknown) => setFailed(error instanceof ApiError ? error.problem.detail : String(error)));
  }, [membershipId]);

  const bump = () => setVersion((n) => n + 1);
  const changed = (next: MemberView) => {
    setMember(next);
    setEditing(false);
    setDialog(undefined);
    bump();
    onChanged();
  };

  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const labels = memberAuditLabels(t);
  return (
    <Drawer
      title={member ? `${member.name}` : t('members.ui.detail.title')}
      open={membershipId !== undefined}
      onClose={onClose}
      size={720}
      destroyOnHidden
      extra={
        member && !editing ? (
          <Space wrap>
            {member.abilities.update && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="member-edit">
                {t('common.edit')}
              </Button>
            )}
            {member.abilities.transfer && (
              <Button icon={<SwapOutlined />} onClick={() => setDialog('transfer')} data-testid="member-transfer">
                {t('members.ui.transfer.button')}
              </Button>
            )}
            {member.abilities.end && (
              <Button danger icon={<LogoutOutlined />} onClick={() => setDialog('end')} data-testid="member-end">
                {t('members.ui.end.button')}
              </Button>
            )}
          </Space>
        ) : null
      }
    >
      {failed ? (
        <Alert type="error" showIcon title={failed} />
      ) : !member ? (
        <Skeleton active />
      ) : editing ? (
        <MemberEditForm member={member} onCancel={() => setEditing(false)} onSaved={changed} />
      ) : (
        <Descriptions
          bordered
          size="small"
          column={1}
          data-testid="member-detail"
          styles={{ label: { width: 160 } }}
          items={[
            { key: 'name', label: t('members.field.name'), children: member.name },
            {
              key: 'status',
              label: t('members.field.status'),
              children: member.active ? <Tag color="green">{t('members.status.active')}</Tag> : <Tag>{t('members.status.ended')}</Tag>,
            },
            { key: 'idNumber', label: t('members.field.idNumber'), children: <Revealing member={member} field="idNumber" onRevealed={bump} /> },
            { key: 'gender', label: t('members.field.gender'), children: t(`members.gender.${member.gender}`) },
            { key: 'birthDate', label: t('members.field.birthDate'), children: member.birthDate },
            { key: 'phone', label: t('members.field.phone'), children: <Revealing member={member} field="phone" onRevealed={bump} /> },
            {
              key: 'household',
              label: t('members.field.household'),
              children: (
                <Space>
                  {t(`members.household.${member.household}`)}
                  {member.migrant && <Tag color="orange">{t('members.ui.migrant')}</Tag>}
                </Space>
              ),
            },
            { key: 'dispatched', label: t('members.field.dispatched'), children: yesNo(member.dispatched) },
            { key: 'education', label: t('members.field.education'), children: member.education ? t(`members.education.${member.education}`) : t('common.none') },
            { key: 'job', label: t('members.field.job'), children: member.job ?? t('common.none') },
            { key: 'union', label: t('members.field.union'), children: `${member.orgName}（${member.orgCode}）` },
            { key: 'joinedOn', label: t('members.field.joinedOn'), children: member.joinedOn },
            ...(member.endedOn
              ? [
                  { key: 'endedOn', label: t('members.field.endedOn'), children: member.endedOn },
                  { key: 'endReason', label: t('members.field.endReason'), children: member.endReason ? t(`members.end_reason.${member.endReason}`) : t('common.none') },
                ]
              : []),
            { key: 'cardNumber', label: t('members.field.cardNumber'), children: member.cardNumber ?? t('common.none') },
            { key: 'secondJob', label: t('members.ui.second_job'), children: yesNo(member.secondJob) },
          ]}
        />
      )}
      {member && (
        <>
          <Divider titlePlacement="start" style={{ marginTop: 24 }}>
            <Typography.Text strong>{t('common.history')}</Typography.Text>
          </Divider>
          <AuditHistory entity="member" entityId={member.id} reloadKey={version} {...labels} />
          <EndModal member={member} open={dialog === 'end'} onClose={() => setDialog(undefined)} onEnded={changed} />
          <TransferModal
            member={member}
            open={dialog === 'transfer'}
            onClose={() => setDialog(undefined)}
            onRequested={() => {
              setDialog(undefined);
              bump();
              onChanged();
            }}
          />
        </>
      )}
    </Drawer>
  );
}
