import Bowser from 'bowser';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "1 Dec 2026, 10:53" in the reader's locale and time zone; "—" for none. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateTime.format(date);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateOnly.format(date);
}

/** "Chrome 156 on Linux" from a user agent string; "Unknown browser" when there is none. */
export function describeUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown browser';
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name
    ? `${parsed.browser.name}${parsed.browser.version ? ` ${parsed.browser.version.split('.')[0]}` : ''}`
    : 'Unknown browser';
  const os = parsed.os.name ? ` on ${parsed.os.name}` : '';
  return `${browser}${os}`;
}

const AMR_WORDS: Readonly<Record<string, string>> = { pwd: 'password', otp: 'authenticator code' };

/** "password + authenticator code" from a session's amr (how it was started); "—" for none. */
export function describeAmr(amr: readonly string[]): string {
  if (amr.length === 0) return '—';
  return amr.map((method) => AMR_WORDS[method] ?? method).join(' + ');
}
