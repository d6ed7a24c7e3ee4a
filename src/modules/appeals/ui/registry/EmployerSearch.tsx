import { Select } from 'antd';
import { useMemo } from 'react';
import { employerEndpoints } from '../../../org/schema.ts';
import { call } from '../../../../web/api.ts';
import { useServerSearch, type PickerProps } from '../../../../web/components/server-search.ts';
import { useI18n } from '../../../../web/i18n.tsx';

/**
 * An employer registered with the running org or below (the org module's list, so only what the caller's scope
 * reaches), searched by name on the server. `known` is the centre's current employer, offered before any search.
 */
export function EmployerSearch({ orgCode, known, ...props }: PickerProps<number> & { orgCode: string | undefined; known?: { id: number; name: string } | undefined }) {
  const { t } = useI18n();
  const { found, loading, search } = useServerSearch(async (q) => (orgCode ? (await call(employerEndpoints.list, { query: { orgCode, q, pageSize: 30 } })).items : []), [orgCode]);
  const options = useMemo(() => {
    const byId = new Map<number, { value: number; label: string }>();
    if (known) byId.set(known.id, { value: known.id, label: known.name });
    for (const employer of found) byId.set(employer.id, { value: employer.id, label: employer.name });
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
      notFoundContent={loading ? t('shell.loading') : t('appeals.centres.employer.nothing')}
      placeholder={t('appeals.centres.employer.search')}
    />
  );
}
