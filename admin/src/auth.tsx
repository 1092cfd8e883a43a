// Who is logged in. Loads /api/auth/me at start, keeps the CSRF token for api.ts, and reacts to session
// problems reported by any API call: logged out or timed out → login page; password change required →
// the forced password-change page.
import { hasUnsaved } from './unsaved';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onSessionProblem, setCsrfToken } from './api';
import type { Capability } from '../../src/platform/auth/roles.ts';
import type { MeView as Me, MeResponse } from '../../src/modules/users/users.schema.ts';

export type AuthState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'anonymous'; notice: string | null }
  | { status: 'authenticated'; user: Me };

export interface AuthContextValue {
  state: AuthState;
  /** The session ended while the page had unsaved work: sign in again in place (the page stays). */
  reauth: boolean;
  /** The logged-in staff member; only valid under an authenticated state. */
  user: Me | null;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Reloads /api/auth/me (after a password change, or to retry after a network error). */
  refresh(): Promise<void>;
  can(capability: Capability): boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

const EXPIRED_NOTICE = '登录已超时，请重新登录';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [reauth, setReauth] = useState(false);

  const accept = useCallback((data: MeResponse) => {
    setCsrfToken(data.csrfToken);
    setReauth(false);
    setState({ status: 'authenticated', user: data.user });
  }, []);

  const refresh = useCallback(async () => {
    try {
      accept(await api.get<MeResponse>('/api/auth/me', { quiet: true }));
    } catch (err) {
      setCsrfToken(null);
      if (err instanceof ApiError && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED')) {
        setState({ status: 'anonymous', notice: err.code === 'SESSION_EXPIRED' ? EXPIRED_NOTICE : null });
      } else {
        setState({ status: 'error', message: err instanceof ApiError ? err.message : '无法加载登录状态，请稍后再试' });
      }
    }
  }, [accept]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(
    () =>
      onSessionProblem((code) => {
        if (code === 'UNAUTHENTICATED' || code === 'SESSION_EXPIRED') {
          setCsrfToken(null);
          // Unsaved work stays on screen: the user signs in again over it.
          if (hasUnsaved()) {
            setReauth(true);
            return;
          }
          setState({ status: 'anonymous', notice: code === 'SESSION_EXPIRED' ? EXPIRED_NOTICE : '请先登录' });
        } else if (code === 'PASSWORD_CHANGE_REQUIRED') {
          // /api/auth/me tells whether it is a first-login/reset password or an expired one.
          api.get<MeResponse>('/api/auth/me', { quiet: true }).then(
            (data) => {
              const pending = data.user.mustChangePassword || data.user.passwordExpired;
              accept(pending ? data : { ...data, user: { ...data.user, mustChangePassword: true } });
            },
            () => void refresh(),
          );
        } else if (code === 'CSRF_FAILED') {
          // The session's token changed (e.g. a new login in another tab): pick up the current one.
          void refresh();
        }
      }),
    [refresh, accept],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      accept(await api.post<MeResponse>('/api/auth/login', { username, password }, { quiet: true }));
    },
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', {}, { quiet: true });
    } catch {
      // Already logged out or unreachable: either way the console returns to the login page.
    }
    setCsrfToken(null);
    setReauth(false);
    setState({ status: 'anonymous', notice: null });
  }, []);

  const value = useMemo<AuthContextValue>(() => {
    const user = state.status === 'authenticated' ? state.user : null;
    return {
      state,
      reauth,
      user,
      login,
      logout,
      refresh,
      can: (capability) => !!user && user.capabilities.includes(capability),
    };
  }, [state, reauth, login, logout, refresh]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The logged-in staff member; for components rendered only when authenticated. */
export function useMe(): Me {
  const { user } = useAuth();
  if (!user) throw new Error('useMe without a logged-in user');
  return user;
}
