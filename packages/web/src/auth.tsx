import type { LoginResponse, User } from '@gd/domain';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
} from 'react';
import { api } from './api.js';
import { getSession, setSession, subscribeSession } from './session.js';

export interface AuthValue {
  user: User | null;
  token: string | null;
  login(username: string, password: string): Promise<User>;
  logout(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const session = useSyncExternalStore(subscribeSession, getSession, getSession);
  const token = session?.token ?? null;

  // Refresh the stored user once per token (role or name may have changed); a 401 signs out.
  useEffect(() => {
    if (!token) return;
    const ctrl = new AbortController();
    api<User>('/auth/me', { signal: ctrl.signal }).then(
      (user) => {
        const current = getSession();
        if (current?.token === token && JSON.stringify(current.user) !== JSON.stringify(user)) {
          setSession({ token, user });
        }
      },
      () => undefined,
    );
    return () => ctrl.abort();
  }, [token]);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api<LoginResponse>('/auth/login', { method: 'POST', body: { username, password } });
    setSession({ token: res.accessToken, user: res.user });
    return res.user;
  }, []);
  const logout = useCallback(() => setSession(null), []);

  const value = useMemo<AuthValue>(
    () => ({ user: session?.user ?? null, token, login, logout }),
    [session, token, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth must be used inside <AuthProvider>');
  return v;
}
