import { App, Form, Input, Space, Switch, Table, type TableColumnsType as ColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, call } from '../../../web/api.ts';
import { ColumnChooser, useColumnChoice } from '../../../web/components/ColumnChooser.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import { useMe } from '../../../web/session.tsx';
import { industryUnions, orgEndpoints, orgKinds, type ListOrgsQuery, type OrgView } from '../schema.ts';
import { useDebounced } from './pickers.tsx';
import { serverPagination } from '../../../web/components/pagination.ts';

const columnKeys = ['code', 'name', 'kind', 'parent', 'regionCode', 'industry', 'employer', 'childCount'] as const;

/** A link to the org page of another org, keeping the rest of the view (year …). */
export function useOrgLink() {
  const me = useMe();
  const [search] = useSearchParams();
  return (code: string) => {
    const next = new URLSearchParams(search);
    if (code === me.org.code) next.delete('org');
    else next.set('org', code);
    const text = next.toString();
    return `/orgs${text ? `?${text}` : ''}`;
  };
}

/**
 * The orgs below one org: children, or the whole subtree when asked; searched, filtered, sorted and paged by the
 * server. A name opens that org's page (drills in).
 */
export function OrgTable({ parentCode, reloadKey }: { parentCode: string; reloadKey?: unknown }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const linkTo = useOrgLink();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [subtree, setSubtree] = useState(false);
  const [kind, setKind] = useState<ListOrgsQuery['kind']>();
  const [industry, setIndustry] = useState<ListOrgsQuery['industry']>();
  const [sort, setSort] = useState<{ sort: ListOrgsQuery['sort']; order: ListOrgsQuery['order'] }>({ sort: 'code', order: 'asc' });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [data, setData] = useState<{ items: OrgView[]; total: number }>();
  const [loading, setLoading] = useState(false);
  const { visible, setVisible } = useColumnChoice('orgs', columnKeys, ['parent']);

  useEffect(() => setPage(1), [parentCode, q, subtree, kind, industry]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    call(orgEndpoints.list, { query: { parentCode, depth: subtree ? 'subtree' : 'children', q: q || undefined, kind, industry, sort: sort.sort, order: sort.order, page, pageSize } })
      .then((result) => current && setData(result))
      .catch((error: unknown) => current && void message.error(error instanceof ApiError ? error.problem.detail : String(error)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [parentCode, subtree, q, kind, industry, sort, page, pageSize, reloadKey, message]);

  const sortOrder = (key: string) => (sort.sort === key ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null);
  const allColumns: ColumnsType<OrgView> = [
    { key: 'code', title: t('org.field.code'), dataIndex: 'code', sorter: true, sortOrder: sortOrder('code'), width: 170 },
    {
      key: 'name',
      title: t('org.field.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, org) => <Link to={linkTo(org.code)}>{name}</Link>,
    },
    {
      key: 'kind',
      title: t('org.field.kind'),
      dataIndex: 'kind',
      sorter: true,
      sortOrder: sortOrder('kind'),
      filters: orgKinds.map((value) => ({ value, text: t(`org.kind.${value}`) })),
      filterMultiple: false,
      filteredValue: kind ? [kind] : null,
      render: (value: string) => t(`org.kind.${value}`),
    },
    { key: 'parent', title: t('org.field.parent'), dataIndex: 'parentName', render: (value: string | null) => value ?? '—' },
    { key: 'regionCode', title: t('org.field.regionCode'), dataIndex: 'regionCode', render: (value: string | null) => value ?? '—' },
    {
      key: 'industry',
      title: t('org.field.industry'),
      dataIndex: 'industry',
      filters: industryUnions.map((value) => ({ value, text: t(`org.industry.${value}`) })),
      filterMultiple: false,
      filteredValue: industry ? [industry] : null,
      render: (value: string | null) => (value ? t(`org.industry.${value}`) : '—'),
    },
    { key: 'employer', title: t('org.field.employer'), dataIndex: 'employerName', render: (value: string | null) => value ?? '—' },
    { key: 'childCount', title: t('org.field.childCount'), dataIndex: 'childCount', align: 'right', width: 100 },
  ];
  // Across the whole subtree, the parent tells rows apart: it shows there unless the user hides it.
  const [parentHiddenInSubtree, setParentHiddenInSubtree] = useState(false);
  const shown = subtree && !parentHiddenInSubtree && !visible.includes('parent') ? [...visible, 'parent'] : visible;
  const choose = (next: string[]) => {
    if (subtree) setParentHiddenInSubtree(!next.includes('parent'));
    setVisible(subtree ? next.filter((key) => key !== 'parent' || visible.includes('parent')) : next);
  };
  const columns = allColumns.filter((column) => shown.includes(String(column.key)));

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
        <Form name="org-filters" layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('org.ui.keyword')} htmlFor="org-table-search">
            <Input id="org-table-search" allowClear value={text} onChange={(event) => setText(event.target.value)} placeholder={t('org.search')} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item label={t('org.subtree')} htmlFor="org-table-subtree">
            <Switch id="org-table-subtree" checked={subtree} onChange={setSubtree} data-testid="org-subtree" />
          </Form.Item>
        </Form>
        <Space>
          <ColumnChooser columns={allColumns.map((column) => ({ key: String(column.key), title: String(column.title) }))} visible={shown} onChange={choose} locked={['name']} />
        </Space>
      </div>
      <div data-testid="org-table">
        <Table<OrgView>
          rowKey="code"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          onChange={(pagination, filters, sorter) => {
            const single = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = single?.order ? (single.columnKey as ListOrgsQuery['sort']) : 'code';
            const order = single?.order === 'descend' ? 'desc' : 'asc';
            const nextKind = (filters.kind?.[0] as ListOrgsQuery['kind']) ?? undefined;
            const nextIndustry = (filters.industry?.[0] as ListOrgsQuery['industry']) ?? undefined;
            setKind(nextKind);
            setIndustry(nextIndustry);
            if (key !== sort.sort || order !== sort.order) {
              setSort({ sort: key, order });
              setPage(1);
            } else if (nextKind === kind && nextIndustry === industry) {
              setPage(pagination.current ?? 1);
            }
            setPageSize(pagination.pageSize ?? 20);
          }}
          pagination={serverPagination(t, page, pageSize, data?.total)}
          locale={{ emptyText: t('org.children.empty') }}
          scroll={{ x: 'max-content' }}
        />
      </div>
    </>
  );
}
