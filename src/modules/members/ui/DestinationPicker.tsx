import { Select } from 'antd';
import { call } from '../../../web/api.ts';
import { useServerSearch, type PickerProps } from '../../../web/components/server-search.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { memberEndpoints } from '../schema.ts';

/**
 * The union a member moves to, searched as OrgPicker searches (name or code, on the server), but beyond the caller's
 * scope: part of a name within the county, the full name or code further away (GET /transfers/destinations).
 */
export function DestinationPicker(props: PickerProps<string>) {
  const { t } = useI18n();
  const { found, loading, search } = useServerSearch(async (q) => (q ? (await call(memberEndpoints.transferDestinations, { query: { q } })).items : []), []);
  const options = found.map((union) => ({ value: union.code, label: `${union.name}（${union.code}）${union.parentName ? ` · ${union.parentName}` : ''}` }));
  return (
    <Select
      {...props}
      onChange={(value, option) => props.onChange?.(value, Array.isArray(option) ? option[0] : option)}
      allowClear
      loading={loading}
      options={options}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={loading ? t('shell.loading') : t('members.ui.transfer.destination.nothing')}
      placeholder={props.placeholder ?? t('members.ui.transfer.destination.search')}
    />
  );
}
