import { domainToASCII } from 'node:url';
import { z } from '@cbp/config';

/** RFC 5321 §4.5.3.1: a forward path holds at most 256 octets including `<>`, so an address at most 254. */
export const EMAIL_MAX_LENGTH = 254;
/** RFC 5321 §4.5.3.1.1. */
export const EMAIL_LOCAL_PART_MAX_LENGTH = 64;

// The WHATWG HTML "valid e-mail address" grammar (what `<input type=email>` accepts), from zod's regex catalogue:
// simple, linear, and the same rule the SPA's form applies, so the browser and the API never disagree.
const HTML5_EMAIL = z.regexes.html5Email;
// The top-level label must look like one (letters, or an IDNA `xn--` label), which also refuses bare IPv4 domains.
const TOP_LEVEL_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
// Whitespace inside the address, or any control/format character (incl. bidi overrides), is never legitimate.
const FORBIDDEN_CHARACTERS = /[\s\p{Cc}\p{Cf}]/u;

/** Why an address was refused. */
export type EmailRefusalReason =
  'missing' | 'too-long' | 'forbidden-characters' | 'at-sign' | 'no-local-part' | 'local-part-too-long' | 'no-domain' | 'malformed';

export type EmailNormalization =
  | { ok: true; email: string }
  /** `message` says what is wrong for whoever sent the address, and never repeats it. */
  | { ok: false; reason: EmailRefusalReason; message: string };

const MESSAGES: Readonly<Record<EmailRefusalReason, string>> = {
  missing: 'Enter an email address.',
  'too-long': `The email address is too long (at most ${EMAIL_MAX_LENGTH} characters).`,
  'forbidden-characters': 'The email address must not contain spaces or control characters.',
  'at-sign': 'The email address must contain exactly one @.',
  'no-local-part': 'The email address needs a name before the @.',
  'local-part-too-long': `The part before the @ is too long (at most ${EMAIL_LOCAL_PART_MAX_LENGTH} characters).`,
  'no-domain': 'The email address needs a domain such as example.com after the @.',
  malformed: 'The email address is not valid.',
};

const refuse = (reason: EmailRefusalReason): EmailNormalization => ({ ok: false, reason, message: MESSAGES[reason] });

/**
 * The form of an email address used as the account key (and so as every per-account budget key): trimmed,
 * lower-cased as a whole, with an internationalised domain in its ASCII (punycode) form after IDNA/UTS 46
 * mapping, so `bücher.de`, `xn--bcher-kva.de` and a full-width `ｅxample.com` each give one key. Or why the value
 * is not a plausible address.
 *
 * The whole address is lower-cased, local part included. RFC 5321 lets a server treat the local part as
 * case-sensitive, but no mainstream provider does, and two accounts `Alice@x.org` and `alice@x.org` would be a
 * takeover and support hazard (reset mail for one reaching the other's owner). One person, one key.
 * Internationalised local parts (SMTPUTF8) are refused; most relays cannot deliver to them. Pure.
 */
export function normalizeEmailAddress(raw: unknown): EmailNormalization {
  if (typeof raw !== 'string') return refuse('missing');
  const trimmed = raw.trim();
  if (trimmed.length === 0) return refuse('missing');
  // Checked before any other work so that an oversized input costs nothing.
  if (trimmed.length > EMAIL_MAX_LENGTH) return refuse('too-long');
  if (FORBIDDEN_CHARACTERS.test(trimmed)) return refuse('forbidden-characters');

  const lower = trimmed.toLowerCase();
  const at = lower.indexOf('@');
  if (at === -1 || at !== lower.lastIndexOf('@')) return refuse('at-sign');
  const local = lower.slice(0, at);
  const domainInput = lower.slice(at + 1);
  if (local.length === 0) return refuse('no-local-part');
  if (local.length > EMAIL_LOCAL_PART_MAX_LENGTH) return refuse('local-part-too-long');
  // Unquoted local parts may not start or end with a dot or hold two in a row (RFC 5322 dot-atom).
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return refuse('malformed');

  // IDNA/UTS 46 mapping: `bücher.de` and `xn--bcher-kva.de` are one domain and must be one key. '' means invalid.
  const domain = domainToASCII(domainInput);
  if (domain === '' || !domain.includes('.')) return refuse('no-domain');
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if (!TOP_LEVEL_LABEL.test(tld)) return refuse('no-domain');

  const email = `${local}@${domain}`;
  if (email.length > EMAIL_MAX_LENGTH) return refuse('too-long');
  if (!HTML5_EMAIL.test(email)) return refuse('malformed');
  return { ok: true, email };
}
