// Real SMTP against an in-process sink (smtp-server on 127.0.0.1, port 0): SmtpMailer delivers the text part with
// the exact link, its timeouts apply, and MailQueue retries a temporarily refusing server, gives up on one that
// keeps refusing, and never makes the caller wait for a slow one.
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from '@jest/globals';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerOptions } from 'smtp-server';
import { createLogger } from '@cbp/logging';
import { Registry } from '@cbp/metrics';
import { MailQueue } from './mail-queue.js';
import { MailDeliveryError, SmtpMailer } from './mailer.js';
import { createMailTemplates } from './templates.js';

interface Sink {
  url: string;
  /** Raw RFC 5322 messages as received. */
  messages: string[];
  rcptAttempts: number;
  close(): Promise<void>;
}

const sinks: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

/**
 * An SMTP sink. `refuseRcpt(n)` answers the n-th RCPT TO (1-based) with an error when it returns one;
 * `dataDelayMs` holds the final answer to DATA back, like a slow relay.
 */
async function startSink(
  behaviour: { refuseRcpt?: (n: number) => { code: number; text: string } | null; dataDelayMs?: number } = {},
): Promise<Sink> {
  const messages: string[] = [];
  let rcptAttempts = 0;
  const options: SMTPServerOptions = {
    authOptional: true,
    // The sink's built-in certificate is self-signed; plain SMTP keeps the test about our code, not TLS.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // No reverse DNS of 127.0.0.1 per connection: it costs ~150 ms each in a sandbox.
    disableReverseLookup: true,
    onRcptTo(_address, _session, callback) {
      rcptAttempts++;
      const refusal = behaviour.refuseRcpt?.(rcptAttempts);
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.text), { responseCode: refusal.code }));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push(Buffer.concat(chunks).toString('utf8'));
        setTimeout(() => callback(), behaviour.dataDelayMs ?? 0);
      });
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const sink = {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get rcptAttempts() {
      return rcptAttempts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  sinks.push(sink);
  return sink;
}

/** The decoded text/plain part of a raw message (nodemailer writes quoted-printable or 7bit). */
function textPart(raw: string): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  let part = raw;
  if (boundary) {
    part = raw.split(`--${boundary}`).find((p) => /content-type:\s*text\/plain/i.test(p)) ?? '';
  }
  const headerEnd = part.indexOf('\r\n\r\n');
  const headers = part.slice(0, headerEnd);
  let body = part.slice(headerEnd + 4);
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
    body = body.replace(/=\r\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < body.length; i++) {
      const hex = body.slice(i + 1, i + 3);
      if (body[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else bytes.push(...Buffer.from(body[i] ?? ''));
    }
    body = Buffer.from(bytes).toString('utf8');
  } else if (/content-transfer-encoding:\s*base64/i.test(headers)) {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return body.replace(/\r\n/g, '\n');
}

function logCapture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, log: createLogger({ service: 'identity', level: 'debug', destination }) };
}

async function counts(registry: Registry, kind: string): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric('mail_sent_total')?.get();
  const out: Record<string, number> = {};
  for (const v of metric?.values ?? []) if (v.labels.kind === kind) out[String(v.labels.result)] = v.value;
  return out;
}

const templates = createMailTemplates({ publicUrl: 'https://app.example.com', resetTtlSeconds: 1_800 });
const TOKEN = 'vX3_-kq9ZtA0bY7wL2mN4pQ6rS8uT1cE5gH0jK3lM9o';

describe('SmtpMailer', () => {
  it('delivers the message with From, To, Subject and the exact link in the text part', async () => {
    const sink = await startSink();
    const mailer = new SmtpMailer({ url: sink.url, from: 'CBP Test <no-reply@cbp.test>' });
    await mailer.send(templates.passwordReset('alice@example.com', TOKEN));
    await mailer.close();
    expect(sink.messages).toHaveLength(1);
    const raw = sink.messages[0] ?? '';
    expect(raw).toMatch(/^From: CBP Test <no-reply@cbp\.test>\r$/m);
    expect(raw).toMatch(/^To: alice@example\.com\r$/m);
    expect(raw).toMatch(/^Subject: Reset your Chat Bot Pro V2 password\r$/m);
    expect(textPart(raw)).toContain(`\nhttps://app.example.com/reset-password?token=${TOKEN}\n`);
    expect(raw).toMatch(/content-type: text\/html/i);
  });

  it('uses the default From address when none is configured', async () => {
    const sink = await startSink();
    await new SmtpMailer({ url: sink.url }).send(templates.verifyEmail('bob@example.com', TOKEN));
    expect(sink.messages[0]).toMatch(/^From: Chat Bot Pro V2 <no-reply@localhost>\r$/m);
  });

  it('rejects with a classified MailDeliveryError when the server refuses', async () => {
    const temporary = await startSink({ refuseRcpt: () => ({ code: 451, text: 'try again later' }) });
    const err1 = await new SmtpMailer({ url: temporary.url })
      .send(templates.verifyEmail('alice@example.com', TOKEN))
      .catch((e: unknown) => e);
    expect(err1).toBeInstanceOf(MailDeliveryError);
    expect(err1).toMatchObject({ responseCode: 451, permanent: false });
    const permanent = await startSink({ refuseRcpt: () => ({ code: 550, text: 'no such user' }) });
    const err2 = await new SmtpMailer({ url: permanent.url })
      .send(templates.verifyEmail('alice@example.com', TOKEN))
      .catch((e: unknown) => e);
    expect(err2).toMatchObject({ responseCode: 550, permanent: true });
    expect((err2 as Error).message).not.toContain('alice');
  });

  it('gives up on a server that accepts the connection but never greets, after the configured timeout', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    sinks.push({
      close: () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          silent.close(() => resolve());
        }),
    });
    const { port } = silent.address() as AddressInfo;
    const start = performance.now();
    const err = await new SmtpMailer({ url: `smtp://127.0.0.1:${port}`, timeoutMs: 200 })
      .send(templates.verifyEmail('alice@example.com', TOKEN))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailDeliveryError);
    expect((err as MailDeliveryError).permanent).toBe(false);
    expect(performance.now() - start).toBeLessThan(1_500);
  });

  it('fails fast, and transiently, when nothing listens', async () => {
    const sink = await startSink();
    const url = sink.url;
    await sink.close();
    const err = await new SmtpMailer({ url }).send(templates.verifyEmail('alice@example.com', TOKEN)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailDeliveryError);
    expect(err).toMatchObject({ code: expect.stringMatching(/^E[A-Z]+$/), permanent: false });
  });
});

describe('MailQueue over SMTP', () => {
  it('retries after the server refuses the first attempts, then delivers', async () => {
    const sink = await startSink({ refuseRcpt: (n) => (n <= 2 ? { code: 451, text: 'greylisted, try again later' } : null) });
    const registry = new Registry();
    const { log } = logCapture();
    const queue = new MailQueue({ mailer: new SmtpMailer({ url: sink.url }), log, registry }, { baseDelayMs: 20 });
    queue.enqueue(templates.passwordReset('alice@example.com', TOKEN));
    await queue.drain();
    await queue.close();
    expect(sink.rcptAttempts).toBe(3);
    expect(sink.messages).toHaveLength(1);
    expect(textPart(sink.messages[0] ?? '')).toContain(`https://app.example.com/reset-password?token=${TOKEN}`);
    expect(await counts(registry, 'password-reset')).toEqual({ retry: 2, sent: 1 });
  });

  it('gives up after maxAttempts, counts it failed, and logs neither the address nor the token', async () => {
    const sink = await startSink({ refuseRcpt: () => ({ code: 451, text: '<alice@example.com> mailbox busy' }) });
    const registry = new Registry();
    const { lines, log } = logCapture();
    const queue = new MailQueue({ mailer: new SmtpMailer({ url: sink.url }), log, registry }, { baseDelayMs: 10, maxAttempts: 4 });
    queue.enqueue(templates.passwordReset('alice@example.com', TOKEN));
    await queue.drain();
    expect(sink.rcptAttempts).toBe(4);
    expect(sink.messages).toHaveLength(0);
    expect(await counts(registry, 'password-reset')).toEqual({ retry: 3, failed: 1 });
    const logged = lines.join('');
    expect(logged).toContain('"recipientDomain":"example.com"');
    expect(logged).toContain('mail.send.failed');
    expect(logged).not.toContain('alice@');
    expect(logged).not.toContain(TOKEN);
  });

  it('returns from enqueue before a slow server answers, and delivers in the background', async () => {
    const sink = await startSink({ dataDelayMs: 400 });
    const registry = new Registry();
    const { log } = logCapture();
    const queue = new MailQueue({ mailer: new SmtpMailer({ url: sink.url }), log, registry });
    const start = performance.now();
    queue.enqueue(templates.verifyEmail('alice@example.com', TOKEN));
    const enqueueMs = performance.now() - start;
    expect(enqueueMs).toBeLessThan(20);
    expect(await counts(registry, 'verify-email')).toEqual({});
    await queue.drain();
    expect(performance.now() - start).toBeGreaterThanOrEqual(390);
    expect(await counts(registry, 'verify-email')).toEqual({ sent: 1 });
    expect(sink.messages).toHaveLength(1);
  });
});
