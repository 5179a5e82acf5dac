import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { friendlyApiError } from '../ui/friendly-error';
import { REQUEST_PASSWORD_RESET_MUTATION } from './operations';

/** `/forgot-password`: emails a reset link. The answer never tells whether the address has an account. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [request, { loading, error }] = useMutation(REQUEST_PASSWORD_RESET_MUTATION);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) return setFieldError('Enter your email address.');
    setFieldError(null);
    try {
      await request({ variables: { email: email.trim() } });
      setSentTo(email.trim());
    } catch {
      // shown from `error`
    }
  }

  return (
    <div className="auth-page">
      <title>Reset your password · Chat Bot Pro V2</title>
      <div className="card auth-card">
        <h1>Reset your password</h1>
        {sentTo ? (
          <>
            <Alert tone="success">
              If an account exists for <strong>{sentTo}</strong>, we sent it a link to choose a new password. The link works once and
              expires soon.
            </Alert>
            <Link to="/login" className="button button--block">
              Back to sign in
            </Link>
          </>
        ) : (
          <form onSubmit={submit} noValidate>
            <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
            <Field
              label="Email"
              type="email"
              name="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={fieldError}
            />
            {error ? <Alert tone="error">{friendlyApiError(error)}</Alert> : null}
            <button type="submit" className="button button--primary button--block" disabled={loading}>
              {loading ? 'Sending…' : 'Send the reset link'}
            </button>
          </form>
        )}
        <p className="auth-card__links">
          <Link to="/login">Sign in</Link>
        </p>
      </div>
    </div>
  );
}
