import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  raw: string;
  /** The decoded text part (quoted-printable soft breaks undone). */
  text: string;
}

/** A real SMTP server on 127.0.0.1 that keeps every message it receives, for end-to-end tests. */
export class SmtpSink {
  readonly messages: CapturedMail[] = [];
  private readonly server: SMTPServer;
  private waiters: (() => void)[] = [];

  private constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          this.messages.push({ to, raw, text: decodeQuotedPrintable(raw) });
          for (const wake of this.waiters.splice(0)) wake();
          callback();
        });
      },
    });
  }

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** Waits until a message to `to` whose text matches `pattern` arrives; returns it. */
  async waitFor(to: string, pattern: RegExp, timeoutMs = 10_000): Promise<CapturedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((m) => m.to.includes(to.toLowerCase()) && pattern.test(m.text));
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no email to ${to} matching ${pattern} within ${timeoutMs} ms (got ${this.messages.length} messages)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The token of the first link `${PUBLIC_URL}<path>?token=…` in a message. */
  static tokenFrom(mail: CapturedMail, path: string): string {
    const match = new RegExp(`${path.replace(/[/-]/g, '\\$&')}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text);
    if (!match?.[1]) throw new Error(`no ${path} link in the email:\n${mail.text}`);
    return decodeURIComponent(match[1]);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
