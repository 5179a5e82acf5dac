import { CombinedGraphQLErrors, CombinedProtocolErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import { apiProblemOf } from './api-error';

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

/** Our sentence for each code of docs/design.md §10 (Errors) (and the platform's catalogue). */
const CODE_MESSAGES: Readonly<Record<string, string>> = {
  VALIDATION_FAILED: 'Check the highlighted field and try again.',
  EMAIL_IN_USE: 'An account with this email already exists. Sign in instead, or reset your password.',
  RATE_LIMITED: 'Too many attempts. Wait a moment, then try again.',
  INVALID_TOKEN: 'This link is invalid, has expired or was already used. Ask for a new one.',
  INVALID_CREDENTIALS: 'The email or password is incorrect.',
  OTP_REQUIRED: 'Enter the code from your authenticator app.',
  INVALID_OTP: 'That code is not right. Check your authenticator app and try again.',
  EMAIL_NOT_VERIFIED: 'Verify your email address first: open the link we sent you.',
  ACCOUNT_LOCKED: 'This account is locked for now. Try again later, or reset your password.',
  UNAUTHENTICATED: 'Your session has ended. Sign in again.',
  FORBIDDEN: 'You are not allowed to do this.',
  NOT_FOUND: 'It no longer exists.',
  CONFLICT: 'That cannot be done in the current state.',
  MFA_ALREADY_ENABLED: 'Two-factor authentication is already on.',
  MFA_NOT_ENABLED: 'Two-factor authentication is not on.',
  MFA_SETUP_REQUIRED: 'Start the two-factor setup again: the pending key has expired.',
  INVITE_REQUIRED: 'Registration needs an invitation. Ask someone with an account for an invitation link.',
  INVALID_INVITATION: 'This invitation is invalid, has expired or was already used.',
  WEAK_PASSWORD: 'Choose a longer, less common password.',
  SERVICE_UNAVAILABLE: UNAVAILABLE_MESSAGE,
  PAYLOAD_TOO_LARGE: 'That is too much text.',
  INTERNAL_SERVER_ERROR: 'The platform had a problem answering. Try again in a moment.',
};

/**
 * Codes whose server message is written for the person and says exactly what to change ("The password must be
 * at least 15 characters."): shown as it is, when it is a short single line.
 */
const SERVER_WORDED = new Set(['VALIDATION_FAILED', 'WEAK_PASSWORD', 'CONFLICT']);

export function messageForCode(code: string, serverMessage?: string | null): string {
  if (SERVER_WORDED.has(code) && serverMessage && serverMessage.length <= 200 && !/[\n\r]/.test(serverMessage)) return serverMessage;
  return CODE_MESSAGES[code] ?? GENERIC_MESSAGE;
}

/** A friendly sentence for an error from Apollo Client (GraphQL, HTTP, parse or network). */
export function friendlyApiError(error: unknown): string {
  const problem = apiProblemOf(error);
  if (problem && problem.code in CODE_MESSAGES) return messageForCode(problem.code, problem.serverMessage);
  if (CombinedGraphQLErrors.is(error)) return 'The API answered, but with an error.';
  if (CombinedProtocolErrors.is(error)) return 'The API connection was interrupted. Try again.';
  if (ServerParseError.is(error)) return 'The API answered in a format this page does not understand.';
  if (ServerError.is(error)) return friendlyHttpMessage(error.statusCode);
  return 'The API could not be reached. Check your connection and try again.';
}
