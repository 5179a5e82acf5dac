import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { Alert } from '../../ui/Alert';
import { errorCodeOf } from '../../ui/api-error';
import { Field } from '../../ui/Field';
import { NO_ERRORS, withoutField } from '../../ui/form-errors';
import type { FormErrors } from '../../ui/form-errors';
import { GENERIC_MESSAGE } from '../../ui/friendly-error';
import { useFocusFirstError } from '../../ui/use-focus-first-error';
import { CurrentPasswordField } from '../CurrentPasswordField';
import { REQUEST_EMAIL_CHANGE_MUTATION } from '../operations';
import { MISSING_CURRENT_PASSWORD, reauthFormErrors } from '../reauth';

type EmailField = 'currentPassword' | 'newEmail';

export const EMAIL_TAKEN = 'Another account already uses this email address.';
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Asks to change the account's email: the server mails a link to the new address (and a notice to the current
 * one); nothing changes until that link is opened, so a typo or a stolen session cannot move the account away.
 */
export function ChangeEmailForm() {
  const { viewer } = useAuth();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newEmail, setNewEmail] = useState('');
  const [errors, setErrors] = useState<FormErrors<EmailField>>(NO_ERRORS);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { formRef, focusFirstError } = useFocusFirstError();
  const [request, { loading }] = useMutation(REQUEST_EMAIL_CHANGE_MUTATION);

  function edit(set: (value: string) => void, field: EmailField, value: string) {
    set(value);
    setErrors((current) => withoutField(current, field));
  }

  function refuse(next: FormErrors<EmailField>) {
    setErrors(next);
    focusFirstError();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSentTo(null);
    const email = newEmail.trim();
    const fields: Partial<Record<EmailField, string>> = {};
    if (!currentPassword) fields.currentPassword = MISSING_CURRENT_PASSWORD;
    if (!EMAIL_SHAPE.test(email)) fields.newEmail = 'Enter an email address like name@example.com.';
    else if (viewer && email.toLowerCase() === viewer.email.toLowerCase()) fields.newEmail = 'This is already your email address.';
    if (Object.keys(fields).length > 0) return refuse({ form: null, fields });
    setErrors(NO_ERRORS);
    try {
      const { data } = await request({ variables: { currentPassword, newEmail: email } });
      if (!data?.requestEmailChange) return refuse({ form: GENERIC_MESSAGE, fields: {} });
      setCurrentPassword('');
      setNewEmail('');
      setSentTo(email);
    } catch (error) {
      // The catalogue's EMAIL_IN_USE sentence is about signing up; here it is the new address that is taken.
      if (errorCodeOf(error) === 'EMAIL_IN_USE') return refuse({ form: null, fields: { newEmail: EMAIL_TAKEN } });
      refuse(
        reauthFormErrors<EmailField>(error, 'currentPassword', (field) => (field === 'newEmail' || field === 'email' ? 'newEmail' : null)),
      );
    }
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Change your email address">
      <p>
        You sign in with <strong className="break-anywhere">{viewer?.email}</strong>.
      </p>
      <CurrentPasswordField
        value={currentPassword}
        onChange={(value) => edit(setCurrentPassword, 'currentPassword', value)}
        error={errors.fields.currentPassword}
      />
      <Field
        label="New email address"
        type="email"
        name="newEmail"
        autoComplete="email"
        spellCheck={false}
        required
        value={newEmail}
        onChange={(event) => edit(setNewEmail, 'newEmail', event.target.value)}
        error={errors.fields.newEmail}
      />
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      {sentTo ? (
        <Alert tone="success">
          We sent a link to <strong className="break-anywhere">{sentTo}</strong>. Your email address changes when you open it; until then
          you sign in with the current one.
        </Alert>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? 'Sending…' : 'Send the confirmation link'}
        </button>
      </div>
    </form>
  );
}
