import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Result, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { userEndpoints, type UserView } from '../../core/auth/schema.ts';
import { mayGrant, roles, type Role } from '../../core/roles.ts';
import { orgEndpoints } from '../../modules/org/schema.ts';
import { ApiError, call } from '../api.ts';
import { ServerTable } from '../components/ServerTable.tsx';
import { useServerTable } from '../components/useServerTable.ts';
import { useI18n } from '../i18n.tsx';
import { useMe } from '../session.tsx';
import { useViewState } from '../view-state.ts';
import { quiet, useUserColumns } from './userColumns.tsx';
import { CreateUserModal, EditUserModal, ResetPasswordModal } from './UserModals.tsx';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'reset'; user: UserView };

/**
 * The accounts of the org in view and of every org below it: search, filter by role, page through them on the
 * server; create one, reset a password, disable or enable, change the name or the role — each only where the
 * server says the admin may (the row's abilities).
 */
export default function UsersPage() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const { orgCode } = useViewState();
  /** The server's refusal (a role without user admin that opened the address): said once, not as a table. */
  const [refused, setRefused] = useState<string>();
  const table = useServerTable(userEndpoints.list, {
    query: { orgCode },
    filters: ['q', 'role'],
    onError: (error) => (error instanceof ApiError && error.problem.status === 403 ? setRefused(error.problem.detail) : void message.error(error instanceof ApiError ? error.problem.detail : String(error))),
  });
  const [orgName, setOrgName] = useState<string>();
  const [dialog, setDialog] = useState<Dialog>();
  const [searchText, setSearchText] = useState(table.filters.q ?? '');
  useEffect(() => setSearchText(table.filters.q ?? ''), [table.filters.q]);
  useEffect(() => {
    call(orgEndpoints.get, { params: { orgCode } }).then(
      (org) => setOrgName(org.name),
      () => setOrgName(undefined),
    );
  }, [orgCode]);

  const setEnabled = async (user: UserView, disabled: boolean) => {
    try {
      await call(userEndpoints.update, { params: { userId: user.id }, body: { disabled } });
      void message.success(t(disabled ? 'users.disabled_done' : 'users.enabled_done', { username: user.username }));
      table.reload();
    } catch (error) {
      void message.error(error instanceof ApiError ? error.problem.detail : String(error));
    }
  };
  const columns = useUserColumns({ edit: (user) => setDialog({ kind: 'edit', user }), reset: (user) => setDialog({ kind: 'reset', user }), setEnabled: (user, disabled) => void setEnabled(user, disabled) });
  const done = (text: string) => {
    setDialog(undefined);
    void message.success(text);
    table.reload();
  };
  const roleOptions = roles.filter((value) => mayGrant(me.role, value)).map((value) => ({ value, label: t(`role.${value}`) }));

  if (refused) return <Result status="warning" title={t('users.title')} subTitle={refused} />;

  const filters = (
    <Flex gap={12} wrap>
      <Input.Search
        aria-label={t('users.search')}
        placeholder={t('users.search')}
        allowClear
        value={searchText}
        onChange={(event) => setSearchText(event.target.value)}
        onSearch={(value) => table.setFilters({ q: value })}
        enterButton={t('common.search')}
        style={{ width: 320 }}
        data-testid="user-search"
      />
      <Select
        aria-label={t('users.role')}
        style={{ width: 160 }}
        allowClear
        placeholder={t('users.all_roles')}
        value={table.filters.role as Role | undefined}
        options={roles.map((value) => ({ value, label: t(`role.${value}`) }))}
        onChange={(value: Role | undefined) => table.setFilters({ role: value })}
        data-testid="user-role-filter"
      />
    </Flex>
  );
  return (
    <Card
      title={
        <Flex vertical style={{ paddingBlock: 8 }}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            {t('users.title')}
          </Typography.Title>
          {orgName && <Typography.Text style={{ ...quiet, fontWeight: 'normal' }}>{t('users.scope_note', { org: orgName })}</Typography.Text>}
        </Flex>
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="user-create">
          {t('users.create')}
        </Button>
      }
    >
      <ServerTable table={table} columns={columns} rowKey="id" testId="user-table" filters={filters} emptyText={t('users.empty')} />
      {dialog?.kind === 'create' && <CreateUserModal org={{ code: orgCode, name: orgName }} roleOptions={roleOptions} onClose={() => setDialog(undefined)} onCreated={(user) => done(t('users.created', { username: user.username }))} />}
      {dialog?.kind === 'edit' && <EditUserModal user={dialog.user} roleOptions={roleOptions} onClose={() => setDialog(undefined)} onSaved={() => done(t('common.saved'))} />}
      {dialog?.kind === 'reset' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(undefined)} onDone={() => done(t('users.password_reset_done', { username: dialog.user.username }))} />}
    </Card>
  );
}
