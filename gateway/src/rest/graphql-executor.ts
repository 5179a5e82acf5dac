import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context.js';

export interface OperationResult {
  data: Record<string, unknown> | null;
  errors: readonly GraphQLFormattedError[];
  /** Set when a plugin refused the operation with a retry hint (rate limiting): the `Retry-After` seconds. */
  retryAfter?: string;
}

/**
 * Runs a GraphQL operation through the gateway itself, with the REST request's context. This is how every REST
 * route shares its implementation with its GraphQL twin: same plan, same subgraph resolver, same checks.
 */
export async function executeOperation(
  apollo: ApolloServer<GatewayContext>,
  query: string,
  variables: Record<string, unknown>,
  contextValue: GatewayContext,
): Promise<OperationResult> {
  const response = await apollo.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('incremental delivery is not used by REST routes');
  const { data, errors } = response.body.singleResult;
  const retryAfter = response.http.headers.get('retry-after');
  return {
    data: (data as Record<string, unknown> | null | undefined) ?? null,
    errors: errors ?? [],
    ...(retryAfter ? { retryAfter } : {}),
  };
}
