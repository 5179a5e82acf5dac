import { domainToASCII } from 'node:url';
import { z } from '@cbp/config';
import { AppError, COMMON_ERRORS } from '@cbp/errors';

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

function invalid(message: string): AppError {
  // Never echo the input: the message is shown to whoever sent it, and logs have their own redaction.
  return new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message, details: { field: 'email' } });
}

/**
 * Validates an email address and returns the form used as the account key: trimmed, lower-cased as a whole, with an
 * internationalised domain in its ASCII (punycode) form.
 *
 * The whole address is lower-cased, local part included. RFC 5321 lets a server treat the local part as
 * case-sensitive, but no mainstream provider does, and two accounts `Alice@x.org` and `alice@x.org` would be a
 * takeover and support hazard (reset mail for one reaching the other's owner). One person, one key.
 * Internationalised local parts (SMTPUTF8) are refused; most relays cannot deliver to them.
 *
 * Throws `AppError(VALIDATION_FAILED)` with `details: { field: 'email' }` and a message saying what is wrong.
 */
export function normalizeEmail(raw: string): string {
  if (typeof raw !== 'string') throw invalid('Enter an email address.');
  const trimmed = raw.trim();
  if (trimmed.length === 0) throw invalid('Enter an email address.');
  // Checked before any other work so that an oversized input costs nothing.
  if (trimmed.length > EMAIL_MAX_LENGTH) throw invalid(`The email address is too long (at most ${EMAIL_MAX_LENGTH} characters).`);
  if (FORBIDDEN_CHARACTERS.test(trimmed)) throw invalid('The email address must not contain spaces or control characters.');

  const lower = trimmed.toLowerCase();
  const at = lower.indexOf('@');
  if (at === -1 || at !== lower.lastIndexOf('@')) throw invalid('The email address must contain exactly one @.');
  const local = lower.slice(0, at);
  const domainInput = lower.slice(at + 1);
  if (local.length === 0) throw invalid('The email address needs a name before the @.');
  if (local.length > EMAIL_LOCAL_PART_MAX_LENGTH) {
    throw invalid(`The part before the @ is too long (at most ${EMAIL_LOCAL_PART_MAX_LENGTH} characters).`);
  }
  // Unquoted local parts may not start or end with a dot or hold two in a row (RFC 5322 dot-atom).
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) throw invalid('The email address is not valid.');

  // IDNA/UTS 46 mapping: `bücher.de` and `xn--bcher-kva.de` are one domain and must be one key. '' means invalid.
  const domain = domainToASCII(domainInput);
  if (domain === '' || !domain.includes('.')) throw invalid('The email address needs a domain such as example.com after the @.');
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if (!TOP_LEVEL_LABEL.test(tld)) throw invalid('The email address needs a domain such as example.com after the @.');

  const email = `${local}@${domain}`;
  if (email.length > EMAIL_MAX_LENGTH) throw invalid(`The email address is too long (at most ${EMAIL_MAX_LENGTH} characters).`);
  if (!HTML5_EMAIL.test(email)) throw invalid('The email address is not valid.');
  return email;
}

/**
 * The domain of an address, lower-cased; what logs may say about a recipient (never the local part).
 * Pure; returns `'unknown'` for a string without an @.
 */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at === -1 ? 'unknown' : email.slice(at + 1).toLowerCase();
}
