import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { authEndpoints } from '../core/auth/schema.ts';
import type { MeView } from '../core/auth/schema.ts';
import { call } from './api.ts';

interface Session {
  /** undefined while asking the server, null when nobody is logged in. */
  me: MeView | null | undefined;
  refresh: () => Promise<void>;
  setMe: (me: MeView | null) => void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeView | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    try {
      setMe(await call(authEndpoints.me));
    } catch {
      setMe(null);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <SessionContext.Provider value={{ me, refresh, setMe }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** The logged-in user; only for pages inside the authenticated shell. */
export function useMe(): MeView {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
