import { Field } from '../../ui/Field';

/** The 6-digit code from the authenticator app, with the hints that let phones offer it (one-time-code). */
export function OtpField({
  value,
  onChange,
  error,
  label = 'Code from your authenticator app',
}: {
  value: string;
  onChange(value: string): void;
  error?: string | null;
  label?: string;
}) {
  return (
    <Field
      label={label}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9 ]*"
      maxLength={7}
      spellCheck={false}
      required
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
      hint="6 digits; a new one every 30 seconds."
      className="field--otp"
    />
  );
}
