import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Actor } from '../../../core/actor.ts';
import { ApiError, call } from '../../../web/api.ts';
import { useColumnChoice } from '../../../web/components/ColumnChooser.tsx';
import { LinkButton } from '../../../web/components/LinkButton.tsx';
import { ServerTable } from '../../../web/components/ServerTable.tsx';
import { useServerTable } from '../../../web/components/useServerTable.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { useMe } from '../../../web/session.tsx';
import { keepView, useViewState } from '../../../web/view-state.ts';
import { orgEndpoints, type OrgView } from '../../org/schema.ts';
import { memberPolicy } from '../policy.ts';
import { memberEndpoints } from '../schema.ts';
import { memberColumnKeys, useMemberColumns } from './memberColumns.tsx';
import { ExportJob } from './ExportJob.tsx';
import { MemberDrawer } from './MemberDrawer.tsx';
import { MemberFilters } from './MemberFilters.tsx';
import { MemberCreateDrawer } from './MemberCreateDrawer.tsx';

/** Part of an ID number or phone is said under its box (MemberFilters): no second message for it. */
function useShowError() {
  const { message } = App.useApp();
  return (error: unknown) => {
    if (error instanceof ApiError && error.problem.errors?.some((issue) => ['id_number_partial', 'id_number_tail_needs_union', 'phone_partial'].includes(issue.code))) return;
    void message.error({ content: error instanceof ApiError ? error.problem.detail : String(error), duration: 8 });
  };
}

/** 会员名册: the members of the org in view and below, masked, filtered and paged by the server. */
export default function MembersPage() {
  const { t } = useI18n();
  const me = useMe();
  const { orgCode, search } = useViewState();
  const showError = useShowError();
  const table = useServerTable(memberEndpoints.list, { query: { orgCode }, filters: ['q', 'idNumber', 'phone', 'cardNumber', 'status', 'joinedYear', 'household', 'dispatched'], defaults: { status: 'active' }, sort: { key: 'union', order: 'asc' }, onError: showError });
  const choice = useColumnChoice('members', memberColumnKeys, ['birthYear']);
  const columns = useMemberColumns((member) => setOpenId(member.id), table.sortOrder);
  const [org, setOrg] = useState<OrgView>();
  const [openId, setOpenId] = useState<number>();
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    call(orgEndpoints.get, { params: { orgCode } }).then(setOrg, () => setOrg(undefined));
  }, [orgCode]);

  const actor = { role: me.role } as Actor;
  const mayCreate = memberPolicy.can(actor, 'create');

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {t('members.ui.page.title')}
          {org && (
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal', marginInlineStart: 12 }}>
              {t('members.ui.page.scope', { name: org.name })}
            </Typography.Text>
          )}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          {mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="member-create">
              {t('members.ui.create.button')}
            </Button>
          )}
          {mayCreate && (
            <LinkButton to={`/members/import${keepView(search)}`} icon={<UploadOutlined />} data-testid="member-import">
              {t('members.ui.import.button')}
            </LinkButton>
          )}
          <ExportJob orgCode={orgCode} mayExportFull={memberPolicy.can(actor, 'reveal')} fullConfirm={t('members.ui.export.full.confirm')} />
        </Space>
      }
    >
      <ServerTable table={table} columns={columns} rowKey="id" testId="member-table" label={t('members.ui.page.title')} filters={<MemberFilters table={table} byNumber={memberPolicy.can(actor, 'reveal')} inUnion={org?.kind === 'grassroots'} />} choice={{ ...choice, locked: ['name'] }} emptyText={t('members.ui.empty')} onOpen={(member) => setOpenId(member.id)} />
      <MemberDrawer membershipId={openId} onClose={() => setOpenId(undefined)} onChanged={table.reload} />
      {mayCreate && (
        <MemberCreateDrawer
          open={creating}
          orgCode={orgCode}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            table.reload();
          }}
        />
      )}
    </Card>
  );
}
