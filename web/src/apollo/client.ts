import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { from, mergeMap, throwError } from 'rxjs';
import { currentAccessToken, refreshSession } from '../auth/session-refresher';
import { GRAPHQL_PATH, gatewayHeaders } from '../auth/transport';
import { isUnauthenticated } from '../ui/api-error';

export { GRAPHQL_PATH };

/** Operations that never carry a bearer token and are never retried after a refresh. */
const ANONYMOUS_OPERATIONS = new Set([
  'Login',
  'Register',
  'VerifyEmail',
  'RequestEmailVerification',
  'RequestPasswordReset',
  'ResetPassword',
  'RefreshSession',
]);

/** Puts a fresh bearer token on the request (refreshing first when the one we hold is about to expire). */
const bearerLink = new ApolloLink((operation, forward) => {
  if (ANONYMOUS_OPERATIONS.has(operation.operationName ?? '')) return forward(operation);
  return from(currentAccessToken()).pipe(
    mergeMap((token) => {
      operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
        headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        sentBearer: token !== null,
      }));
      return forward(operation);
    }),
  );
});

/**
 * A 401 on a request that carried a token means the token expired or its session ended: refresh once and
 * retry. If the refresh says no, the error goes through and `onSignedOut` lets the app show the sign-in page.
 */
function retryAfterRefreshLink(onSignedOut: () => void) {
  return new ErrorLink(({ error, operation, forward }) => {
    const context = operation.getContext() as { sentBearer?: boolean; retried?: boolean };
    if (!isUnauthenticated(error) || !context.sentBearer || context.retried) return;
    return from(refreshSession()).pipe(
      mergeMap((outcome) => {
        if (outcome.kind !== 'refreshed') {
          if (outcome.kind === 'signed-out') onSignedOut();
          return throwError(() => error);
        }
        operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
          headers: { ...headers, authorization: `Bearer ${outcome.token.value}` },
          retried: true,
        }));
        return forward(operation);
      }),
    );
  });
}

/** The normalised cache, shared with the component tests so they see the same type policies. */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      // Entities without an id of their own are kept under their parent.
      SystemOverview: { keyFields: ['id'] },
      LoginStats: { keyFields: false },
    },
  });
}

export interface ApolloClientOptions {
  /** Called when a refresh finds the session over (revoked, expired, signed out in another tab). */
  onSignedOut?: () => void;
}

/**
 * The SPA's one Apollo Client. Same origin in every environment; the bearer token travels in the Authorization
 * header, the refresh token in the gateway's HttpOnly cookie (asked for by `x-refresh-token-transport`).
 */
export function createApolloClient(options: ApolloClientOptions = {}): ApolloClient {
  const http = new HttpLink({ uri: GRAPHQL_PATH, credentials: 'same-origin', headers: gatewayHeaders() });
  return new ApolloClient({
    link: ApolloLink.from([retryAfterRefreshLink(options.onSignedOut ?? (() => undefined)), bearerLink, http]),
    cache: createCache(),
  });
}
