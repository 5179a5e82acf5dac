import { HeaderMap } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { COMMON_ERRORS } from '@cbp/errors';
import type { GatewayContext } from '../context.js';
import { rootFieldCalls } from './auth-fields.js';
import type { AuthRateLimits } from './auth-rate-limits.js';

/**
 * Charges the rate limits per resolver call, not per HTTP request: after the operation is parsed, validated
 * and chosen, and before anything executes, every auth root field in it (each alias, each fragment copy) costs
 * a point. A refusal refuses the whole operation with RATE_LIMITED, HTTP 429 and `Retry-After`.
 *
 * This is the only place limits are charged. The REST /auth/* routes run their operation through
 * `executeOperation`, so they pass here exactly once, like a GraphQL request does.
 */
export function rateLimitPlugin(limits: AuthRateLimits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const calls = rootFieldCalls(document, operation, request.variables ?? {});
          const outcome = await limits.charge(
            calls,
            contextValue.meta.ip,
            contextValue.identity.kind === 'user' ? contextValue.identity.userId : null,
          );
          if (outcome.allowed) return;
          const code = outcome.failedClosed ? COMMON_ERRORS.SERVICE_UNAVAILABLE : COMMON_ERRORS.RATE_LIMITED;
          throw new GraphQLError(code.message, {
            extensions: {
              code: code.code,
              http: { status: code.status, headers: new HeaderMap([['retry-after', String(outcome.retryAfterSeconds)]]) },
            },
          });
        },
      };
    },
  };
}
