import { errorCodeOf } from '../ui/api-error';
import { formErrorsOf } from '../ui/form-errors';
import type { FormErrors } from '../ui/form-errors';

/** The generic INVALID_CREDENTIALS sentence speaks of an email too; here only the password can be wrong. */
export const WRONG_PASSWORD = 'That password is not right.';
export const MISSING_CURRENT_PASSWORD = 'Enter your current password.';

/**
 * Splits the error of a call that re-checks the current password (docs/design.md §9 (GraphQL contract)): a wrong
 * password belongs to that field; ACCOUNT_LOCKED, RATE_LIMITED and the rest are about the whole form, in the
 * usual words. `fieldOf` places the other fields' refusals (a weak new password, an email in use).
 */
export function reauthFormErrors<F extends string>(
  error: unknown,
  passwordField: F,
  fieldOf: (serverField: string | null, code: string) => F | null = () => null,
): FormErrors<F> {
  if (errorCodeOf(error) === 'INVALID_CREDENTIALS')
    return { form: null, fields: { [passwordField]: WRONG_PASSWORD } as Partial<Record<F, string>> };
  return formErrorsOf<F>(error, (serverField, code) => (serverField === 'currentPassword' ? passwordField : fieldOf(serverField, code)));
}
