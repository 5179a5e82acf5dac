import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert } from '../ui/Alert';
import { apiProblemOf } from '../ui/api-error';
import { Field } from '../ui/Field';
import { formErrorsOf, NO_ERRORS, withoutField } from '../ui/form-errors';
import type { FormErrors } from '../ui/form-errors';
import { useAuth } from './AuthProvider';
import { deviceId } from './device-id';
import { safeNextPath } from './guards';
import { LOGIN_MUTATION, REQUEST_EMAIL_VERIFICATION_MUTATION } from './operations';

type LoginField = 'email' | 'password' | 'code';
type Step = 'password' | 'second-factor';

/** `/login`: email and password, then (for accounts with 2FA) a code from the authenticator app or a recovery code. */
export function LoginPage() {
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step>('password');
  const [useRecovery, setUseRecovery] = useState(false);
  const [errors, setErrors] = useState<FormErrors<LoginField>>(NO_ERRORS);
  const [unverified, setUnverified] = useState(false);
  const [login, { loading }] = useMutation(LOGIN_MUTATION);

  /** Takes the new value and drops that field's message: it was about the old value. */
  function edit(set: (value: string) => void, field: LoginField, value: string) {
    set(value);
    setErrors((current) => withoutField(current, field));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Partial<Record<LoginField, string>> = {};
    if (!email.trim()) fields.email = 'Enter your email address.';
    if (!password) fields.password = 'Enter your password.';
    if (step === 'second-factor' && !code.trim())
      fields.code = useRecovery ? 'Enter one of your recovery codes.' : 'Enter the 6-digit code.';
    if (Object.keys(fields).length > 0) return setErrors({ form: null, fields });
    setErrors(NO_ERRORS);
    setUnverified(false);
    const secondFactor = step === 'second-factor' ? (useRecovery ? { recoveryCode: code.trim() } : { otp: code.replace(/\s/g, '') }) : {};
    try {
      const { data } = await login({
        variables: { input: { email: email.trim(), password, deviceFingerprint: deviceId(), ...secondFactor } },
      });
      if (!data) return setErrors({ form: 'Something went wrong. Please try again.', fields: {} });
      auth.signedIn(data.login);
      void navigate(safeNextPath(params.get('next')), { replace: true });
    } catch (error) {
      const problem = apiProblemOf(error);
      if (problem?.code === 'OTP_REQUIRED') {
        setStep('second-factor');
        setCode('');
        return;
      }
      if (problem?.code === 'EMAIL_NOT_VERIFIED') setUnverified(true);
      setErrors(
        formErrorsOf<LoginField>(error, (field, errorCode) => {
          if (errorCode === 'INVALID_OTP') return 'code';
          if (errorCode === 'VALIDATION_FAILED' && (field === 'email' || field === 'password')) return field;
          return null;
        }),
      );
    }
  }

  return (
    <div className="auth-page">
      <title>Sign in · Chat Bot Pro V2</title>
      <div className="card auth-card">
        <h1>Sign in</h1>
        {auth.signOutUnconfirmed ? (
          <Alert tone="info">
            You are signed out in this browser, but the platform did not answer, so the session may still be open on the server. Sign in and
            out again when it is back, or end it from another device under Sessions and devices.
          </Alert>
        ) : null}
        <form onSubmit={submit} noValidate aria-describedby={errors.form ? 'login-error' : undefined}>
          {step === 'password' ? (
            <>
              <Field
                label="Email"
                type="email"
                name="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => edit(setEmail, 'email', e.target.value)}
                error={errors.fields.email}
              />
              <Field
                label="Password"
                type="password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => edit(setPassword, 'password', e.target.value)}
                error={errors.fields.password}
              />
            </>
          ) : (
            <>
              <p>
                Two-factor authentication is on for <strong>{email}</strong>.{' '}
                {useRecovery ? 'Enter one of the recovery codes you saved.' : 'Enter the 6-digit code from your authenticator app.'}
              </p>
              <Field
                key={useRecovery ? 'recovery' : 'otp'}
                label={useRecovery ? 'Recovery code' : 'Authentication code'}
                name={useRecovery ? 'recoveryCode' : 'otp'}
                autoComplete={useRecovery ? 'off' : 'one-time-code'}
                inputMode={useRecovery ? 'text' : 'numeric'}
                autoFocus
                required
                value={code}
                onChange={(e) => edit(setCode, 'code', e.target.value)}
                error={errors.fields.code}
              />
              <button
                type="button"
                className="button button--link"
                onClick={() => {
                  setUseRecovery(!useRecovery);
                  setCode('');
                  setErrors(NO_ERRORS);
                }}
              >
                {useRecovery ? 'Use the authenticator app instead' : 'Use a recovery code instead'}
              </button>
            </>
          )}
          {errors.form ? (
            <div id="login-error">
              <Alert tone="error">{errors.form}</Alert>
            </div>
          ) : null}
          {unverified ? <ResendVerification email={email} /> : null}
          <button type="submit" className="button button--primary button--block" disabled={loading}>
            {loading ? 'Signing in…' : step === 'password' ? 'Sign in' : 'Verify and sign in'}
          </button>
        </form>
        <p className="auth-card__links">
          <Link to="/forgot-password">Forgot your password?</Link>
          <span aria-hidden="true"> · </span>
          <Link to="/register">Create an account</Link>
        </p>
      </div>
    </div>
  );
}

/** Offered when the account exists but its email is not verified yet. */
function ResendVerification({ email }: { email: string }) {
  const [resend, { loading, called, error }] = useMutation(REQUEST_EMAIL_VERIFICATION_MUTATION);
  if (called && !loading && !error)
    return <Alert tone="success">If that account still needs verifying, a new link is on its way to {email}.</Alert>;
  return (
    <p>
      <button
        type="button"
        className="button"
        disabled={loading}
        onClick={() => void resend({ variables: { email: email.trim() } }).catch(() => undefined)}
      >
        Send the verification link again
      </button>
    </p>
  );
}
