import { defineErrorCodes } from './app-error.js';

/** Codes every service may answer with (docs/design.md §10 (Errors)). */
export const COMMON_ERRORS = defineErrorCodes({
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  BAD_REQUEST: { status: 400, message: 'The request could not be understood.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the request body as application/json.' },
  UNAUTHENTICATED: { status: 401, message: 'Authentication is required.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do this.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  CONFLICT: { status: 409, message: 'The request conflicts with the current state.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Try again later.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'The service is temporarily unavailable.' },
  INTERNAL_SERVER_ERROR: { status: 500, message: 'Something went wrong on our side.' },
});

/** Identity: registration, login, tokens, verification and reset. */
export const AUTH_ERRORS = defineErrorCodes({
  EMAIL_IN_USE: { status: 409, message: 'An account with this email already exists.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The email or password is incorrect.' },
  EMAIL_NOT_VERIFIED: { status: 403, message: 'Verify your email address before signing in.' },
  ACCOUNT_LOCKED: { status: 423, message: 'This account is temporarily locked. Try again later.' },
  INVALID_TOKEN: { status: 400, message: 'The token is invalid, expired or already used.' },
  WEAK_PASSWORD: { status: 400, message: 'The password does not meet the password policy.' },
  INVITE_REQUIRED: { status: 403, message: 'Registration requires an invitation.' },
  INVALID_INVITATION: { status: 400, message: 'The invitation is invalid, expired or already used.' },
});

/** Second factor. */
export const MFA_ERRORS = defineErrorCodes({
  OTP_REQUIRED: { status: 401, message: 'A one-time code is required.' },
  INVALID_OTP: { status: 401, message: 'The one-time code is incorrect.' },
  MFA_ALREADY_ENABLED: { status: 409, message: 'Two-factor authentication is already enabled.' },
  MFA_NOT_ENABLED: { status: 409, message: 'Two-factor authentication is not enabled.' },
  MFA_SETUP_REQUIRED: { status: 409, message: 'Start two-factor setup first.' },
});

export const ERROR_CATALOGUE = { ...COMMON_ERRORS, ...AUTH_ERRORS, ...MFA_ERRORS };
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The REST status for a code, for adapters that only see `extensions.code`. Unknown codes map to 500. */
export function statusForCode(code: string): number {
  return (ERROR_CATALOGUE as Record<string, { status: number } | undefined>)[code]?.status ?? 500;
}
