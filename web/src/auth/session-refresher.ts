import { print } from 'graphql';
import { graphql } from '../generated/gql';
import type { RefreshSessionMutation } from '../generated/gql/graphql';
import { accessTokenFrom, getAccessToken, setAccessToken } from './access-token';
import type { AccessToken } from './access-token';
import { GRAPHQL_PATH, gatewayHeaders } from './transport';

/**
 * Silent refresh. The refresh token is an HttpOnly cookie that only the gateway reads; this module asks the
 * gateway to rotate it and hands back a fresh access token. Three rules keep rotation safe:
 *  - one refresh at a time per tab (callers share the in-flight promise), and across tabs (Web Locks): two
 *    tabs presenting the same cookie at once would look like token theft, and reuse revokes the session;
 *  - a refresh runs before the access token expires (REFRESH_AHEAD_MS) and after any 401;
 *  - a definite "no" (INVALID_TOKEN) signs the tab out; a network failure or rate limit does not.
 */

// Sent with a plain fetch, not through Apollo Client: the client's own 401 handling calls this module.
const REFRESH_SESSION_MUTATION = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      accessToken
      tokenType
      expiresIn
      refreshToken
      sessionId
    }
  }
`);
const REFRESH_OPERATION = print(REFRESH_SESSION_MUTATION);

/** Refresh this long before the access token expires. */
export const REFRESH_AHEAD_MS = 60_000;
/** The Web Locks name shared by every tab of this origin. */
export const REFRESH_LOCK = 'cbp-refresh-session';
/**
 * A hint, not a secret: "this browser may hold a refresh cookie". It spares anonymous visitors a refresh call
 * on every page load (each one costs a point of the IP's auth budget). Only '1' or absent.
 */
export const SESSION_HINT_KEY = 'cbp.maybeSignedIn';
const AUTH_CHANNEL = 'cbp-auth';

export type RefreshOutcome = { kind: 'refreshed'; token: AccessToken } | { kind: 'signed-out' } | { kind: 'unavailable' };

/** A refresh that has not answered by then is given up as unavailable, so no tab waits on a hung gateway. */
export const REFRESH_TIMEOUT_MS = 15_000;

let inFlight: Promise<RefreshOutcome> | null = null;
/** Bumped by every sign-out: a refresh that started before it must not bring the session back. */
let generation = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let channel: BroadcastChannel | null = null;

function authChannel(): BroadcastChannel | null {
  if (channel === null && typeof BroadcastChannel !== 'undefined') channel = new BroadcastChannel(AUTH_CHANNEL);
  return channel;
}

export function hasSessionHint(): boolean {
  try {
    return globalThis.localStorage?.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    return true; // storage disabled: ask the gateway rather than assume signed out
  }
}

function setSessionHint(on: boolean): void {
  try {
    if (on) globalThis.localStorage?.setItem(SESSION_HINT_KEY, '1');
    else globalThis.localStorage?.removeItem(SESSION_HINT_KEY);
  } catch {
    // storage disabled: the hint is an optimisation only
  }
}

/**
 * Runs `task` holding the cross-tab refresh lock where the browser has Web Locks, else directly. Web Locks are
 * not re-entrant: nothing that may itself refresh (an Apollo request) runs under it.
 */
function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request(REFRESH_LOCK, task) as Promise<T>) : task();
}

async function callRefresh(): Promise<RefreshOutcome> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      credentials: 'same-origin',
      headers: gatewayHeaders(),
      body: JSON.stringify({ operationName: 'RefreshSession', query: REFRESH_OPERATION, variables: { refreshToken: '' } }),
      signal: AbortSignal.timeout(REFRESH_TIMEOUT_MS),
    });
  } catch {
    return { kind: 'unavailable' };
  }
  // Whatever came back, checked as it is read: a gateway in trouble may answer anything.
  let body: {
    data?: Partial<RefreshSessionMutation> | null;
    errors?: { extensions?: { code?: string } }[];
  };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    return { kind: 'unavailable' };
  }
  const payload = body.data?.refreshSession;
  if (payload?.accessToken) return { kind: 'refreshed', token: accessTokenFrom(payload) };
  const code = body.errors?.[0]?.extensions?.code;
  if (code === 'INVALID_TOKEN' || code === 'UNAUTHENTICATED') return { kind: 'signed-out' };
  return { kind: 'unavailable' };
}

function schedule(token: AccessToken): void {
  if (timer !== null) clearTimeout(timer);
  const delay = Math.max(5_000, token.expiresAt - Date.now() - REFRESH_AHEAD_MS);
  timer = setTimeout(() => {
    timer = null;
    void refreshSession();
  }, delay);
}

/** Keeps a token that came from login (or any AuthPayload) fresh: stores it and schedules its refresh. */
export function adoptAccessToken(token: AccessToken): void {
  setAccessToken(token);
  setSessionHint(true);
  schedule(token);
  authChannel()?.postMessage({ type: 'signed-in' });
}

/** Forgets this tab's token (the cookie is the gateway's to clear); tells the other tabs when asked to. */
export function forgetSession({ broadcast }: { broadcast: boolean }): void {
  generation++;
  if (timer !== null) clearTimeout(timer);
  timer = null;
  setSessionHint(false);
  setAccessToken(null);
  if (broadcast) authChannel()?.postMessage({ type: 'signed-out' });
}

/**
 * Rotates the refresh cookie for a new access token. Concurrent callers share one call; a token that another
 * caller obtained while this one waited for the lock is reused rather than refreshed again.
 */
export function refreshSession(): Promise<RefreshOutcome> {
  if (inFlight) return inFlight;
  const before = getAccessToken();
  const startedIn = generation;
  inFlight = withRefreshLock(async () => {
    const now = getAccessToken();
    if (now && now !== before && now.expiresAt - Date.now() > REFRESH_AHEAD_MS) return { kind: 'refreshed', token: now } as const;
    if (generation !== startedIn) return { kind: 'signed-out' } as const;
    const outcome = await callRefresh();
    // Signed out while the gateway answered: the answer belongs to a session the person has left.
    if (generation !== startedIn) return { kind: 'signed-out' } as const;
    if (outcome.kind === 'refreshed') {
      setAccessToken(outcome.token);
      setSessionHint(true);
      schedule(outcome.token);
    } else if (outcome.kind === 'signed-out') {
      forgetSession({ broadcast: false });
    }
    return outcome;
  }).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** A token good for at least a few more seconds, refreshing first when the current one is (nearly) expired. */
export async function currentAccessToken(): Promise<string | null> {
  const token = getAccessToken();
  if (token && token.expiresAt - Date.now() > 5_000) return token.value;
  if (!token && !hasSessionHint()) return null;
  const outcome = await refreshSession();
  return outcome.kind === 'refreshed' ? outcome.token.value : (getAccessToken()?.value ?? null);
}

/**
 * Other tabs' sign-in and sign-out reach this one: a sign-out elsewhere forgets the session here too (the token
 * change tells the app); a sign-in elsewhere calls `onSignedIn` in a tab that holds no token, to pick it up.
 */
export function listenToOtherTabs(onSignedIn: () => void): () => void {
  const bus = authChannel();
  if (!bus) return () => undefined;
  const handler = (event: MessageEvent<{ type?: string }>) => {
    if (event.data?.type === 'signed-out') forgetSession({ broadcast: false });
    else if (event.data?.type === 'signed-in' && getAccessToken() === null) onSignedIn();
  };
  bus.addEventListener('message', handler);
  return () => bus.removeEventListener('message', handler);
}
