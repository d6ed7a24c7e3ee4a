import { EditOutlined, LogoutOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../web/api.ts';
import { RecordDrawer, useRecord } from '../../../web/components/RecordDrawer.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import { memberEndpoints, type MemberView } from '../schema.ts';
import { memberAuditLabels } from './labels.ts';
import { MemberDetails } from './MemberDetails.tsx';
import { MemberEditForm } from './MemberEditForm.tsx';
import { EndModal, TransferModal } from './MemberModals.tsx';

/** One membership: every field (masked), reveal, edit, end, transfer, and its history. */
export function MemberDrawer({ membershipId, onClose, onChanged }: { membershipId: number | undefined; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { record: member, setRecord, failed } = useRecord(membershipId, (id) => call(memberEndpoints.get, { params: { membershipId: id } }));
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<'end' | 'transfer'>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    setEditing(false);
    setDialog(undefined);
  }, [membershipId]);

  const bump = () => setVersion((n) => n + 1);
  const changed = (next?: MemberView) => {
    if (next) setRecord(next);
    setEditing(false);
    setDialog(undefined);
    bump();
    onChanged();
  };

  const actions = member && !editing && (
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
  );
  return (
    <RecordDrawer
      title={member ? member.name : t('members.ui.detail.title')}
      open={membershipId !== undefined}
      onClose={onClose}
      loaded={member !== undefined}
      failed={failed}
      actions={actions}
      history={member && { entity: 'member', entityId: member.id, reloadKey: version, ...memberAuditLabels(t) }}
    >
      {member && (editing ? <MemberEditForm member={member} onCancel={() => setEditing(false)} onSaved={changed} /> : <MemberDetails member={member} onRevealed={bump} />)}
      {member && <EndModal member={member} open={dialog === 'end'} onClose={() => setDialog(undefined)} onEnded={changed} />}
      {member && <TransferModal member={member} open={dialog === 'transfer'} onClose={() => setDialog(undefined)} onRequested={() => changed()} />}
    </RecordDrawer>
  );
}
