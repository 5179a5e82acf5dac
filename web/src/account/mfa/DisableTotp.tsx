import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { Alert } from '../../ui/Alert';
import { errorCodeOf } from '../../ui/api-error';
import { Field } from '../../ui/Field';
import { NO_ERRORS } from '../../ui/form-errors';
import type { FormErrors } from '../../ui/form-errors';
import { GENERIC_MESSAGE } from '../../ui/friendly-error';
import { useFocusFirstError } from '../../ui/use-focus-first-error';
import { DISABLE_TOTP_MUTATION } from '../operations';
import { WRONG_PASSWORD } from '../reauth';
import { forgetCachedSessions } from '../session-cache';
import { OtpField } from './OtpField';
import { isOtpShape, mfaFormErrors, normaliseOtp, OTP_SHAPE_MESSAGE } from './otp';

type DisableField = 'password' | 'code';

/** Turns 2FA off: needs the password AND a current code, so that an unattended session cannot do it. */
export function DisableTotp({ onDisabled, onCancel }: { onDisabled(): void; onCancel(): void }) {
  const { reloadViewer } = useAuth();
  const client = useApolloClient();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormErrors<DisableField>>(NO_ERRORS);
  const [disable, { loading }] = useMutation(DISABLE_TOTP_MUTATION, { fetchPolicy: 'no-cache' });
  const { formRef, focusFirstError } = useFocusFirstError();

  function refuse(next: FormErrors<DisableField>) {
    setErrors(next);
    focusFirstError();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const otp = normaliseOtp(code);
    const fields: Partial<Record<DisableField, string>> = {};
    if (!password) fields.password = 'Enter your password.';
    if (!isOtpShape(otp)) fields.code = OTP_SHAPE_MESSAGE;
    if (Object.keys(fields).length > 0) return refuse({ form: null, fields });
    setErrors(NO_ERRORS);
    try {
      const { data } = await disable({ variables: { password, code: otp } });
      if (!data?.disableTotp) return refuse({ form: GENERIC_MESSAGE, fields: {} });
      setPassword('');
      setCode('');
      // The server ended every other session: the cached list is out of date.
      forgetCachedSessions(client.cache);
      await reloadViewer().catch(() => undefined);
      onDisabled();
    } catch (error) {
      if (errorCodeOf(error) === 'MFA_NOT_ENABLED') void reloadViewer();
      if (errorCodeOf(error) === 'INVALID_CREDENTIALS') return refuse({ form: null, fields: { password: WRONG_PASSWORD } });
      refuse(mfaFormErrors<DisableField>(error, (serverField) => (serverField === 'password' ? 'password' : null)));
    }
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Turn off two-factor authentication">
      <p>Without it, your password alone signs you in. Turning it off also signs you out everywhere else.</p>
      <Field
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={errors.fields.password}
      />
      <OtpField value={code} onChange={setCode} error={errors.fields.code} />
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="button-row">
        <button type="submit" className="button button--danger" disabled={loading}>
          {loading ? 'Turning off…' : 'Turn off two-factor authentication'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={loading}>
          Cancel
        </button>
      </div>
    </form>
  );
}
