import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/** Same-origin in every environment: the Vite dev proxy in development, nginx in production. */
export const GRAPHQL_PATH = '/graphql';

/**
 * The SPA's one Apollo Client. `credentials: 'include'` sends the platform's cookies along; the bearer token
 * (added by the auth flows, in a later link) travels in the Authorization header.
 */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: GRAPHQL_PATH, credentials: 'include' }),
    cache: new InMemoryCache(),
  });
}
