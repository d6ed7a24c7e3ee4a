import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { call } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { useMe } from '../../../web/session.tsx';
import { employerEndpoints, orgEndpoints, type OrgKind, type OrgView } from '../schema.ts';

/** Waits until typing pauses before asking the server. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

interface PickerProps<V> {
  id?: string;
  value?: V;
  /** The option is the one chosen, with its label (name and code). */
  onChange?: (value: V | undefined, option?: { value: V; label: string }) => void;
  placeholder?: string;
  disabled?: boolean;
  'aria-label'?: string;
}

/**
 * What a search-as-you-type picker asks the server: `load` runs again when the typed text settles or a dependency
 * changes; an answer that arrives after a newer question is dropped.
 */
function useServerSearch<T>(load: (q: string | undefined) => Promise<T[]>, dependencies: unknown[]) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const [found, setFound] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    let current = true;
    setLoading(true);
    load(q || undefined)
      .then((items) => current && setFound(items))
      .catch(() => current && setFound([]))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
    // `load` is a new function at every render; what it depends on is listed by the caller.
  }, [q, ...dependencies]);
  return { found, loading, search: setText };
}

/**
 * An org of the user's scope, searched by name or code on the server (the scope's own org included). `kind` keeps to
 * one kind of org (grassroots unions, for a member); `accept` keeps out what may not be chosen (a move's own subtree,
 * orgs that register no employers …).
 */
export function OrgSelect({
  accept,
  kind,
  known = [],
  nothingKey = 'org.picker.nothing',
  ...props
}: PickerProps<string> & { accept?: (org: OrgView) => boolean; kind?: OrgKind; known?: Pick<OrgView, 'code' | 'name'>[]; nothingKey?: string }) {
  const { t } = useI18n();
  const me = useMe();
  const { found, loading, search } = useServerSearch(async (q) => {
    const [root, list] = await Promise.all([
      call(orgEndpoints.get, { params: { orgCode: me.org.code } }),
      call(orgEndpoints.list, { query: { parentCode: me.org.code, depth: 'subtree', kind, q, pageSize: 30, sort: 'code' } }),
    ]);
    const rootMatches = (!kind || root.kind === kind) && (!q || root.name.includes(q) || root.code.startsWith(q));
    return [...(rootMatches ? [root] : []), ...list.items];
  }, [me.org.code, kind]);

  const options = useMemo(() => {
    const byCode = new Map<string, { value: string; label: string }>();
    for (const org of known) byCode.set(org.code, { value: org.code, label: `${org.name}（${org.code}）` });
    for (const org of found) if (!accept || accept(org)) byCode.set(org.code, { value: org.code, label: `${org.name}（${org.code}）` });
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
      placeholder={props.placeholder ?? t('org.picker.search')}
    />
  );
}

/** An employer in scope (under `orgCode`), searched by name or credit code; `withoutUnion` offers only those without a union. */
export function EmployerSelect({ orgCode, withoutUnion, known, ...props }: PickerProps<number> & { orgCode: string; withoutUnion?: boolean; known?: { id: number; name: string } }) {
  const { t } = useI18n();
  const { found, loading, search } = useServerSearch(
    async (q) => (await call(employerEndpoints.list, { query: { orgCode, unionised: withoutUnion ? 'no' : undefined, q, pageSize: 30 } })).items,
    [orgCode, withoutUnion],
  );

  const options = useMemo(() => {
    const byId = new Map<number, { value: number; label: string }>();
    if (known) byId.set(known.id, { value: known.id, label: known.name });
    for (const employer of found) byId.set(employer.id, { value: employer.id, label: employer.creditCode ? `${employer.name}（${employer.creditCode}）` : employer.name });
    return [...byId.values()];
  }, [found, known]);

  return (
    <Select
      {...props}
      onChange={(value, option) => props.onChange?.(value, Array.isArray(option) ? option[0] : option)}
      allowClear
      loading={loading}
      options={options}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={loading ? t('shell.loading') : t('org.employer_picker.nothing')}
      placeholder={props.placeholder ?? t('org.employer_picker.search')}
    />
  );
}
