import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, call } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { memberEndpoints, type MemberView } from '../schema.ts';

type Revealable = 'idNumber' | 'phone';

/** A value shown masked, with the button that shows it in full (audited) for those who may. */
export function Revealing({ member, field, onRevealed }: { member: MemberView; field: Revealable; onRevealed: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>();
  const [loading, setLoading] = useState(false);
  const masked = member[field];
  if (masked === null) return <>{field === 'phone' && member.keptElsewhere ? t('members.ui.kept_elsewhere.phone') : t('common.none')}</>;
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

