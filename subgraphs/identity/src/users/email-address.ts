import { normalizeEmailAddress } from '@cbp/contracts';
import { AppError, COMMON_ERRORS } from '@cbp/errors';

/**
 * The form of an email address used as the account key (the rule every service shares: trimmed, lower-cased,
 * ASCII domain), or a refusal as identity answers it.
 *
 * Throws `AppError(VALIDATION_FAILED)` with `details: { field: 'email' }` and a message saying what is wrong, never
 * repeating the input: the message is shown to whoever sent it, and logs have their own redaction.
 */
export function normalizeEmail(raw: string): string {
  const result = normalizeEmailAddress(raw);
  if (!result.ok) throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: result.message, details: { field: 'email' } });
  return result.email;
}

/**
 * The domain of an address, lower-cased; what logs may say about a recipient (never the local part).
 * Pure; returns `'unknown'` for a string without an @.
 */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at === -1 ? 'unknown' : email.slice(at + 1).toLowerCase();
}
