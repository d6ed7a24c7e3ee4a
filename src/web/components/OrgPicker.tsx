import { Select } from 'antd';
import { useMemo } from 'react';
import { orgEndpoints, type OrgKind, type OrgView } from '../../modules/org/schema.ts';
import { call } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useMe } from '../session.tsx';
import { useServerSearch, type PickerProps } from './server-search.ts';

const labelOf = (org: Pick<OrgView, 'code' | 'name'>) => `${org.name}（${org.code}）`;

/**
 * An org of the user's scope, searched by name, code or pinyin initials (NGQ for 南关区…) on the server (the scope's own org included). The org tree is
 * the scope of everything, so every module picks orgs with this one picker. `kind` keeps to one kind of org
 * (grassroots unions, for a member), `registers` to the orgs employers are registered under (asked of the server, so
 * a county's streets are not lost among its unions); `accept` keeps out what may not be chosen (a move's own subtree,
 * orgs that register no employers …); `known` are shown before any search (the org in view).
 */
export function OrgPicker({
  accept,
  kind,
  registers,
  known = [],
  nothingKey = 'picker.org.nothing',
  ...props
}: PickerProps<string> & { accept?: (org: OrgView) => boolean; kind?: OrgKind; registers?: 'employers'; known?: Pick<OrgView, 'code' | 'name'>[]; nothingKey?: string }) {
  const { t } = useI18n();
  const me = useMe();
  const { found, loading, search } = useServerSearch(async (q) => {
    const [root, list] = await Promise.all([
      call(orgEndpoints.get, { params: { orgCode: me.org.code } }),
      call(orgEndpoints.list, { query: { parentCode: me.org.code, depth: 'subtree', kind, registers, q, pageSize: 30, sort: 'code' } }),
    ]);
    const rootMatches = (!kind || root.kind === kind) && (!q || root.name.includes(q) || root.code.startsWith(q) || root.nameInitials.includes(q.toUpperCase()));
    return [...(rootMatches ? [root] : []), ...list.items];
  }, [me.org.code, kind, registers]);

  const options = useMemo(() => {
    const byCode = new Map<string, { value: string; label: string }>();
    for (const org of known) byCode.set(org.code, { value: org.code, label: labelOf(org) });
    for (const org of found) if (!accept || accept(org)) byCode.set(org.code, { value: org.code, label: labelOf(org) });
    return [...byCode.values()];
  }, [found, known, accept]);

  return (
    <Select
      {...props}
      onChange={(value, option) => props.onChange?.(value, Array.isArray(option) ? option[0] : option)}
      allowClear
      loading={loading}
      options={options}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={loading ? t('shell.loading') : t(nothingKey)}
      placeholder={props.placeholder ?? t('picker.org.search')}
    />
  );
}
