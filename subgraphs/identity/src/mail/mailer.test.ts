// docs/design.md §11 (Email): without SMTP_URL, each message is logged as structured JSON and kept in a development mailbox; the
// dev mailbox is refused in production (it would log live tokens). SMTP failures are classified without leaking
// the recipient.
import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger } from '@cbp/logging';
import { createMailer, DevMailbox, MailDeliveryError, SmtpMailer } from './mailer.js';
import type { MailMessage } from './mailer.js';

function captureLog() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger({ service: 'identity', level: 'debug', destination }) };
}

const msg = (to: string, kind: MailMessage['kind'], text = 'hello'): MailMessage => ({ to, kind, subject: `subject ${kind}`, text });

describe('DevMailbox', () => {
  it('keeps messages and returns them by recipient, case-insensitively, oldest first', async () => {
    const { log } = captureLog();
    const box = new DevMailbox({ log });
    await box.send(msg('alice@example.com', 'verify-email'));
    await box.send(msg('bob@example.com', 'verify-email'));
    await box.send(msg('alice@example.com', 'password-reset'));
    expect(box.list().map((m) => m.id)).toEqual([1, 2, 3]);
    expect(box.list('ALICE@example.com').map((m) => m.kind)).toEqual(['verify-email', 'password-reset']);
    expect(box.list('nobody@example.com')).toEqual([]);
  });

  it('latest() finds the newest message to a recipient, optionally of a kind, or null', async () => {
    const { log } = captureLog();
    const box = new DevMailbox({ log });
    await box.send(msg('alice@example.com', 'verify-email', 'first link'));
    await box.send(msg('alice@example.com', 'verify-email', 'second link'));
    await box.send(msg('alice@example.com', 'new-device'));
    expect(box.latest('alice@example.com')?.kind).toBe('new-device');
    expect(box.latest('alice@example.com', 'verify-email')?.text).toBe('second link');
    expect(box.latest('alice@example.com', 'password-reset')).toBeNull();
    expect(box.latest('bob@example.com')).toBeNull();
  });

  it('keeps only the last 200 messages by default', async () => {
    const { log } = captureLog();
    const box = new DevMailbox({ log });
    for (let i = 1; i <= 205; i++) await box.send(msg(`u${i}@example.com`, 'verify-email'));
    const kept = box.list();
    expect(kept).toHaveLength(200);
    expect(kept[0]?.id).toBe(6);
    expect(box.latest('u1@example.com')).toBeNull();
    expect(box.latest('u205@example.com')?.id).toBe(205);
  });

  it('returns copies, so callers cannot rewrite the mailbox', async () => {
    const { log } = captureLog();
    const box = new DevMailbox({ log, capacity: 5 });
    await box.send(msg('alice@example.com', 'verify-email', 'original'));
    const copy = box.list()[0];
    if (copy) copy.text = 'tampered';
    expect(box.latest('alice@example.com')?.text).toBe('original');
    box.clear();
    expect(box.list()).toEqual([]);
  });

  it('logs each message as structured JSON with the full text, marked development-only', async () => {
    const { lines, log } = captureLog();
    const box = new DevMailbox({ log });
    await box.send(msg('alice@example.com', 'password-reset', 'open http://localhost:3000/reset-password?token=T0K3N'));
    const line = lines.at(-1);
    expect(line).toMatchObject({
      level: 'info',
      devMailbox: true,
      mail: { kind: 'password-reset', to: 'alice@example.com', text: expect.stringContaining('token=T0K3N') },
    });
    expect(String(line?.msg)).toMatch(/development/);
  });
});

describe('createMailer', () => {
  it('uses SMTP when SMTP_URL is set', async () => {
    const { log } = captureLog();
    const mailer = createMailer({ NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:2525' }, { log });
    expect(mailer).toBeInstanceOf(SmtpMailer);
    await mailer.close?.();
  });

  it('falls back to the dev mailbox outside production, with a warning', () => {
    const { lines, log } = captureLog();
    expect(createMailer({ NODE_ENV: 'development' }, { log })).toBeInstanceOf(DevMailbox);
    expect(lines.at(-1)).toMatchObject({ level: 'warn' });
  });

  it('refuses the dev mailbox in production', () => {
    const { log } = captureLog();
    expect(() => createMailer({ NODE_ENV: 'production' }, { log })).toThrow(/SMTP_URL is required in production/);
  });
});

describe('MailDeliveryError', () => {
  it('is permanent for 5xx answers only', () => {
    expect(new MailDeliveryError({ responseCode: 550, code: 'EENVELOPE' }).permanent).toBe(true);
    expect(new MailDeliveryError({ responseCode: 451, code: 'EENVELOPE' }).permanent).toBe(false);
    expect(new MailDeliveryError({ code: 'ECONNECTION' }).permanent).toBe(false);
  });

  it('has a message without the server text', () => {
    const cause = new Error("Can't send mail - all recipients were rejected: 550 <alice@example.com> no such user");
    const err = new MailDeliveryError({ responseCode: 550, code: 'EENVELOPE', cause });
    expect(err.message).toBe('mail delivery failed (EENVELOPE 550)');
  });
});
