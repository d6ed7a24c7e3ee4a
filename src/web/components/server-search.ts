import { useEffect, useState } from 'react';

/** Waits until typing pauses before the value moves on (to the server, to the address bar). */
export function useDebounced<T>(value: T, ms = 250): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * What a search-as-you-type picker asks the server: `load` runs again when the typed text settles or a dependency
 * changes; an answer that arrives after a newer question is dropped.
 */
export function useServerSearch<T>(load: (q: string | undefined) => Promise<T[]>, dependencies: unknown[]) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const [found, setFound] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    let current = true;
    setLoading(true);
    load(q || undefined)
      .then((items) => current && setFound(items))
      .catch(() => current && setFound([]))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
    // `load` is a new function at every render; what it depends on is listed by the caller.
  }, [q, ...dependencies]);
  return { found, loading, search: setText };
}

/** The props every search-as-you-type picker takes, as an antd Form.Item hands them to its control. */
export interface PickerProps<V> {
  id?: string;
  value?: V;
  /** The option is the one chosen, with its label (name and code). */
  onChange?: (value: V | undefined, option?: { value: V; label: string }) => void;
  placeholder?: string;
  disabled?: boolean;
  'aria-label'?: string;
}
