import type { ApolloCache } from '@apollo/client';

/**
 * Drops the cached session list, so that /account/sessions asks again. Used after enabling or disabling 2FA,
 * which end every other session on the server.
 */
export function forgetCachedSessions(cache: ApolloCache): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'mySessions' });
  cache.gc();
}

/** Removes one ended session from every cached list that refers to it. */
export function evictSession(cache: ApolloCache, sessionId: string): void {
  cache.evict({ id: cache.identify({ __typename: 'Session', id: sessionId }) });
  cache.gc();
}
