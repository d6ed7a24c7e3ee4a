import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType as ColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Actor } from '../../../core/actor.ts';
import { ApiError, call } from '../../../web/api.ts';
import { ColumnChooser, useColumnChoice } from '../../../web/components/ColumnChooser.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import { useMe } from '../../../web/session.tsx';
import { keepView, useViewState } from '../../../web/view-state.ts';
import { orgEndpoints, type OrgView } from '../../org/schema.ts';
import { useDebounced } from '../../../web/components/server-search.ts';
import { memberPolicy } from '../policy.ts';
import { households, memberEndpoints, type ListMembersQuery, type MemberView } from '../schema.ts';
import { enumOptions } from './labels.ts';
import { MemberCreateDrawer } from './MemberForms.tsx';
import { MemberDrawer } from './MemberDrawer.tsx';
import { serverPagination } from '../../../web/components/pagination.ts';

const columnKeys = ['name', 'gender', 'birthDate', 'idNumber', 'phone', 'household', 'dispatched', 'union', 'joinedOn', 'status'] as const;

interface Filters {
  q?: string;
  idNumber?: string;
  phone?: string;
  status?: ListMembersQuery['status'];
  joinedYear?: number | null;
  household?: ListMembersQuery['household'];
  dispatched?: ListMembersQuery['dispatched'];
}

/** Downloads a URL as a file without leaving the page (the server sends it as an attachment). */
function download(url: string) {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** 会员名册: the members of the org in view and below, masked, filtered and paged by the server. */
export default function MembersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const { orgCode, search } = useViewState();
  const navigate = useNavigate();
  const [org, setOrg] = useState<OrgView>();
  const [filters, setFilters] = useState<Filters>({ status: 'active' });
  const q = useDebounced(filters.q?.trim() ?? '', 300);
  const idNumber = useDebounced(filters.idNumber?.trim() ?? '', 300);
  const phone = useDebounced(filters.phone?.trim() ?? '', 300);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [data, setData] = useState<{ items: MemberView[]; total: number }>();
  const [loading, setLoading] = useState(false);
  const [reload, setReload] = useState(0);
  const [openId, setOpenId] = useState<number>();
  const [creating, setCreating] = useState(false);
  const { visible, setVisible } = useColumnChoice('members', columnKeys, ['birthDate']);

  const actor = { role: me.role } as Actor;
  const mayCreate = memberPolicy.can(actor, 'create');
  const mayReveal = memberPolicy.can(actor, 'reveal');

  useEffect(() => {
    void call(orgEndpoints.get, { params: { orgCode } }).then(setOrg, () => setOrg(undefined));
  }, [orgCode]);

  const joinedYear = filters.joinedYear ?? undefined;
  useEffect(() => setPage(1), [orgCode, q, idNumber, phone, filters.status, joinedYear, filters.household, filters.dispatched]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    call(memberEndpoints.list, {
      query: {
        orgCode,
        q: q || undefined,
        idNumber: idNumber || undefined,
        phone: phone || undefined,
        status: filters.status ?? 'active',
        joinedYear,
        household: filters.household,
        dispatched: filters.dispatched,
        page,
        pageSize,
      },
    })
      .then((result) => current && setData(result))
      .catch((error: unknown) => current && void message.error(error instanceof ApiError ? error.problem.detail : String(error)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [orgCode, q, idNumber, phone, filters.status, joinedYear, filters.household, filters.dispatched, page, pageSize, reload, message]);

  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const mono = { fontFamily: 'monospace', whiteSpace: 'nowrap' } as const;
  const allColumns: ColumnsType<MemberView> = [
    {
      key: 'name',
      title: t('members.field.name'),
      dataIndex: 'name',
      render: (name: string, member) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
          onClick={(event) => {
            event.stopPropagation();
            setOpenId(member.id);
          }}
        >
          {name}
        </Button>
      ),
    },
    { key: 'gender', title: t('members.field.gender'), dataIndex: 'gender', render: (value: string) => t(`members.gender.${value}`) },
    { key: 'birthDate', title: t('members.field.birthDate'), dataIndex: 'birthDate', render: (value: string) => <span style={{ whiteSpace: 'nowrap' }}>{value}</span> },
    { key: 'idNumber', title: t('members.field.idNumber'), dataIndex: 'idNumber', render: (value: string) => <span style={mono}>{value}</span> },
    { key: 'phone', title: t('members.field.phone'), dataIndex: 'phone', render: (value: string | null) => (value ? <span style={mono}>{value}</span> : '—') },
    {
      key: 'household',
      title: t('members.field.household'),
      dataIndex: 'household',
      render: (value: MemberView['household'], member) => (member.migrant ? <Tag color="orange">{t('members.ui.migrant')}</Tag> : t(`members.household.${value}`)),
    },
    { key: 'dispatched', title: t('members.field.dispatched'), dataIndex: 'dispatched', render: (value: boolean) => yesNo(value) },
    { key: 'union', title: t('members.field.union'), dataIndex: 'orgName' },
    { key: 'joinedOn', title: t('members.field.joinedOn'), dataIndex: 'joinedOn', render: (value: string) => <span style={{ whiteSpace: 'nowrap' }}>{value}</span> },
    {
      key: 'status',
      title: t('members.field.status'),
      dataIndex: 'active',
      render: (active: boolean, member) => (
        <Space size={4}>
          {active ? <Tag color="green">{t('members.status.active')}</Tag> : <Tag>{t('members.status.ended')}</Tag>}
          {member.secondJob && <Tag>{t('members.ui.second_job')}</Tag>}
        </Space>
      ),
    },
  ];
  const columns = allColumns.filter((column) => visible.includes(String(column.key)));
  const exportUrl = (full: boolean) => `/api/v1/members/export?${new URLSearchParams({ orgCode, full: full ? '1' : '0' }).toString()}`;

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
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
            <Button
              icon={<UploadOutlined />}
              href={`/members/import${keepView(search)}`}
              onClick={(event) => {
                event.preventDefault();
                void navigate(`/members/import${keepView(search)}`);
              }}
              data-testid="member-import"
            >
              {t('members.ui.import.button')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={exportUrl(false)} download data-testid="member-export">
            {t('members.ui.export.button')}
          </Button>
          {mayReveal && (
            <Popconfirm title={t('members.ui.export.full')} description={<div style={{ maxWidth: 320 }}>{t('members.ui.export.full.confirm')}</div>} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => download(exportUrl(true))}>
              <Button icon={<DownloadOutlined />} data-testid="member-export-full">
                {t('members.ui.export.full')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start', marginBottom: 12 }}>
        <Form
          name="member-filters"
          aria-label={t('members.ui.filters')}
          role="search"
          layout="inline"
          initialValues={{ status: 'active' }}
          onValuesChange={(_, all: Filters) => setFilters(all)}
          style={{ rowGap: 8 }}
        >
          <Form.Item label={t('members.ui.filter.q')} name="q">
            <Input allowClear placeholder={t('members.ui.filter.q.placeholder')} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label={t('members.ui.filter.idNumber')} name="idNumber">
            <Input allowClear placeholder={t('members.ui.filter.idNumber.placeholder')} style={{ width: 190 }} />
          </Form.Item>
          <Form.Item label={t('members.ui.filter.phone')} name="phone">
            <Input allowClear placeholder={t('members.ui.filter.phone.placeholder')} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item label={t('members.field.status')} name="status">
            <Select
              options={(['active', 'ended', 'all'] as const).map((value) => ({ value, label: t(`members.status.${value}`) }))}
              style={{ width: 90 }}
            />
          </Form.Item>
          <Form.Item label={t('members.ui.filter.joinedYear')} name="joinedYear">
            <InputNumber min={1900} max={2100} precision={0} style={{ width: 90 }} />
          </Form.Item>
          <Form.Item label={t('members.field.household')} name="household">
            <Select allowClear placeholder={t('common.all')} options={enumOptions(households, t, 'members.household')} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label={t('members.field.dispatched')} name="dispatched">
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'yes', label: t('members.ui.filter.dispatched.yes') },
                { value: 'no', label: t('members.ui.filter.dispatched.no') },
              ]}
              style={{ width: 80 }}
            />
          </Form.Item>
        </Form>
        <ColumnChooser columns={allColumns.map((column) => ({ key: String(column.key), title: String(column.title) }))} visible={visible} onChange={setVisible} locked={['name']} />
      </div>
      <div data-testid="member-table">
        <Table<MemberView>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          onRow={(member) => ({ onClick: () => setOpenId(member.id), style: { cursor: 'pointer' } })}
          onChange={(pagination) => {
            setPage(pagination.current ?? 1);
            setPageSize(pagination.pageSize ?? 20);
          }}
          pagination={serverPagination(t, page, pageSize, data?.total)}
          locale={{ emptyText: t('members.ui.empty') }}
          scroll={{ x: 'max-content' }}
        />
      </div>
      <MemberDrawer membershipId={openId} onClose={() => setOpenId(undefined)} onChanged={() => setReload((n) => n + 1)} />
      {mayCreate && (
        <MemberCreateDrawer
          open={creating}
          orgCode={orgCode}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setReload((n) => n + 1);
          }}
        />
      )}
    </Card>
  );
}
