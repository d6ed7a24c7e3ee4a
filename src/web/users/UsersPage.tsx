import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Result, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { userEndpoints, type UserView } from '../../core/auth/schema.ts';
import { mayGrant, roles, type Role } from '../../core/roles.ts';
import { orgEndpoints } from '../../modules/org/schema.ts';
import { ApiError, call } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useMe } from '../session.tsx';
import { CreateUserModal, EditUserModal, ResetPasswordModal } from './UserModals.tsx';
import { useViewState } from '../view-state.ts';
import { serverPagination } from '../components/pagination.ts';

const pageSizes = [10, 20, 50, 100];

/** antd's secondary grey and its tag colours fall short of WCAG AA contrast (axe: color-contrast); these do not. */
const quiet = { color: '#595959' };
const tagText = { green: '#237804', red: '#a8071a', orange: '#ad4e00' };

type Translate = ReturnType<typeof useI18n>['t'];

/**
 * The accounts of the org in view and of every org below it: search, filter by role, page through them on the
 * server; create one, reset a password, disable or enable, change the name or the role — each only where the
 * server says the admin may (the row's abilities).
 */
export default function UsersPage() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const { orgCode, search, update } = useViewState();
  const q = search.get('q') ?? '';
  const roleParam = search.get('role');
  const role = roles.find((value) => value === roleParam);
  const page = Math.max(1, Number(search.get('page')) || 1);
  const pageSize = pageSizes.includes(Number(search.get('size'))) ? Number(search.get('size')) : 20;

  const [data, setData] = useState<{ items: UserView[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  /** The server's refusal (a role without user admin that opened the address): said once, not as a table. */
  const [refused, setRefused] = useState<string>();
  const [orgName, setOrgName] = useState<string>();
  const [reload, setReload] = useState(0);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserView>();
  const [resetting, setResetting] = useState<UserView>();
  const [searchText, setSearchText] = useState(q);
  useEffect(() => setSearchText(q), [q]);

  const refresh = useCallback(() => setReload((value) => value + 1), []);

  useEffect(() => {
    let current = true;
    setLoading(true);
    call(userEndpoints.list, { query: { orgCode, q: q || undefined, role, page, pageSize } })
      .then((list) => {
        if (!current) return;
        setData({ items: list.items, total: list.total });
        setRefused(undefined);
      })
      .catch((error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.problem.status === 403) setRefused(error.problem.detail);
        else void message.error(error instanceof ApiError ? error.problem.detail : String(error));
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [orgCode, q, role, page, pageSize, reload, message]);

  useEffect(() => {
    let current = true;
    call(orgEndpoints.get, { params: { orgCode } })
      .then((org) => current && setOrgName(org.name))
      .catch(() => current && setOrgName(undefined));
    return () => {
      current = false;
    };
  }, [orgCode]);

  const setEnabled = useCallback(
    async (user: UserView, disabled: boolean) => {
      try {
        await call(userEndpoints.update, { params: { userId: user.id }, body: { disabled } });
        void message.success(t(disabled ? 'users.disabled_done' : 'users.enabled_done', { username: user.username }));
        refresh();
      } catch (error) {
        void message.error(error instanceof ApiError ? error.problem.detail : String(error));
      }
    },
    [message, refresh, t],
  );

  const columns: TableColumnsType<UserView> = useMemo(
    () => [
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
      { key: 'status', title: t('users.status'), render: (_, user) => <UserStatus user={user} t={t} /> },
      {
        key: 'actions',
        title: t('common.actions'),
        render: (_, user) => (
          <Space size={0} wrap>
            {user.abilities.update && (
              <Button type="link" size="small" onClick={() => setEditing(user)}>
                {t('common.edit')}
              </Button>
            )}
            {user.abilities.resetPassword && (
              <Button type="link" size="small" onClick={() => setResetting(user)}>
                {t('users.reset_password')}
              </Button>
            )}
            {user.abilities.disable &&
              (user.disabled ? (
                <Button type="link" size="small" onClick={() => void setEnabled(user, false)}>
                  {t('users.enable')}
                </Button>
              ) : (
                <Popconfirm title={t('users.confirm_disable')} okText={t('users.disable')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => setEnabled(user, true)}>
                  <Button type="link" size="small" danger>
                    {t('users.disable')}
                  </Button>
                </Popconfirm>
              ))}
          </Space>
        ),
      },
    ],
    [t, setEnabled],
  );

  const assignable = roles.filter((value) => mayGrant(me.role, value));
  const roleOptions = assignable.map((value) => ({ value, label: t(`role.${value}`) }));

  if (refused) return <Result status="warning" title={t('users.title')} subTitle={refused} />;

  return (
    <Card
      title={
        <Flex vertical style={{ paddingBlock: 8 }}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            {t('users.title')}
          </Typography.Title>
          {orgName && (
            <Typography.Text style={{ ...quiet, fontWeight: 'normal' }}>
              {t('users.scope_note', { org: orgName })}
            </Typography.Text>
          )}
        </Flex>
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
          {t('users.create')}
        </Button>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('users.search')}
          placeholder={t('users.search')}
          allowClear
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => update({ q: value.trim(), page: undefined })}
          enterButton={t('common.search')}
          style={{ width: 320 }}
          data-testid="user-search"
        />
        <Select
          aria-label={t('users.role')}
          style={{ width: 160 }}
          allowClear
          placeholder={t('users.all_roles')}
          value={role}
          options={roles.map((value) => ({ value, label: t(`role.${value}`) }))}
          onChange={(value: Role | undefined) => update({ role: value, page: undefined })}
          data-testid="user-role-filter"
        />
      </Flex>
      <Table<UserView>
        data-testid="user-table"
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        locale={{ emptyText: t('users.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={{
          ...serverPagination(t, page, pageSize, data.total),
          pageSizeOptions: pageSizes,
          onChange: (next, size) => update({ page: size !== pageSize || next === 1 ? undefined : next, size: size === 20 ? undefined : size }),
        }}
      />
      {creating && (
        <CreateUserModal
          orgCode={orgCode}
          roleOptions={roleOptions}
          onClose={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            void message.success(t('users.created', { username: user.username }));
            refresh();
          }}
        />
      )}
      {editing && (
        <EditUserModal
          user={editing}
          roleOptions={roleOptions}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            void message.success(t('common.saved'));
            refresh();
          }}
        />
      )}
      {resetting && (
        <ResetPasswordModal
          user={resetting}
          onClose={() => setResetting(undefined)}
          onDone={() => {
            setResetting(undefined);
            void message.success(t('users.password_reset_done', { username: resetting.username }));
            refresh();
          }}
        />
      )}
    </Card>
  );
}

function UserStatus({ user, t }: { user: UserView; t: Translate }) {
  if (user.disabled) return <Tag color="red" style={{ color: tagText.red }}>{t('users.disabled')}</Tag>;
  if (user.lockedUntil) {
    return (
      <Tooltip title={t('users.locked_until', { until: dayjs(user.lockedUntil).format('YYYY-MM-DD HH:mm') })}>
        <Tag color="orange" style={{ color: tagText.orange }}>{t('users.locked')}</Tag>
      </Tooltip>
    );
  }
  return <Tag color="green" style={{ color: tagText.green }}>{t('users.active')}</Tag>;
}
