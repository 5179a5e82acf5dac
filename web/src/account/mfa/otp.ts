import { formErrorsOf } from '../../ui/form-errors';
import type { FormErrors } from '../../ui/form-errors';

export const OTP_SHAPE_MESSAGE = 'Enter the 6-digit code from your authenticator app.';

/** The code as the server wants it: apps show "123 456", people paste with spaces or dashes. */
export function normaliseOtp(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export function isOtpShape(value: string): boolean {
  return /^\d{6}$/.test(value);
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** Splits an error of a 2FA mutation into form messages: a wrong or malformed code belongs to the code field. */
export function mfaFormErrors<F extends string>(
  error: unknown,
  extra: (serverField: string | null, code: string) => F | null = () => null,
): FormErrors<F | 'code'> {
  return formErrorsOf<F | 'code'>(error, (serverField, code) => {
    if (code === 'INVALID_OTP') return 'code';
    if (code === 'VALIDATION_FAILED' && serverField === 'code') return 'code';
    return extra(serverField, code);
  });
}
