import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { newPasswordLengthProblem } from '../../auth/password-strength';
import { PasswordStrengthHint } from '../../auth/PasswordStrengthHint';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { NO_ERRORS, withoutField } from '../../ui/form-errors';
import type { FormErrors } from '../../ui/form-errors';
import { GENERIC_MESSAGE } from '../../ui/friendly-error';
import { useFocusFirstError } from '../../ui/use-focus-first-error';
import { CurrentPasswordField } from '../CurrentPasswordField';
import { CHANGE_PASSWORD_MUTATION } from '../operations';
import { MISSING_CURRENT_PASSWORD, reauthFormErrors } from '../reauth';
import { forgetCachedSessions } from '../session-cache';

type PasswordField = 'currentPassword' | 'newPassword' | 'confirm';

export const PASSWORD_CHANGED =
  'Your password is changed. Every other session of your account has been signed out; this one stays signed in.';

/** Changes the password of the signed-in account: the current one first, then the new one twice. */
export function ChangePasswordForm() {
  const { viewer } = useAuth();
  const client = useApolloClient();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FormErrors<PasswordField>>(NO_ERRORS);
  const [done, setDone] = useState(false);
  const { formRef, focusFirstError } = useFocusFirstError();
  const [change, { loading }] = useMutation(CHANGE_PASSWORD_MUTATION);

  /** Takes the new value and drops that field's message: it was about the old value. */
  function edit(set: (value: string) => void, field: PasswordField, value: string) {
    set(value);
    setDone(false);
    setErrors((current) => withoutField(current, field));
  }

  function refuse(next: FormErrors<PasswordField>) {
    setErrors(next);
    focusFirstError();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const fields: Partial<Record<PasswordField, string>> = {};
    if (!currentPassword) fields.currentPassword = MISSING_CURRENT_PASSWORD;
    const lengthProblem = newPasswordLengthProblem(newPassword);
    if (lengthProblem) fields.newPassword = lengthProblem;
    if (confirm !== newPassword) fields.confirm = 'The two passwords are not the same.';
    if (Object.keys(fields).length > 0) return refuse({ form: null, fields });
    setErrors(NO_ERRORS);
    try {
      const { data } = await change({ variables: { currentPassword, newPassword } });
      if (!data?.changePassword) return refuse({ form: GENERIC_MESSAGE, fields: {} });
      setCurrentPassword('');
      setNewPassword('');
      setConfirm('');
      // The server ended every other session: the cached list is out of date.
      forgetCachedSessions(client.cache);
      setDone(true);
    } catch (error) {
      refuse(
        reauthFormErrors<PasswordField>(error, 'currentPassword', (field, code) =>
          field === 'newPassword' || field === 'password' || code === 'WEAK_PASSWORD' ? 'newPassword' : null,
        ),
      );
    }
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Change your password">
      <CurrentPasswordField
        value={currentPassword}
        onChange={(value) => edit(setCurrentPassword, 'currentPassword', value)}
        error={errors.fields.currentPassword}
      />
      <Field
        label="New password"
        type="password"
        name="newPassword"
        autoComplete="new-password"
        required
        value={newPassword}
        onChange={(event) => edit(setNewPassword, 'newPassword', event.target.value)}
        error={errors.fields.newPassword}
        hint={<PasswordStrengthHint password={newPassword} email={viewer?.email} />}
      />
      <Field
        label="Repeat the new password"
        type="password"
        name="confirm"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={(event) => edit(setConfirm, 'confirm', event.target.value)}
        error={errors.fields.confirm}
      />
      <p className="muted">Changing it signs you out everywhere else: every other browser and device where you are signed in.</p>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      {done ? <Alert tone="success">{PASSWORD_CHANGED}</Alert> : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? 'Saving…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
