import { useApolloClient, useQuery } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { accessTokenFrom, getAccessToken, onAccessTokenChange } from './access-token';
import { LOGOUT_MUTATION, VIEWER_QUERY } from './operations';
import type { AuthPayload, Viewer } from './operations';
import {
  adoptAccessToken,
  currentAccessToken,
  forgetSession,
  hasSessionHint,
  listenToOtherTabs,
  refreshSession,
} from './session-refresher';

/**
 * - `starting`: a page load is asking the gateway whether the refresh cookie still holds a session;
 * - `unavailable`: it could not tell (the platform did not answer, or rate-limited the question): the person may
 *   well be signed in, so pages offer to try again rather than send them to the sign-in page;
 * - `signed-out`; `signed-in`: a token is held and `viewer` is the account it belongs to.
 */
export type AuthStatus = 'starting' | 'unavailable' | 'signed-out' | 'signed-in';

export interface AuthState {
  status: AuthStatus;
  viewer: Viewer | null;
  /** Adopts the tokens of a successful login. */
  signedIn(payload: AuthPayload): void;
  /**
   * Ends this session on the server (which clears the refresh cookie) and forgets it here and in other tabs. When
   * the platform could not confirm it, this browser forgets it all the same and `signOutUnconfirmed` says so.
   */
  signOut(): Promise<void>;
  /** After `unavailable`: asks the gateway again whether the refresh cookie holds a session. */
  retryStart(): void;
  /** The last sign-out forgot the session here, but the platform did not confirm that it ended it. */
  signOutUnconfirmed: boolean;
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
  const [unavailable, setUnavailable] = useState(false);
  const [signOutUnconfirmed, setSignOutUnconfirmed] = useState(false);

  useEffect(() => {
    let sessionId = getAccessToken()?.sessionId ?? null;
    return onAccessTokenChange((token) => {
      setHasToken(token !== null);
      // A session that ended (sign-out, revocation, another tab), or gave way to another one, takes its data along.
      const next = token?.sessionId ?? null;
      if (next !== sessionId) void client.clearStore();
      sessionId = next;
    });
  }, [client]);

  // A page load: a refresh cookie may still hold a session. Ask once (the hint spares anonymous visitors).
  useEffect(() => {
    if (!starting) return;
    let live = true;
    void refreshSession().then((outcome) => {
      if (!live) return;
      setUnavailable(outcome.kind === 'unavailable');
      setStarting(false);
    });
    return () => {
      live = false;
    };
  }, [starting]);

  const retryStart = useCallback(() => {
    setUnavailable(false);
    setStarting(true);
  }, []);

  useEffect(() => listenToOtherTabs(() => void refreshSession()), []);

  const viewerQuery = useQuery(VIEWER_QUERY, { skip: !hasToken, fetchPolicy: 'cache-first' });
  const viewer = hasToken ? (viewerQuery.data?.me ?? null) : null;

  const signedIn = useCallback((payload: AuthPayload) => {
    setUnavailable(false);
    setSignOutUnconfirmed(false);
    adoptAccessToken(accessTokenFrom(payload));
  }, []);

  const signOut = useCallback(async (): Promise<void> => {
    let confirmed = false;
    try {
      // A token that expired while the tab slept is refreshed first: logout needs a live one, and the gateway
      // clears the refresh cookie on the logout's answer.
      if (await currentAccessToken()) {
        // Not under the refresh lock: a 401 here makes the Apollo link refresh, which takes that lock itself.
        await client.mutate({ mutation: LOGOUT_MUTATION });
        confirmed = true;
      } else {
        // No token to sign out with: either the refresh said the session is over (and cleared the hint and the
        // cookie), or the platform did not answer (the hint stays, and so may the session).
        confirmed = !hasSessionHint();
      }
    } catch {
      // Unreachable, or already over on the server (revoked): forget it here all the same, and say so.
    }
    setSignOutUnconfirmed(!confirmed);
    forgetSession({ broadcast: true });
  }, [client]);

  const reloadViewer = useCallback(async () => {
    if (getAccessToken()) await viewerQuery.refetch();
  }, [viewerQuery]);

  const status: AuthStatus =
    starting || (hasToken && viewer === null && viewerQuery.loading)
      ? 'starting'
      : hasToken && viewer
        ? 'signed-in'
        : unavailable
          ? 'unavailable'
          : 'signed-out';
  const value = useMemo<AuthState>(
    () => ({ status, viewer, signedIn, signOut, reloadViewer, retryStart, signOutUnconfirmed }),
    [status, viewer, signedIn, signOut, reloadViewer, retryStart, signOutUnconfirmed],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
