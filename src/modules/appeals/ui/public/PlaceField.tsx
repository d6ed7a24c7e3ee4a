import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../../web/api.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { publicAppealEndpoints } from '../../public-schema.ts';

type Group = { label: string; title: string; options: { value: string; label: string }[] };

/** The county federations (GET /public/appeal-places), grouped under their city, searchable by name. */
export function PlaceField({ id, value, onChange }: { id?: string; value?: string; onChange?: (value: string) => void }) {
  const { t } = useI18n();
  const [groups, setGroups] = useState<Group[]>();
  useEffect(() => {
    call(publicAppealEndpoints.places).then(({ items }) => {
      const byCity = new Map<string, Group>();
      for (const place of items) {
        const group = byCity.get(place.cityName) ?? { label: place.cityName, title: place.cityName, options: [] };
        group.options.push({ value: place.code, label: place.name });
        byCity.set(place.cityName, group);
      }
      setGroups([...byCity.values()]);
    }, () => setGroups([]));
  }, []);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      options={groups}
      loading={groups === undefined}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('appeals.public.field.place.search')}
      style={{ width: '100%' }}
    />
  );
}
