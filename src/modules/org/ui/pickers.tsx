import { Select } from 'antd';
import { useMemo } from 'react';
import { call } from '../../../web/api.ts';
import { useServerSearch, type PickerProps } from '../../../web/components/server-search.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { employerEndpoints } from '../schema.ts';

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
