import { HeaderMap } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { AUTH_PAYLOAD_REFRESH_TOKEN, IDENTITY_ARGUMENTS, IDENTITY_MUTATIONS } from '@cbp/contracts';
import { COMMON_ERRORS } from '@cbp/errors';
import type { GatewayContext } from '../context.js';
import { rootFieldCalls } from './auth-fields.js';
import type { RootFieldCall } from './auth-fields.js';
import type { AuthCharge, AuthRateLimits } from './auth-rate-limits.js';
import { refreshTokenId } from './refresh-families.js';

/**
 * Charges the rate limits per resolver call, not per HTTP request: after the operation is parsed, validated
 * and chosen, and before anything executes, every auth root field in it (each alias, each fragment copy) costs
 * a point, keyed on its arguments as execution will coerce them (variable defaults included). A refusal refuses
 * the whole operation with RATE_LIMITED, HTTP 429 and `Retry-After`. Once the response is known, the failure
 * points of the calls that succeeded are refunded.
 *
 * This is the only place limits are charged. The REST /auth/* routes run their operation through
 * `executeOperation`, so they pass here exactly once, like a GraphQL request does.
 */
export function rateLimitPlugin(limits: AuthRateLimits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let charged: AuthCharge | null = null;
      return {
        async didResolveOperation({ document, operation, request, contextValue, schema }) {
          if (operation?.operation !== 'mutation') return;
          const calls = withCookieRefreshToken(rootFieldCalls(document, operation, request.variables ?? {}, schema), contextValue);
          const outcome = await limits.charge(
            calls,
            contextValue.meta.ip,
            contextValue.identity.kind === 'user' ? contextValue.identity.userId : null,
          );
          if (outcome.allowed) {
            charged = outcome.charge;
            return;
          }
          if (outcome.undetermined) {
            const code = COMMON_ERRORS.VALIDATION_FAILED;
            throw new GraphQLError(code.message, { extensions: { code: code.code, http: { status: code.status } } });
          }
          const code = outcome.failedClosed ? COMMON_ERRORS.SERVICE_UNAVAILABLE : COMMON_ERRORS.RATE_LIMITED;
          throw new GraphQLError(code.message, {
            extensions: {
              code: code.code,
              http: { status: code.status, headers: new HeaderMap([['retry-after', String(outcome.retryAfterSeconds)]]) },
            },
          });
        },
        async willSendResponse({ response }) {
          if (!charged || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const succeeded = succeededIn(data, errors);
          // Read before any await: the refresh-cookie plugin takes the refresh token out of the response.
          const rotated = rotatedTokens(charged.calls, data, succeeded);
          await limits.refund(charged, succeeded);
          await limits.traceRotations(charged, rotated);
        },
      };
    },
  };
}

/**
 * A web client's refresh runs on its cookie's token, filled in by the refresh-cookie plugin where the client sent
 * none (the same rule: absent or empty): key its session budget on that token too.
 */
function withCookieRefreshToken(calls: RootFieldCall[], context: GatewayContext): RootFieldCall[] {
  const { cookieMode, refreshToken } = context.webSession;
  if (!cookieMode || !refreshToken) return calls;
  return calls.map((call) => {
    const sent = call.args[IDENTITY_ARGUMENTS.REFRESH_TOKEN];
    if (call.name !== IDENTITY_MUTATIONS.REFRESH_SESSION || (sent !== undefined && sent !== null && sent !== '')) return call;
    return { ...call, args: { ...call.args, [IDENTITY_ARGUMENTS.REFRESH_TOKEN]: refreshToken } };
  });
}

/** The ids of the refresh tokens the successful refreshes handed out, by response key. */
function rotatedTokens(
  calls: readonly RootFieldCall[],
  data: Record<string, unknown> | null | undefined,
  succeeded: (call: RootFieldCall) => boolean,
): Map<string, string> {
  const rotated = new Map<string, string>();
  for (const call of calls) {
    if (call.name !== IDENTITY_MUTATIONS.REFRESH_SESSION || !succeeded(call)) continue;
    const payload = data?.[call.responseKey];
    const id =
      typeof payload === 'object' && payload !== null
        ? refreshTokenId((payload as Record<string, unknown>)[AUTH_PAYLOAD_REFRESH_TOKEN])
        : null;
    if (id) rotated.set(call.responseKey, id);
  }
  return rotated;
}

/** A call succeeded when its result is there and no error points into it. */
function succeededIn(
  data: Record<string, unknown> | null | undefined,
  errors: readonly GraphQLFormattedError[] | undefined,
): (call: RootFieldCall) => boolean {
  const failed = new Set((errors ?? []).map((e) => e.path?.[0]));
  // An error without a path (the whole operation failed) fails every call.
  if (failed.has(undefined)) return () => false;
  return (call) => data?.[call.responseKey] !== undefined && data[call.responseKey] !== null && !failed.has(call.responseKey);
}
