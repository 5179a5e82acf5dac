import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { friendlyApiError } from '../ui/friendly-error';
import { REQUEST_EMAIL_VERIFICATION_MUTATION } from './operations';

/** Asks for a fresh verification link; the answer is the same whether or not the address is known. */
export function ResendVerificationForm() {
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [resend, { loading, called, error }] = useMutation(REQUEST_EMAIL_VERIFICATION_MUTATION);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) return setFieldError('Enter your email address.');
    setFieldError(null);
    await resend({ variables: { email: email.trim() } }).catch(() => undefined);
  }

  if (called && !loading && !error) return <Alert tone="success">If that account still needs verifying, a new link is on its way.</Alert>;
  return (
    <form onSubmit={submit} noValidate>
      <Field
        label="Email"
        type="email"
        name="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fieldError}
      />
      {error ? <Alert tone="error">{friendlyApiError(error)}</Alert> : null}
      <button type="submit" className="button button--primary button--block" disabled={loading}>
        Send a new link
      </button>
    </form>
  );
}
