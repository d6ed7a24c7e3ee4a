import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../../web/api.ts';
import { legalAidEndpoints, type InstitutionView } from '../../legal-aid-schema.ts';

/** The institutions of the user's scope (a province has about a hundred: the first 100 by name search on the server). */
export function InstitutionSelect({ value, onChange, id }: { value?: number; onChange?: (value: number | undefined) => void; id?: string }) {
  const [found, setFound] = useState<InstitutionView[]>([]);
  const [q, setQ] = useState('');
  useEffect(() => {
    let current = true;
    call(legalAidEndpoints.listInstitutions, { query: { pageSize: 100, ...(q.trim() ? { q: q.trim() } : {}) } }).then(
      (page) => current && setFound(page.items),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [q]);
  const options = found.map((institution) => ({ value: institution.id, label: `${institution.name}（${institution.orgName}）` }));
  return <Select id={id} showSearch={{ filterOption: false, onSearch: setQ }} value={value} onChange={onChange} options={options} data-testid="legal-aid-institution-select" />;
}
