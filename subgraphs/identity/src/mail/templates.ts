import type { MailKind, MailMessage } from './mailer.js';

/**
 * The text and HTML of every email. Links are built from the configured PUBLIC_URL only, never from a request's
 * Host header (OWASP Forgot Password: a forged Host would send the user's token to the attacker's site).
 */

export interface MailTemplatesOptions {
  /** The SPA's public origin (plus optional path prefix), e.g. `https://app.example.com`; http(s), no query. */
  publicUrl: string;
  productName?: string;
  /** Shown in the verification email; omitted from it when unset. */
  verificationTtlSeconds?: number;
  /** Shown in the reset email; omitted from it when unset. */
  resetTtlSeconds?: number;
}

/** Where and from what a sign-in came; every field but `at` is client-supplied and treated as untrusted text. */
export interface SignInContext {
  at: Date;
  ip?: string | null;
  userAgent?: string | null;
  /** A device label (e.g. "Firefox on Linux"), when the caller has one. */
  device?: string | null;
}

/** Builders for each email kind; each returns a complete {@link MailMessage} for `MailQueue.enqueue`. Pure. */
export interface MailTemplates {
  /** Carries `${PUBLIC_URL}/verify-email?token=TOKEN` in the text part (docs/design.md §11 (Email)). */
  verifyEmail(to: string, token: string): MailMessage;
  /** Carries `${PUBLIC_URL}/reset-password?token=TOKEN` in the text part (docs/design.md §11 (Email)). */
  passwordReset(to: string, token: string): MailMessage;
  /**
   * Sent after a password change or reset (OWASP: tell the user; do not sign them in). `keptCurrentSession`: a
   * signed-in change, where only the other sessions ended.
   */
  passwordChanged(to: string, context: { at: Date; ip?: string | null; keptCurrentSession?: boolean }): MailMessage;
  /** To the new address: `${PUBLIC_URL}/confirm-email-change?token=TOKEN`; the account moves only once it is opened. */
  emailChange(to: string, token: string): MailMessage;
  /** To the current address: a change to `newEmail` was requested (nothing changes unless the new address confirms). */
  emailChangeRequested(to: string, context: { at: Date; newEmail: string; ip?: string | null }): MailMessage;
  /** A sign-in from a device not seen before on this account. */
  newDevice(to: string, context: SignInContext): MailMessage;
  /** Two-factor authentication was turned on or off. */
  mfaChanged(to: string, context: { at: Date; enabled: boolean; ip?: string | null }): MailMessage;
  /** The account is locked until `until`, or until an administrator unlocks it (`null`). */
  accountLocked(to: string, context: { until: Date | null; byAdministrator?: boolean }): MailMessage;
  /** An invitation to register, with `${PUBLIC_URL}/register?inviteCode=CODE`. */
  invitation(to: string, context: { code: string; invitedBy?: string | null; expiresAt?: Date | null }): MailMessage;
}

export const DEFAULT_PRODUCT_NAME = 'Chat Bot Pro V2';

/** Checks PUBLIC_URL and returns it without trailing slashes; throws a TypeError when it cannot be a link base. */
export function publicBaseUrl(publicUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new TypeError('PUBLIC_URL must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('PUBLIC_URL must be an http(s) URL');
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new TypeError('PUBLIC_URL must not carry a query, a fragment or credentials');
  }
  return publicUrl.replace(/\/+$/, '');
}

/** `${PUBLIC_URL}/verify-email?token=TOKEN`, the token URL-encoded. */
export function verifyEmailLink(publicUrl: string, token: string): string {
  return `${publicBaseUrl(publicUrl)}/verify-email?token=${encodeURIComponent(token)}`;
}

/** `${PUBLIC_URL}/reset-password?token=TOKEN`, the token URL-encoded. */
export function passwordResetLink(publicUrl: string, token: string): string {
  return `${publicBaseUrl(publicUrl)}/reset-password?token=${encodeURIComponent(token)}`;
}

/** `${PUBLIC_URL}/confirm-email-change?token=TOKEN`, the token URL-encoded. */
export function emailChangeLink(publicUrl: string, token: string): string {
  return `${publicBaseUrl(publicUrl)}/confirm-email-change?token=${encodeURIComponent(token)}`;
}

/** `${PUBLIC_URL}/register?inviteCode=CODE` (the field name of `POST /auth/register`), the code URL-encoded. */
export function invitationLink(publicUrl: string, code: string): string {
  return `${publicBaseUrl(publicUrl)}/register?inviteCode=${encodeURIComponent(code)}`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Client-supplied text (user agent, device label, IP header) shown in a genuine email from us. An attacker who
 * holds the password chooses it, so: no control or bidi characters, no line breaks, bounded length, and URLs
 * defanged (`https[:]//`) so that a mail client does not turn "visit https://evil.example" into a link we sent.
 */
export function untrustedText(value: string | null | undefined, maxLength = 160): string {
  if (value === null || value === undefined) return 'unknown';
  const cleaned = value
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/:\/\//g, '[:]//');
  if (cleaned === '') return 'unknown';
  const chars = [...cleaned];
  return chars.length > maxLength ? `${chars.slice(0, maxLength).join('')}…` : cleaned;
}

/** `2026-11-25 14:03 UTC`: unambiguous for every reader, whatever their locale. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `24 hours`, `30 minutes`, `1 day`: for "the link expires in …". */
export function formatDuration(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds >= 86_400 && seconds % 86_400 === 0) return plural(seconds / 86_400, 'day');
  if (seconds >= 3_600 && seconds % 3_600 === 0) return plural(seconds / 3_600, 'hour');
  return plural(Math.max(1, Math.round(seconds / 60)), 'minute');
}

/** One paragraph of a message: plain text, optionally with a link, or a list of label/value lines. */
type Block = { text: string } | { link: string } | { facts: [label: string, value: string][] };

function render(productName: string, blocks: Block[]): { text: string; html: string } {
  const text = blocks
    .map((b) => ('text' in b ? b.text : 'link' in b ? b.link : b.facts.map(([label, value]) => `${label}: ${value}`).join('\n')))
    .join('\n\n');
  const html = blocks
    .map((b) => {
      if ('text' in b) return `<p>${escapeHtml(b.text)}</p>`;
      if ('link' in b) return `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.link)}</a></p>`;
      return `<p>${b.facts.map(([label, value]) => `${escapeHtml(label)}: ${escapeHtml(value)}`).join('<br>')}</p>`;
    })
    .join('\n');
  const footer = `— ${productName}`;
  return {
    text: `${text}\n\n${footer}\n`,
    html: `<!doctype html>\n<html><body style="font-family: sans-serif; line-height: 1.5">\n${html}\n<p>${escapeHtml(footer)}</p>\n</body></html>\n`,
  };
}

/** Builds the templates once PUBLIC_URL has been checked; throws a TypeError for an unusable PUBLIC_URL. */
export function createMailTemplates(options: MailTemplatesOptions): MailTemplates {
  const base = publicBaseUrl(options.publicUrl);
  const product = options.productName ?? DEFAULT_PRODUCT_NAME;
  const message = (to: string, kind: MailKind, subject: string, blocks: Block[]): MailMessage => ({
    to,
    kind,
    subject,
    ...render(product, blocks),
  });
  const notYou = (what: string): Block => ({
    text: `If ${what} was not you, reset your password now from the sign-in page at ${base} and review your active sessions.`,
  });

  return {
    verifyEmail(to, token) {
      const ttl = options.verificationTtlSeconds;
      return message(to, 'verify-email', `Confirm your email address for ${product}`, [
        { text: `Confirm that this is your email address for ${product} by opening this link:` },
        { link: verifyEmailLink(base, token) },
        { text: `The link works once${ttl ? ` and expires in ${formatDuration(ttl)}` : ''}.` },
        { text: 'If you did not create an account, ignore this email: nothing happens without the link.' },
      ]);
    },

    passwordReset(to, token) {
      const ttl = options.resetTtlSeconds;
      return message(to, 'password-reset', `Reset your ${product} password`, [
        { text: `Someone asked to reset the password of your ${product} account. To choose a new password, open this link:` },
        { link: passwordResetLink(base, token) },
        {
          text: `The link works once${ttl ? ` and expires in ${formatDuration(ttl)}` : ''}. Setting a new password signs you out everywhere.`,
        },
        { text: 'If you did not ask for this, ignore this email: your password stays as it is.' },
      ]);
    },

    passwordChanged(to, { at, ip, keptCurrentSession = false }) {
      const ended = keptCurrentSession ? 'every other session was signed out' : 'every session was signed out';
      return message(to, 'password-changed', `Your ${product} password was changed`, [
        { text: `The password of your ${product} account was changed, and ${ended}.` },
        {
          facts: [
            ['When', formatUtc(at)],
            ['IP address', untrustedText(ip, 64)],
          ],
        },
        notYou('this'),
      ]);
    },

    emailChange(to, token) {
      const ttl = options.verificationTtlSeconds;
      return message(to, 'email-change', `Confirm your new email address for ${product}`, [
        { text: `Someone signed in to a ${product} account asked to use this address for it. To confirm, open this link:` },
        { link: emailChangeLink(base, token) },
        { text: `The link works once${ttl ? ` and expires in ${formatDuration(ttl)}` : ''}.` },
        { text: 'If you did not ask for this, ignore this email: nothing changes without the link.' },
      ]);
    },

    emailChangeRequested(to, { at, newEmail, ip }) {
      return message(to, 'email-change-requested', `A new email address was requested for your ${product} account`, [
        {
          text: `Someone signed in to your ${product} account asked to change its email address. A confirmation link went to the new address; nothing changes unless it is opened.`,
        },
        {
          facts: [
            ['New address', untrustedText(newEmail, 320)],
            ['When', formatUtc(at)],
            ['IP address', untrustedText(ip, 64)],
          ],
        },
        notYou('this request'),
      ]);
    },

    newDevice(to, { at, ip, userAgent, device }) {
      const facts: [string, string][] = [
        ['When', formatUtc(at)],
        ['IP address', untrustedText(ip, 64)],
      ];
      if (device) facts.push(['Device', untrustedText(device, 80)]);
      facts.push(['Browser (as reported by the device)', untrustedText(userAgent)]);
      return message(to, 'new-device', `New sign-in to your ${product} account`, [
        { text: `Your ${product} account was signed in to from a device we have not seen before.` },
        { facts },
        { text: 'If this was you, there is nothing to do.' },
        notYou('this sign-in'),
      ]);
    },

    mfaChanged(to, { at, enabled, ip }) {
      const state = enabled ? 'turned on' : 'turned off';
      return message(to, 'mfa-changed', `Two-factor authentication was ${state} for your ${product} account`, [
        {
          text: enabled
            ? `Two-factor authentication was turned on for your ${product} account. Keep your recovery codes somewhere safe.`
            : `Two-factor authentication was turned off for your ${product} account. Signing in now needs only your password.`,
        },
        {
          facts: [
            ['When', formatUtc(at)],
            ['IP address', untrustedText(ip, 64)],
          ],
        },
        notYou('this'),
      ]);
    },

    accountLocked(to, { until, byAdministrator = false }) {
      const cause = byAdministrator
        ? 'An administrator locked your account'
        : 'Your account was locked after too many failed sign-in attempts';
      const end = until ? `It unlocks at ${formatUtc(until)}.` : 'It stays locked until an administrator unlocks it.';
      const blocks: Block[] = [{ text: `${cause}. ${end}` }];
      if (!byAdministrator) {
        blocks.push({
          text: 'If those attempts were not yours, someone may be guessing your password. Once you can sign in again, consider choosing a new, long password and turning on two-factor authentication.',
        });
      }
      return message(to, 'account-locked', `Your ${product} account is locked`, blocks);
    },

    invitation(to, { code, invitedBy, expiresAt }) {
      const who = invitedBy ? `${untrustedText(invitedBy, 80)} invited you` : 'You have been invited';
      return message(to, 'invitation', `You are invited to ${product}`, [
        { text: `${who} to create an account on ${product}. To accept, open this link and choose a password:` },
        { link: invitationLink(base, code) },
        {
          text: `The invitation works once${expiresAt ? ` and expires at ${formatUtc(expiresAt)}` : ''}. If you were not expecting it, ignore this email.`,
        },
      ]);
    },
  };
}
