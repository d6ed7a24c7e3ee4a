import { Form, Input, Switch, type TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useColumnChoice } from '../../../web/components/ColumnChooser.tsx';
import { ServerTable, TableFilters } from '../../../web/components/ServerTable.tsx';
import { useServerTable } from '../../../web/components/useServerTable.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { useMe } from '../../../web/session.tsx';
import { keepView } from '../../../web/view-state.ts';
import { industryUnions, orgEndpoints, orgKinds, type OrgView } from '../schema.ts';

const columnKeys = ['code', 'name', 'kind', 'parent', 'regionCode', 'industry', 'employer', 'childCount'] as const;

/** A link to the org page of another org, keeping the view (the year), not the lists' filters and pages. */
export function useOrgLink() {
  const me = useMe();
  const [search] = useSearchParams();
  return (code: string) => {
    const next = new URLSearchParams(keepView(search));
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
  const linkTo = useOrgLink();
  const table = useServerTable(orgEndpoints.list, { query: { parentCode }, filters: ['q', 'depth', 'kind', 'industry'], sort: { key: 'code' }, reloadKey });
  const subtree = table.filters.depth === 'subtree';
  const { visible, setVisible } = useColumnChoice('orgs', columnKeys, ['parent']);

  const columns: ColumnsType<OrgView> = [
    { key: 'code', title: t('org.field.code'), dataIndex: 'code', sorter: true, sortOrder: table.sortOrder('code'), width: 170 },
    { key: 'name', title: t('org.field.name'), dataIndex: 'name', sorter: true, sortOrder: table.sortOrder('name'), render: (name: string, org) => <Link to={linkTo(org.code)}>{name}</Link> },
    {
      key: 'kind',
      title: t('org.field.kind'),
      dataIndex: 'kind',
      sorter: true,
      sortOrder: table.sortOrder('kind'),
      filters: orgKinds.map((value) => ({ value, text: t(`org.kind.${value}`) })),
      ...table.columnFilter('kind'),
      render: (value: string) => t(`org.kind.${value}`),
    },
    { key: 'parent', title: t('org.field.parent'), dataIndex: 'parentName', render: (value: string | null) => value ?? '—' },
    { key: 'regionCode', title: t('org.field.regionCode'), dataIndex: 'regionCode', render: (value: string | null) => value ?? '—' },
    {
      key: 'industry',
      title: t('org.field.industry'),
      dataIndex: 'industry',
      filters: industryUnions.map((value) => ({ value, text: t(`org.industry.${value}`) })),
      ...table.columnFilter('industry'),
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

  const filters = (
    <TableFilters table={table} name="org-filters" typed={['q']}>
      <Form.Item label={t('org.ui.keyword')} name="q">
        <Input allowClear placeholder={t('org.search')} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item label={t('org.subtree')} name="depth" getValueProps={(depth: unknown) => ({ checked: depth === 'subtree' })} normalize={(checked: boolean) => (checked ? 'subtree' : undefined)}>
        <Switch data-testid="org-subtree" />
      </Form.Item>
    </TableFilters>
  );
  return <ServerTable table={table} columns={columns} rowKey="code" testId="org-table" filters={filters} choice={{ visible: shown, setVisible: choose, locked: ['name'] }} emptyText={t('org.children.empty')} />;
}
