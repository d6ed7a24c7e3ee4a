import { AutoComplete } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../../../web/api.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { publicAppealEndpoints } from '../../public-schema.ts';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  /** The known employer picked (its id goes with the appeal, so it reaches the employer's centre), or none when typed. */
  onPick: (employerId: number | undefined) => void;
}

/** A search a pause in typing, not a keystroke: the route allows 30 a minute per address. */
const debounceMs = 400;

/**
 * The employer, searched by name among the known ones (GET /public/employers, at most 10, name and county) or typed
 * as it is when it is not there: a worker's employer may well be unknown to the union.
 */
export function EmployerField({ id, value, onChange, onPick }: Props) {
  const { t } = useI18n();
  const [options, setOptions] = useState<{ value: string; label: string; employerId: number }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (text: string) => {
    clearTimeout(timer.current);
    const name = text.trim();
    if (name.length < 2) {
      setOptions([]);
      return;
    }
    timer.current = setTimeout(() => {
      call(publicAppealEndpoints.employers, { query: { name } }).then(
        ({ items }) => setOptions(items.map((item) => ({ value: item.name, label: item.countyName ? `${item.name}（${item.countyName}）` : item.name, employerId: item.id }))),
        // A refused search (the rate limit) leaves the field as typed: the name alone is enough to send.
        () => setOptions([]),
      );
    }, debounceMs);
  };

  return (
    <AutoComplete
      id={id}
      value={value}
      options={options.length ? [{ label: t('appeals.public.field.employer.known'), options: options.map(({ value: name, label, employerId }) => ({ value: `${employerId}`, label, name })) }] : []}
      // The server has matched already; the options' values are ids, which a local filter would never match.
      showSearch={{ onSearch: search, filterOption: false }}
      onChange={(text: string) => {
        // Typing (not picking) unlinks the known employer: the name is the worker's own again.
        if (!options.some((option) => `${option.employerId}` === text)) {
          onPick(undefined);
          onChange?.(text);
        }
      }}
      onSelect={(picked: string) => {
        const option = options.find((candidate) => `${candidate.employerId}` === picked);
        if (!option) return;
        onPick(option.employerId);
        onChange?.(option.value);
      }}
      maxLength={100}
      style={{ width: '100%' }}
    />
  );
}
