import { Select } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { call } from '../../../web/api.ts';
import { useServerSearch, type PickerProps } from '../../../web/components/server-search.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { employerEndpoints } from '../schema.ts';

/**
 * An employer a grassroots union under `unionUnder` may belong to (the server's rule: without a union, in the area of
 * the street or federation above), searched by name or credit code. `known` are offered before any search (the
 * union's current employer, one registered a moment ago); `reloadKey` asks again.
 */
export function EmployerSelect({ unionUnder, known, reloadKey, ...props }: PickerProps<number> & { unionUnder: string; known?: { id: number; name: string } | undefined; reloadKey?: unknown; style?: CSSProperties }) {
  const { t } = useI18n();
  const { found, loading, search } = useServerSearch(
    async (q) => (await call(employerEndpoints.list, { query: { forUnionUnder: unionUnder, q, pageSize: 30 } })).items,
    [unionUnder, reloadKey],
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
