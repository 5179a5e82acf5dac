import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.js';
import { clearedRefreshCookie, refreshCookie } from './refresh-cookie.js';
import type { RefreshCookieSettings } from './refresh-cookie.js';
import { sessionOperationOf, takeRefreshTokens } from './session-fields.js';
import type { SessionField } from './session-fields.js';

/**
 * The refresh token of a web client travels in an HttpOnly cookie instead of the response body, for requests in
 * cookie mode (`x-refresh-token-transport: cookie`, read into `contextValue.webSession`; REST routes never are):
 * - before execution, a `refreshSession(refreshToken: $v)` whose `$v` is missing or "" gets the cookie's value,
 *   so identity's resolver stays the one implementation of refresh (rotation, reuse detection, errors);
 * - after execution, every `refreshToken` of a `login` / `refreshSession` payload is replaced by "" and the new
 *   token is set as the cookie; INVALID_TOKEN on refresh, or a successful logout / logoutAll, clears it.
 * The header goes through `response.http.headers`, which the HTTP integration copies onto the response.
 */
export function refreshCookiePlugin(settings: RefreshCookieSettings): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const session = contextValue.webSession;
      if (!session.cookieMode) return;
      let fields: SessionField[] = [];
      // Whether a refresh of this request ran on the cookie's token. A cookie that was present but not used (the
      // client sent its own token) is not cleared by that refresh failing: nothing showed it to be invalid.
      let usedCookie = false;
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const plan = sessionOperationOf(document, operation);
          fields = plan.fields;
          const token = session.refreshToken;
          if (!token) return; // No cookie: the variable stays as sent, and identity answers INVALID_TOKEN.
          for (const name of plan.cookieVariables) {
            const sent: unknown = request.variables?.[name];
            // A token the client sent itself wins; only an absent or empty one is taken from the cookie.
            if (sent !== undefined && sent !== null && sent !== '') continue;
            request.variables = { ...request.variables, [name]: token };
            usedCookie = true;
          }
        },
        async willSendResponse({ response }) {
          if (fields.length === 0 || response.body.kind !== 'single') return;
          const action = takeRefreshTokens(fields, response.body.singleResult, {
            clearOnInvalidToken: usedCookie || !session.refreshToken,
          });
          if (!action) return;
          response.http.headers.set(
            'set-cookie',
            action.kind === 'set' ? refreshCookie(settings, action.refreshToken) : clearedRefreshCookie(settings),
          );
        },
      };
    },
  };
}
