import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMe } from './session.tsx';

/**
 * The org and year every page shows, carried in the URL (?org=220102&year=2012) so that a link opens the same view.
 * Without them: the user's own org and the current year.
 */
export function useViewState() {
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const orgCode = search.get('org') || me.org.code;
  const year = Number(search.get('year')) || new Date().getFullYear();
  const update = useCallback(
    (changes: Record<string, string | number | undefined>) => {
      setSearch((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      });
    },
    [setSearch],
  );
  return { orgCode, year, search, update };
}

/** A link's query that keeps the view: the same org and year on another page. */
export function keepView(search: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const key of ['org', 'year']) {
    const value = search.get(key);
    if (value) kept.set(key, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}
