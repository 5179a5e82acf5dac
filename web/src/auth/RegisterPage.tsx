import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { formErrorsOf, NO_ERRORS, withoutField } from '../ui/form-errors';
import type { FormErrors } from '../ui/form-errors';
import { REGISTER_MUTATION } from './operations';
import { newPasswordLengthProblem } from './password-strength';
import { PasswordStrengthHint } from './PasswordStrengthHint';
import { useSecretParam } from './use-secret-param';

type RegisterField = 'email' | 'password' | 'inviteCode';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `/register` (also `?invite=CODE` or `?inviteCode=CODE` from an invitation link): create an account. */
export function RegisterPage() {
  const [params] = useSearchParams();
  const invited = useSecretParam('invite', 'inviteCode');
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [inviteCode, setInviteCode] = useState(invited);
  const [errors, setErrors] = useState<FormErrors<RegisterField>>(NO_ERRORS);
  const [registeredAs, setRegisteredAs] = useState<string | null>(null);
  const [register, { loading }] = useMutation(REGISTER_MUTATION);

  /** Takes the new value and drops that field's message: it was about the old value. */
  function edit(set: (value: string) => void, field: RegisterField, value: string) {
    set(value);
    setErrors((current) => withoutField(current, field));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Partial<Record<RegisterField, string>> = {};
    if (!EMAIL_SHAPE.test(email.trim())) fields.email = 'Enter an email address like name@example.com.';
    const lengthProblem = newPasswordLengthProblem(password);
    if (lengthProblem) fields.password = lengthProblem;
    if (Object.keys(fields).length > 0) return setErrors({ form: null, fields });
    setErrors(NO_ERRORS);
    try {
      const code = inviteCode.trim();
      await register({ variables: { input: { email: email.trim(), password, ...(code ? { inviteCode: code } : {}) } } });
      setRegisteredAs(email.trim());
      setPassword('');
    } catch (error) {
      setErrors(
        formErrorsOf<RegisterField>(error, (field, code) => {
          if (code === 'EMAIL_IN_USE') return 'email';
          if (code === 'INVITE_REQUIRED' || code === 'INVALID_INVITATION') return 'inviteCode';
          if (field === 'email' || field === 'password' || field === 'inviteCode') return field;
          return null;
        }),
      );
    }
  }

  if (registeredAs) {
    return (
      <div className="auth-page">
        <title>Check your email · Chat Bot Pro V2</title>
        <div className="card auth-card">
          <h1>Check your email</h1>
          <p>
            We sent a verification link to <strong>{registeredAs}</strong>. Open it to activate your account, then sign in.
          </p>
          <p className="muted">No email after a few minutes? Look in your spam folder, or sign in to have it sent again.</p>
          <Link to={`/login?email=${encodeURIComponent(registeredAs)}`} className="button button--primary button--block">
            Go to sign in
          </Link>
        </div>
      </div>
    );
  }

  return (
    <div className="auth-page">
      <title>Create an account · Chat Bot Pro V2</title>
      <div className="card auth-card">
        <h1>Create an account</h1>
        {invited ? <Alert tone="info">You were invited. Your invitation code is filled in below.</Alert> : null}
        <form onSubmit={submit} noValidate>
          <Field
            label="Email"
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => edit(setEmail, 'email', e.target.value)}
            error={errors.fields.email}
          />
          <Field
            label="Password"
            type="password"
            name="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => edit(setPassword, 'password', e.target.value)}
            error={errors.fields.password}
            hint={<PasswordStrengthHint password={password} email={email} />}
          />
          <Field
            label="Invitation code (if you have one)"
            name="inviteCode"
            autoComplete="off"
            value={inviteCode}
            onChange={(e) => edit(setInviteCode, 'inviteCode', e.target.value)}
            error={errors.fields.inviteCode}
          />
          {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
          <button type="submit" className="button button--primary button--block" disabled={loading}>
            {loading ? 'Creating your account…' : 'Create account'}
          </button>
        </form>
        <p className="auth-card__links">
          Already have an account? <Link to="/login">Sign in</Link>
        </p>
      </div>
    </div>
  );
}
