import { useApolloClient, useQuery } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { accessTokenFrom, getAccessToken, onAccessTokenChange } from './access-token';
import { LOGOUT_MUTATION, VIEWER_QUERY } from './operations';
import type { AuthPayload, Viewer } from './operations';
import { adoptAccessToken, forgetSession, hasSessionHint, listenToOtherTabs, refreshSession } from './session-refresher';

/**
 * - `starting`: a page load is asking the gateway whether the refresh cookie still holds a session;
 * - `signed-out`; `signed-in`: a token is held and `viewer` is the account it belongs to.
 */
export type AuthStatus = 'starting' | 'signed-out' | 'signed-in';

export interface AuthState {
  status: AuthStatus;
  viewer: Viewer | null;
  /** Adopts the tokens of a successful login. */
  signedIn(payload: AuthPayload): void;
  /** Ends this session on the server (which clears the refresh cookie) and forgets it here and in other tabs. */
  signOut(): Promise<void>;
  /** Reads the account again (after a change to its roles, 2FA or email). */
  reloadViewer(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (state === null) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}

export function hasAnyRole(viewer: Viewer | null, roles: readonly string[]): boolean {
  return viewer !== null && viewer.roles.some((role) => roles.includes(role));
}

/** The roles that open the admin console (the server still checks every field's scope). */
export const CONSOLE_ROLES = ['admin', 'support'] as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [hasToken, setHasToken] = useState(() => getAccessToken() !== null);
  const [starting, setStarting] = useState(() => getAccessToken() === null && hasSessionHint());

  useEffect(
    () =>
      onAccessTokenChange((token) => {
        setHasToken(token !== null);
        // A session that ended (sign-out, revocation, another tab) takes its data with it.
        if (token === null) void client.clearStore();
      }),
    [client],
  );

  // A page load: a refresh cookie may still hold a session. Ask once (the hint spares anonymous visitors).
  useEffect(() => {
    if (!starting) return;
    let live = true;
    void refreshSession().finally(() => {
      if (live) setStarting(false);
    });
    return () => {
      live = false;
    };
  }, [starting]);

  useEffect(
    () =>
      listenToOtherTabs(
        () => undefined,
        () => void refreshSession(),
      ),
    [],
  );

  const viewerQuery = useQuery(VIEWER_QUERY, { skip: !hasToken, fetchPolicy: 'cache-first' });
  const viewer = hasToken ? (viewerQuery.data?.me ?? null) : null;

  const signedIn = useCallback((payload: AuthPayload) => adoptAccessToken(accessTokenFrom(payload)), []);

  const signOut = useCallback(async () => {
    try {
      if (getAccessToken()) await client.mutate({ mutation: LOGOUT_MUTATION });
    } catch {
      // Already over on the server (expired, revoked) or unreachable: forget it here all the same.
    }
    forgetSession({ broadcast: true });
  }, [client]);

  const reloadViewer = useCallback(async () => {
    if (getAccessToken()) await viewerQuery.refetch();
  }, [viewerQuery]);

  const status: AuthStatus = starting || (hasToken && viewer === null && viewerQuery.loading) ? 'starting' : hasToken && viewer ? 'signed-in' : 'signed-out';
  const value = useMemo<AuthState>(() => ({ status, viewer, signedIn, signOut, reloadViewer }), [status, viewer, signedIn, signOut, reloadViewer]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
