import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { formErrorsOf, NO_ERRORS, withoutField } from '../ui/form-errors';
import type { FormErrors } from '../ui/form-errors';
import { RESET_PASSWORD_MUTATION } from './operations';
import { newPasswordLengthProblem } from './password-strength';
import { PasswordStrengthHint } from './PasswordStrengthHint';
import { forgetSession } from './session-refresher';
import { useSecretParam } from './use-secret-param';

type ResetField = 'newPassword' | 'confirm';

/** `/reset-password?token=…`: the link from the reset email. Every session of the account ends on success. */
export function ResetPasswordPage() {
  const token = useSecretParam('token');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FormErrors<ResetField>>(NO_ERRORS);
  const [done, setDone] = useState(false);
  const [reset, { loading }] = useMutation(RESET_PASSWORD_MUTATION);

  /** Takes the new value and drops that field's message: it was about the old value. */
  function edit(set: (value: string) => void, field: ResetField, value: string) {
    set(value);
    setErrors((current) => withoutField(current, field));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Partial<Record<ResetField, string>> = {};
    const lengthProblem = newPasswordLengthProblem(password);
    if (lengthProblem) fields.newPassword = lengthProblem;
    if (confirm !== password) fields.confirm = 'The two passwords are not the same.';
    if (Object.keys(fields).length > 0) return setErrors({ form: null, fields });
    setErrors(NO_ERRORS);
    try {
      await reset({ variables: { token, newPassword: password } });
      // The server ended every session of the account, this tab's included.
      forgetSession({ broadcast: true });
      setDone(true);
    } catch (error) {
      setErrors(
        formErrorsOf<ResetField>(error, (field, code) =>
          code !== 'INVALID_TOKEN' && (field === 'newPassword' || field === 'password') ? 'newPassword' : null,
        ),
      );
    }
  }

  return (
    <div className="auth-page">
      <title>Choose a new password · Chat Bot Pro V2</title>
      <div className="card auth-card">
        <h1>Choose a new password</h1>
        {done ? (
          <>
            <Alert tone="success">Your password is changed. For your safety every session was signed out, on every device.</Alert>
            <Link to="/login" className="button button--primary button--block">
              Sign in with the new password
            </Link>
          </>
        ) : !token ? (
          <>
            <Alert tone="error">This reset link is incomplete. Open the link from the email again, or ask for a new one.</Alert>
            <Link to="/forgot-password" className="button button--block">
              Ask for a new link
            </Link>
          </>
        ) : (
          <form onSubmit={submit} noValidate>
            <Field
              label="New password"
              type="password"
              name="newPassword"
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => edit(setPassword, 'newPassword', e.target.value)}
              error={errors.fields.newPassword}
              hint={<PasswordStrengthHint password={password} />}
            />
            <Field
              label="Repeat the new password"
              type="password"
              name="confirm"
              autoComplete="new-password"
              required
              value={confirm}
              onChange={(e) => edit(setConfirm, 'confirm', e.target.value)}
              error={errors.fields.confirm}
            />
            {errors.form ? (
              <Alert tone="error">
                {errors.form} {errors.form.includes('link') ? <Link to="/forgot-password">Ask for a new link.</Link> : null}
              </Alert>
            ) : null}
            <button type="submit" className="button button--primary button--block" disabled={loading}>
              {loading ? 'Saving…' : 'Set the new password'}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
