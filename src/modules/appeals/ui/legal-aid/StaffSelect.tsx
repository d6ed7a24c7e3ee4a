import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../../web/api.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { legalAidEndpoints, type StaffView } from '../../legal-aid-schema.ts';

/** The lawyers and volunteers of one institution to choose from, masked as the lists show them (张** · 律师 · 139****1234). */
export function StaffSelect({ institutionId, value, onChange, id }: { institutionId: number | undefined; value?: number; onChange?: (value: number | undefined) => void; id?: string }) {
  const { t } = useI18n();
  const [staff, setStaff] = useState<StaffView[]>([]);
  useEffect(() => {
    let current = true;
    setStaff([]);
    if (institutionId !== undefined)
      call(legalAidEndpoints.listStaff, { params: { institutionId }, query: { pageSize: 100 } }).then(
        (page) => current && setStaff(page.items),
        () => undefined,
      );
    return () => {
      current = false;
    };
  }, [institutionId]);
  const options = staff.map((person) => ({ value: person.id, label: [person.name, t(`appeals.legal_aid.staff.${person.kind}`), person.phone].filter(Boolean).join(' · ') }));
  return <Select id={id} allowClear value={value} onChange={onChange} options={options} disabled={institutionId === undefined} notFoundContent={t('appeals.legal_aid.ui.case.no_staff')} data-testid="legal-aid-staff-select" />;
}
