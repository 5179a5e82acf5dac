/**
 * The access token lives here and nowhere else: in this module's memory, for this tab. Never in localStorage,
 * sessionStorage or a cookie readable by script (a token there outlives the tab and is one XSS away from theft).
 * The refresh token is not here at all: it is an HttpOnly cookie that only the gateway reads.
 */

export interface AccessToken {
  value: string;
  /** Epoch milliseconds at which the gateway stops accepting it. */
  expiresAt: number;
  sessionId: string;
}

type Listener = (token: AccessToken | null) => void;

let current: AccessToken | null = null;
const listeners = new Set<Listener>();

export function getAccessToken(): AccessToken | null {
  return current;
}

export function setAccessToken(token: AccessToken | null): void {
  current = token;
  for (const listener of listeners) listener(token);
}

/** Calls `listener` on every change; returns the unsubscribe function. */
export function onAccessTokenChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** An AuthPayload's token with its absolute expiry, measured from now on this clock. */
export function accessTokenFrom(payload: { accessToken: string; expiresIn: number; sessionId: string }, now = Date.now()): AccessToken {
  return { value: payload.accessToken, expiresAt: now + payload.expiresIn * 1000, sessionId: payload.sessionId };
}
