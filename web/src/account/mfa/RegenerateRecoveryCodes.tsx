import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Alert } from '../../ui/Alert';
import { NO_ERRORS } from '../../ui/form-errors';
import type { FormErrors } from '../../ui/form-errors';
import { GENERIC_MESSAGE } from '../../ui/friendly-error';
import { REGENERATE_RECOVERY_CODES_MUTATION } from '../operations';
import { OtpField } from './OtpField';
import { isOtpShape, mfaFormErrors, normaliseOtp, OTP_SHAPE_MESSAGE } from './otp';

/** Replaces the recovery codes after a current code from the app; the new ones go to the shown-once view. */
export function RegenerateRecoveryCodes({ onCodes, onCancel }: { onCodes(codes: string[]): void; onCancel(): void }) {
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormErrors<'code'>>(NO_ERRORS);
  // no-cache: the answer is the recovery codes themselves.
  const [regenerate, { loading, reset }] = useMutation(REGENERATE_RECOVERY_CODES_MUTATION, { fetchPolicy: 'no-cache' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const otp = normaliseOtp(code);
    if (!isOtpShape(otp)) return setErrors({ form: null, fields: { code: OTP_SHAPE_MESSAGE } });
    setErrors(NO_ERRORS);
    try {
      const { data } = await regenerate({ variables: { code: otp } });
      reset();
      if (!data) return setErrors({ form: GENERIC_MESSAGE, fields: {} });
      onCodes(data.regenerateRecoveryCodes);
    } catch (error) {
      setErrors(mfaFormErrors(error));
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Regenerate recovery codes">
      <p>Your current recovery codes stop working as soon as the new ones are made.</p>
      <OtpField value={code} onChange={setCode} error={errors.fields.code} />
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? 'Making new codes…' : 'Make new recovery codes'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={loading}>
          Cancel
        </button>
      </div>
    </form>
  );
}
