import { TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { orgEndpoints, type OrgView } from '../../modules/org/schema.ts';
import { call } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useMe } from '../session.tsx';
import { useViewState } from '../view-state.ts';

interface Node {
  id: string;
  pId?: string;
  value: string;
  name: string;
  isLeaf: boolean;
}

const nodeOf = (org: Pick<OrgView, 'code' | 'name' | 'parentCode' | 'childCount' | 'kind'>, rootCode: string): Node => ({
  id: org.code,
  ...(org.code !== rootCode && org.parentCode ? { pId: org.parentCode } : {}),
  value: org.code,
  name: org.name,
  // Grassroots unions are the leaves of the scope tree: nothing below them to pick.
  isLeaf: org.kind === 'grassroots' || org.childCount === 0,
});

/**
 * The org whose part of the province every page shows: a tree that opens level by level from the user's own org,
 * searchable by name or region code. It offers nothing outside the user's subtree, because the server answers
 * only with what lies inside it.
 */
export function ScopePicker() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { orgCode, search: address, update } = useViewState();
  const [nodes, setNodes] = useState<Node[]>([]);

  useEffect(() => {
    void (async () => {
      const [root, children] = await Promise.all([
        call(orgEndpoints.get, { params: { orgCode: me.org.code } }),
        call(orgEndpoints.list, { query: { parentCode: me.org.code, pageSize: 200 } }),
      ]);
      const selected = orgCode === me.org.code ? [] : await call(orgEndpoints.trail, { params: { orgCode } }).then((trail) => trail.items).catch(() => []);
      const extra = await Promise.all(
        selected.slice(1, -1).map((ancestor) => call(orgEndpoints.list, { query: { parentCode: ancestor.code, pageSize: 200 } }).then((list) => list.items)),
      );
      const all = [root, ...children.items, ...extra.flat()];
      setNodes(dedupe(all.map((org) => nodeOf(org, me.org.code))));
    })();
    // Loaded once per user; the selected org's ancestors open on the first load only.
  }, [me.org.code]);

  const loadChildren = async (node: { value?: string | number }) => {
    const list = await call(orgEndpoints.list, { query: { parentCode: String(node.value), pageSize: 200 } });
    setNodes((current) => dedupe([...current, ...list.items.map((org) => nodeOf(org, me.org.code))]));
  };

  const search = async (text: string) => {
    if (!text.trim()) return;
    const found = await call(orgEndpoints.list, { query: { parentCode: me.org.code, depth: 'subtree', q: text.trim(), pageSize: 50 } });
    setNodes((current) => dedupe([...current, ...found.items.map((org) => nodeOf(org, me.org.code))]));
  };

  // Titles follow the language: full-width brackets in Chinese, plain ones in English.
  const treeData = useMemo(
    () => nodes.map((node) => ({ ...node, title: locale === 'en' ? `${node.name} (${node.value})` : `${node.name}（${node.value}）` })),
    [nodes, locale],
  );
  return (
    <TreeSelect
      aria-label={t('shell.scope')}
      style={{ width: 320, maxWidth: '60vw' }}
      value={orgCode}
      treeDataSimpleMode
      treeData={treeData}
      loadData={loadChildren}
      showSearch
      onSearch={search}
      treeNodeFilterProp="title"
      placeholder={t('shell.scope.placeholder')}
      onChange={(value: string) => update({ org: value === me.org.code ? undefined : value, ...firstPages(address) })}
      popupMatchSelectWidth={420}
      data-testid="scope-picker"
    />
  );
}

/** Another org's lists start at their first page (a table's page is `page`, or `<prefix>page` on a page of several). */
function firstPages(search: URLSearchParams): Record<string, undefined> {
  return Object.fromEntries([...search.keys()].filter((key) => key === 'page' || key.endsWith('.page')).map((key) => [key, undefined]));
}

function dedupe(nodes: Node[]): Node[] {
  const byId = new Map<string, Node>();
  for (const node of nodes) byId.set(node.id, { ...byId.get(node.id), ...node });
  return [...byId.values()];
}
