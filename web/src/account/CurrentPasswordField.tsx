import { Field } from '../ui/Field';

/** The account's current password, asked again before a sensitive change (a stolen session alone cannot make it). */
export function CurrentPasswordField({
  value,
  onChange,
  error,
  autoFocus,
}: {
  value: string;
  onChange(value: string): void;
  error?: string | null;
  /** When the field appears after a click (a prompt step), it takes the focus. */
  autoFocus?: boolean;
}) {
  return (
    <Field
      label="Current password"
      type="password"
      name="currentPassword"
      autoComplete="current-password"
      required
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
      autoFocus={autoFocus}
    />
  );
}
