import { apiProblemOf } from './api-error';
import { friendlyApiError, messageForCode } from './friendly-error';

export interface FormErrors<F extends string> {
  /** About the form as a whole (shown above the button). */
  form: string | null;
  /** About one field (shown under it). */
  fields: Partial<Record<F, string>>;
}

export const NO_ERRORS = { form: null, fields: {} } as const;

/**
 * Splits an API error into the form's messages. `fieldOf` maps the server's `details.field` (e.g.
 * "input.password", "newPassword") and codes that belong to one field (EMAIL_IN_USE → email) to the form's
 * own field names; anything else is a message for the whole form.
 */
export function formErrorsOf<F extends string>(
  error: unknown,
  fieldOf: (serverField: string | null, code: string) => F | null,
): FormErrors<F> {
  const problem = apiProblemOf(error);
  if (!problem) return { form: friendlyApiError(error), fields: {} };
  const message = messageForCode(problem.code, problem.serverMessage);
  const field = fieldOf(problem.field?.replace(/^input\./, '') ?? null, problem.code);
  if (field) return { form: null, fields: { [field]: message } as Partial<Record<F, string>> };
  return { form: message, fields: {} };
}

/** The same errors less the one about `field`: a field's message goes away as soon as the person edits it. */
export function withoutField<F extends string>(errors: FormErrors<F>, field: F): FormErrors<F> {
  if (errors.fields[field] === undefined) return errors;
  const fields = { ...errors.fields };
  delete fields[field];
  return { ...errors, fields };
}
