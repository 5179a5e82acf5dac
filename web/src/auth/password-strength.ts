/**
 * A hint, not a rule: how hard a password looks to guess, shown while the person types. The rules are the
 * server's (identity's password policy, NIST 800-63B-4: a minimum length, a common-password blocklist, not the
 * email's name); the server's answer is what counts, and its message is shown when it refuses.
 * The estimate: length, the variety of characters, minus what makes passwords easy to guess (repeats, runs such
 * as "abcd" or "1234", the email's local part).
 */

/** identity's default minimum (PASSWORD_MIN_LENGTH); the server tells the exact one when it refuses. */
export const DEFAULT_MIN_LENGTH = 15;
export const MAX_LENGTH = 256;

/**
 * The length rule of a new password, checked before asking the server (which has the last word, and its own
 * message when its configured minimum differs): a sentence for the field, or null when the length is fine.
 */
export function newPasswordLengthProblem(password: string): string | null {
  const length = [...password].length;
  if (length < DEFAULT_MIN_LENGTH) return `Use at least ${DEFAULT_MIN_LENGTH} characters.`;
  if (length > MAX_LENGTH) return `Use at most ${MAX_LENGTH} characters.`;
  return null;
}

export type StrengthLevel = 0 | 1 | 2 | 3 | 4;

export interface PasswordStrength {
  level: StrengthLevel;
  label: 'Too short' | 'Weak' | 'Fair' | 'Good' | 'Strong';
  /** What would make it better; empty when nothing needs to change. */
  tip: string | null;
}

function codePoints(value: string): string[] {
  return [...value];
}

/** Characters in runs of the same character or of consecutive code points (aaaa, abcd, 4321). */
function predictableCount(chars: string[]): number {
  let count = 0;
  for (let i = 2; i < chars.length; i++) {
    const a = chars[i - 2]!.codePointAt(0)!;
    const b = chars[i - 1]!.codePointAt(0)!;
    const c = chars[i]!.codePointAt(0)!;
    if ((a === b && b === c) || (b - a === c - b && Math.abs(b - a) === 1)) count++;
  }
  return count;
}

export function passwordStrength(password: string, email = '', minLength = DEFAULT_MIN_LENGTH): PasswordStrength {
  const chars = codePoints(password);
  if (chars.length < minLength) {
    const left = minLength - chars.length;
    return { level: 0, label: 'Too short', tip: `Use at least ${minLength} characters (${left} more). A few unrelated words work well.` };
  }
  if (chars.length > MAX_LENGTH) return { level: 0, label: 'Too short', tip: `Use at most ${MAX_LENGTH} characters.` };
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 3 && password.toLowerCase().includes(local)) {
    return { level: 1, label: 'Weak', tip: 'Leave your email address out of the password.' };
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const distinct = new Set(chars).size;
  const effective = chars.length - predictableCount(chars);
  // Roughly bits of guessing work: characters that are not predictable, times what each can be.
  const bits = effective * Math.log2(Math.min(95, 10 + classes * 20 + distinct));
  if (distinct <= 3 || bits < 60) return { level: 1, label: 'Weak', tip: 'Avoid repeated characters and runs like "abcd" or "1234".' };
  if (bits < 80) return { level: 2, label: 'Fair', tip: 'Longer is stronger: add another word.' };
  if (bits < 100) return { level: 3, label: 'Good', tip: null };
  return { level: 4, label: 'Strong', tip: null };
}
