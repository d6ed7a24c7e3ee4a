import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { call } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { useMe } from '../../../web/session.tsx';
import { employerEndpoints, orgEndpoints, type EmployerView, type OrgView } from '../schema.ts';

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
 * An org of the user's scope, searched by name or code on the server (the scope's own org included). `accept` keeps
 * out what may not be chosen (a move's own subtree, orgs that register no employers …).
 */
export function OrgSelect({ accept, known = [], ...props }: PickerProps<string> & { accept?: (org: OrgView) => boolean; known?: Pick<OrgView, 'code' | 'name'>[] }) {
  const { t } = useI18n();
  const me = useMe();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const [found, setFound] = useState<OrgView[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let current = true;
    setLoading(true);
    void Promise.all([
      call(orgEndpoints.get, { params: { orgCode: me.org.code } }),
      call(orgEndpoints.list, { query: { parentCode: me.org.code, depth: 'subtree', q: q || undefined, pageSize: 30, sort: 'code' } }),
    ])
      .then(([root, list]) => {
        if (!current) return;
        const rootMatches = !q || root.name.includes(q) || root.code.startsWith(q);
        setFound([...(rootMatches ? [root] : []), ...list.items]);
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [q, me.org.code]);

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
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={loading ? t('shell.loading') : t('org.picker.nothing')}
      placeholder={props.placeholder ?? t('org.picker.search')}
    />
  );
}

/** An employer in scope (under `orgCode`), searched by name or credit code; `withoutUnion` offers only those without a union. */
export function EmployerSelect({ orgCode, withoutUnion, known, ...props }: PickerProps<number> & { orgCode: string; withoutUnion?: boolean; known?: { id: number; name: string } }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const [found, setFound] = useState<EmployerView[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let current = true;
    setLoading(true);
    void call(employerEndpoints.list, { query: { orgCode, unionised: withoutUnion ? 'no' : undefined, q: q || undefined, pageSize: 30 } })
      .then((list) => current && setFound(list.items))
      .catch(() => current && setFound([]))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [q, orgCode, withoutUnion]);

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
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={loading ? t('shell.loading') : t('org.employer_picker.nothing')}
      placeholder={props.placeholder ?? t('org.employer_picker.search')}
    />
  );
}
