import { Button, Popconfirm, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { UserView } from '../../core/auth/schema.ts';
import type { Role } from '../../core/roles.ts';
import { useI18n } from '../i18n.tsx';
import { lockEndsInWords } from './lock-words.ts';

/** antd's secondary grey and its tag colours fall short of WCAG AA contrast (axe: color-contrast); these do not. */
export const quiet = { color: '#595959' };
const tagText = { green: '#237804', red: '#a8071a', orange: '#ad4e00' };

/** The user table's columns; each action shows only where the row's abilities allow it. */
export function useUserColumns(act: { edit: (user: UserView) => void; reset: (user: UserView) => void; setEnabled: (user: UserView, disabled: boolean) => void }): TableColumnsType<UserView> {
  const { t } = useI18n();
  return [
    { key: 'username', title: t('users.username'), dataIndex: 'username', render: (username: string) => <Typography.Text strong>{username}</Typography.Text> },
    { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName' },
    {
      key: 'org',
      title: t('users.org'),
      render: (_, user) => (
        <Space size={4} wrap>
          <span>{user.orgName}</span>
          <Typography.Text style={quiet}>{user.orgCode}</Typography.Text>
        </Space>
      ),
    },
    { key: 'role', title: t('users.role'), dataIndex: 'role', render: (value: Role) => t(`role.${value}`) },
    { key: 'status', title: t('users.status'), render: (_, user) => <UserStatus user={user} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, user) => (
        <Space size={0} wrap>
          {user.abilities.update && (
            <Button type="link" size="small" onClick={() => act.edit(user)}>
              {t('common.edit')}
            </Button>
          )}
          {user.abilities.resetPassword && (
            <Button type="link" size="small" onClick={() => act.reset(user)}>
              {t('users.reset_password')}
            </Button>
          )}
          {user.abilities.disable &&
            (user.disabled ? (
              <Button type="link" size="small" onClick={() => act.setEnabled(user, false)}>
                {t('users.enable')}
              </Button>
            ) : (
              <Popconfirm title={t('users.confirm_disable')} okText={t('users.disable')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => act.setEnabled(user, true)}>
                <Button type="link" size="small" danger>
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            ))}
        </Space>
      ),
    },
  ];
}

function UserStatus({ user }: { user: UserView }) {
  const { t, locale } = useI18n();
  if (user.disabled) return <Tag color="red" style={{ color: tagText.red }}>{t('users.disabled')}</Tag>;
  if (user.lockedUntil) {
    return (
      <Tooltip title={lockEndsInWords(user.lockedUntil, t, locale)}>
        <Tag color="orange" style={{ color: tagText.orange }}>{t('users.locked')}</Tag>
      </Tooltip>
    );
  }
  return <Tag color="green" style={{ color: tagText.green }}>{t('users.active')}</Tag>;
}
