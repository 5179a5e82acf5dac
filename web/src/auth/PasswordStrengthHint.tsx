import { passwordStrength } from './password-strength';

/** The live strength meter under a new-password field. */
export function PasswordStrengthHint({ password, email }: { password: string; email?: string }) {
  if (password === '') return <span className="muted">At least 15 characters. Spaces and any symbols are fine.</span>;
  const strength = passwordStrength(password, email);
  return (
    <span className="strength" data-level={strength.level}>
      <meter
        className="strength__meter"
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={strength.level}
        aria-label="Password strength"
      />
      <span aria-live="polite">
        <strong>{strength.label}.</strong> {strength.tip ?? 'Nice: hard to guess.'}
      </span>
    </span>
  );
}
