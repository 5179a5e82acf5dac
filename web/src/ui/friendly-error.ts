import { CombinedGraphQLErrors, CombinedProtocolErrors, ServerError, ServerParseError } from '@apollo/client/errors';

/**
 * Every error the user sees goes through here: a short sentence for a person, never the raw error (whose
 * message can carry stack traces, URLs or server internals).
 */

export const UNAVAILABLE_MESSAGE = 'The service is not answering right now. It may be starting up or offline; try again in a moment.';
export const UNREACHABLE_MESSAGE = 'The platform could not be reached. Check your connection and try again.';
export const GENERIC_MESSAGE = 'Something went wrong. Please try again.';

/** A friendly sentence for an HTTP status that carried no usable body. */
export function friendlyHttpMessage(status: number): string {
  if (status === 502 || status === 503 || status === 504) return UNAVAILABLE_MESSAGE;
  if (status === 429) return 'Too many requests. Wait a moment, then try again.';
  if (status === 401) return 'You need to sign in to see this.';
  if (status === 403) return 'This information is not available from here.';
  if (status === 404) return 'This information is not available from here.';
  if (status >= 500) return 'The platform had a problem answering. Try again in a moment.';
  return GENERIC_MESSAGE;
}

/** A friendly sentence for an error from Apollo Client (GraphQL, HTTP, parse or network). */
export function friendlyApiError(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return 'The API answered, but with an error.';
  if (CombinedProtocolErrors.is(error)) return 'The API connection was interrupted. Try again.';
  if (ServerParseError.is(error)) return 'The API answered in a format this page does not understand.';
  if (ServerError.is(error)) return friendlyHttpMessage(error.statusCode);
  return 'The API could not be reached. Check your connection and try again.';
}
