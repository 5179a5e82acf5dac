// Email content (docs/design.md §11 (Email), OWASP Forgot Password): verification and reset links have the exact form
// `${PUBLIC_URL}/verify-email?token=TOKEN` / `${PUBLIC_URL}/reset-password?token=TOKEN` in the text part, built from
// configuration (never a Host header), the token URL-encoded; client-supplied text cannot inject HTML or live links.
import { describe, expect, it } from '@jest/globals';
import {
  createMailTemplates,
  formatDuration,
  formatUtc,
  passwordResetLink,
  publicBaseUrl,
  untrustedText,
  verifyEmailLink,
} from './templates.js';

const PUBLIC_URL = 'https://app.example.com';
const templates = createMailTemplates({ publicUrl: PUBLIC_URL, verificationTtlSeconds: 86_400, resetTtlSeconds: 1_800 });
const at = new Date('2026-11-25T14:03:27.000Z');

describe('links', () => {
  it('verification email carries the exact link in the text part', () => {
    const m = templates.verifyEmail('alice@example.com', 'abcDEF123-_xyz');
    expect(m).toMatchObject({ to: 'alice@example.com', kind: 'verify-email' });
    expect(m.text).toContain('\nhttps://app.example.com/verify-email?token=abcDEF123-_xyz\n');
    expect(m.text).toContain('expires in 1 day');
    expect(m.html).toContain('href="https://app.example.com/verify-email?token=abcDEF123-_xyz"');
  });

  it('reset email carries the exact link in the text part', () => {
    const m = templates.passwordReset('alice@example.com', 'tok.en');
    expect(m.kind).toBe('password-reset');
    expect(m.text).toContain('\nhttps://app.example.com/reset-password?token=tok.en\n');
    expect(m.text).toContain('expires in 30 minutes');
  });

  it('URL-encodes the token', () => {
    expect(verifyEmailLink(PUBLIC_URL, 'a+b/c=d&e f')).toBe('https://app.example.com/verify-email?token=a%2Bb%2Fc%3Dd%26e%20f');
    const m = templates.passwordReset('alice@example.com', 'a+b/c=&');
    expect(m.text).toContain('https://app.example.com/reset-password?token=a%2Bb%2Fc%3D%26');
    // In HTML the & of a query would be escaped; this token has none left after encoding.
    expect(m.html).toContain('href="https://app.example.com/reset-password?token=a%2Bb%2Fc%3D%26"');
  });

  it('keeps a path prefix and drops trailing slashes of PUBLIC_URL', () => {
    expect(passwordResetLink('https://example.com/app/', 'T')).toBe('https://example.com/app/reset-password?token=T');
    expect(createMailTemplates({ publicUrl: 'http://localhost:3000/' }).verifyEmail('a@b.co', 'T').text).toContain(
      'http://localhost:3000/verify-email?token=T',
    );
  });

  it.each([
    'app.example.com',
    'javascript:alert(1)',
    'ftp://example.com',
    'https://example.com/?x=1',
    'https://example.com/#x',
    'https://u:p@example.com',
  ])('refuses PUBLIC_URL %s', (publicUrl) => {
    expect(() => publicBaseUrl(publicUrl)).toThrow(TypeError);
    expect(() => createMailTemplates({ publicUrl })).toThrow(TypeError);
  });

  it('omits the expiry sentence part when no TTL is configured', () => {
    const m = createMailTemplates({ publicUrl: PUBLIC_URL }).verifyEmail('a@b.co', 'T');
    expect(m.text).toContain('The link works once.');
  });

  it('invitation carries the register link with the code', () => {
    const m = templates.invitation('new@example.com', { code: 'INV 42', invitedBy: 'Ada Admin', expiresAt: at });
    expect(m.kind).toBe('invitation');
    expect(m.text).toContain('https://app.example.com/register?inviteCode=INV%2042');
    expect(m.text).toContain('Ada Admin invited you');
    expect(m.text).toContain('2026-11-25 14:03 UTC');
  });
});

describe('notices', () => {
  it('password changed: when, from which IP, and what to do if it was not you', () => {
    const m = templates.passwordChanged('alice@example.com', { at, ip: '203.0.113.9' });
    expect(m).toMatchObject({ kind: 'password-changed', subject: expect.stringContaining('password was changed') });
    expect(m.text).toContain('When: 2026-11-25 14:03 UTC');
    expect(m.text).toContain('IP address: 203.0.113.9');
    expect(m.text).toContain('If this was not you');
  });

  it('new device: time, IP, user agent and device', () => {
    const m = templates.newDevice('alice@example.com', {
      at,
      ip: '198.51.100.7',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
      device: 'Firefox on Linux',
    });
    expect(m.kind).toBe('new-device');
    expect(m.text).toContain('When: 2026-11-25 14:03 UTC');
    expect(m.text).toContain('IP address: 198.51.100.7');
    expect(m.text).toContain('Device: Firefox on Linux');
    expect(m.text).toContain('Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0');
  });

  it('new device with nothing known says unknown rather than null', () => {
    const m = templates.newDevice('alice@example.com', { at, ip: null, userAgent: null });
    expect(m.text).toContain('IP address: unknown');
    expect(m.text).not.toContain('null');
  });

  it('MFA enabled and disabled', () => {
    const on = templates.mfaChanged('alice@example.com', { at, enabled: true });
    const off = templates.mfaChanged('alice@example.com', { at, enabled: false, ip: '192.0.2.1' });
    expect(on).toMatchObject({ kind: 'mfa-changed', subject: expect.stringContaining('turned on') });
    expect(off).toMatchObject({ kind: 'mfa-changed', subject: expect.stringContaining('turned off') });
    expect(off.text).toContain('If this was not you');
  });

  it('account locked until a time, or until an administrator unlocks it', () => {
    const timed = templates.accountLocked('alice@example.com', { until: new Date('2026-11-25T14:18:00Z') });
    expect(timed.kind).toBe('account-locked');
    expect(timed.text).toContain('unlocks at 2026-11-25 14:18 UTC');
    expect(timed.text).toContain('too many failed sign-in attempts');
    const admin = templates.accountLocked('alice@example.com', { until: null, byAdministrator: true });
    expect(admin.text).toContain('until an administrator unlocks it');
  });

  it('every kind has a subject, a text part ending in the product name, and an HTML part', () => {
    const all = [
      templates.verifyEmail('a@b.co', 't'),
      templates.passwordReset('a@b.co', 't'),
      templates.passwordChanged('a@b.co', { at }),
      templates.newDevice('a@b.co', { at }),
      templates.mfaChanged('a@b.co', { at, enabled: true }),
      templates.accountLocked('a@b.co', { until: null }),
      templates.invitation('a@b.co', { code: 'c' }),
    ];
    expect(new Set(all.map((m) => m.kind)).size).toBe(7);
    for (const m of all) {
      expect(m.subject.length).toBeGreaterThan(10);
      expect(m.subject).not.toMatch(/[\r\n]/);
      expect(m.text.trimEnd().endsWith('Chat Bot Pro V2')).toBe(true);
      expect(m.html).toMatch(/^<!doctype html>/);
    }
  });
});

describe('untrusted client text', () => {
  it('cannot inject HTML into the HTML part', () => {
    const m = templates.newDevice('a@b.co', { at, userAgent: '<img src=x onerror=alert(1)><a href="https://evil.example">fix</a>' });
    expect(m.html).not.toContain('<img');
    expect(m.html).not.toContain('<a href="https://evil');
    expect(m.html).toContain('&lt;img');
  });

  it('defangs URLs, strips line breaks and bidi controls, and bounds the length', () => {
    const hostile = 'Security team:\r\nyour account is at risk, visit https://evil.example/fix \u202Eright-to-left';
    const clean = untrustedText(hostile);
    expect(clean).not.toMatch(/[\r\n\u202E]/);
    expect(clean).not.toContain('https://');
    expect(clean).toContain('https[:]//evil.example/fix');
    expect(untrustedText('x'.repeat(500))).toHaveLength(161);
    const m = templates.newDevice('a@b.co', { at, userAgent: hostile });
    expect(m.text).not.toContain('https://evil');
  });
});

describe('formatting helpers', () => {
  it('formats times in UTC and durations in words', () => {
    expect(formatUtc(at)).toBe('2026-11-25 14:03 UTC');
    expect(formatDuration(3_600)).toBe('1 hour');
    expect(formatDuration(7_200)).toBe('2 hours');
    expect(formatDuration(900)).toBe('15 minutes');
    expect(formatDuration(172_800)).toBe('2 days');
  });
});
