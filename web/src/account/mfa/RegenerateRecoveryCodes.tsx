import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Alert } from '../../ui/Alert';
import { NO_ERRORS, withoutField } from '../../ui/form-errors';
import type { FormErrors } from '../../ui/form-errors';
import { GENERIC_MESSAGE } from '../../ui/friendly-error';
import { useFocusFirstError } from '../../ui/use-focus-first-error';
import { CurrentPasswordField } from '../CurrentPasswordField';
import { REGENERATE_RECOVERY_CODES_MUTATION } from '../operations';
import { MISSING_CURRENT_PASSWORD, reauthFormErrors } from '../reauth';

/**
 * Replaces the recovery codes after the current password (a stolen session alone must not read a fresh set);
 * the new ones go to the shown-once view.
 */
export function RegenerateRecoveryCodes({ onCodes, onCancel }: { onCodes(codes: string[]): void; onCancel(): void }) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors<'currentPassword'>>(NO_ERRORS);
  const { formRef, focusFirstError } = useFocusFirstError();
  // no-cache: the answer is the recovery codes themselves.
  const [regenerate, { loading, reset }] = useMutation(REGENERATE_RECOVERY_CODES_MUTATION, { fetchPolicy: 'no-cache' });

  function refuse(next: FormErrors<'currentPassword'>) {
    setErrors(next);
    focusFirstError();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!currentPassword) return refuse({ form: null, fields: { currentPassword: MISSING_CURRENT_PASSWORD } });
    setErrors(NO_ERRORS);
    try {
      const { data } = await regenerate({ variables: { currentPassword } });
      reset();
      if (!data) return refuse({ form: GENERIC_MESSAGE, fields: {} });
      setCurrentPassword('');
      onCodes(data.regenerateRecoveryCodes);
    } catch (error) {
      refuse(reauthFormErrors(error, 'currentPassword'));
    }
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Regenerate recovery codes">
      <p>Your current recovery codes stop working as soon as the new ones are made.</p>
      <CurrentPasswordField
        autoFocus
        value={currentPassword}
        onChange={(value) => {
          setCurrentPassword(value);
          setErrors((current) => withoutField(current, 'currentPassword'));
        }}
        error={errors.fields.currentPassword}
      />
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
