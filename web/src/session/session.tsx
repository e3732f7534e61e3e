// The signed-in account, restored from the session cookie on load (GET /api/v1/session), and sign-in/out.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import type { Account, Session } from '../api/types';

interface SessionState {
  account: Account | null;
  loading: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const Context = createContext<SessionState | null>(null);

// Asked as soon as the app's code runs, beside the first page's chunk, not after React's first render.
let firstSession: Promise<Session> | null = null;
export function startSessionRequest(): Promise<Session> {
  if (firstSession) return firstSession;
  firstSession = api.session();
  firstSession.catch(() => {}); // handled by the provider; this keeps an early 401 from being logged as unhandled
  return firstSession;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccount] = useState<Account | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let cancelled = false;
    startSessionRequest();
    firstSession!
      .then((s) => {
        if (cancelled) return;
        setCsrfToken(s.csrf_token);
        setAccount(s.account);
      })
      .catch((e: unknown) => {
        if (!(e instanceof ApiError) || e.status !== 401) console.error(e);
      })
      .finally(() => !cancelled && setLoading(false));
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setAccount(null);
    });
    return () => {
      cancelled = true;
      setUnauthenticatedHandler(null);
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const s = await api.signIn(username, password);
    setCsrfToken(s.csrf_token);
    setAccount(s.account);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } finally {
      setCsrfToken(null);
      setAccount(null);
    }
  }, []);

  const value = useMemo(() => ({ account, loading, signIn, signOut }), [account, loading, signIn, signOut]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

export function hasRole(account: Account | null, ...roles: string[]): boolean {
  return !!account && account.roles.some((g) => roles.includes(g.role));
}

// Whether the account follows reviews, and so their progress and statistics: the server's read_reviews, allowed to
// every role but a plain member's on the units of its grants (service/auth/authorize.cpp).
export function readsReviews(account: Account | null): boolean {
  return !!account && account.roles.some((g) => g.role !== 'member');
}
