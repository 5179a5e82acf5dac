import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Transporter } from 'nodemailer';
import type { Logger } from '@cbp/logging';

/** Every email the platform sends; also the `kind` label of `mail_sent_total`. */
export type MailKind =
  | 'verify-email'
  | 'password-reset'
  | 'password-changed'
  | 'new-device'
  | 'mfa-changed'
  | 'account-locked'
  | 'invitation'
  | 'email-change'
  | 'email-change-requested';

export const MAIL_KINDS: readonly MailKind[] = Object.freeze([
  'verify-email',
  'password-reset',
  'password-changed',
  'new-device',
  'mfa-changed',
  'account-locked',
  'invitation',
  'email-change',
  'email-change-requested',
]);

/** One email, as built by `templates.ts`. The text part is authoritative (docs/design.md §11 (Email): links live in it). */
export interface MailMessage {
  /** One normalised recipient address. */
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: MailKind;
}

/** Delivers one message. Implementations: {@link SmtpMailer} (real SMTP) and {@link DevMailbox} (development). */
export interface Mailer {
  /**
   * Hands the message to the mail system. Resolves once it has been accepted; rejects with a
   * {@link MailDeliveryError} when it was not (callers such as `MailQueue` decide whether to retry).
   * Side effects: network I/O, or (dev mailbox) a log line and an in-memory copy.
   */
  send(message: MailMessage): Promise<void>;
  /** Releases connections. Optional: a mailer without resources has nothing to close. */
  close?(): Promise<void>;
}

/**
 * A message was not accepted. Its message and fields carry no recipient address and no body, so it is safe to log.
 * `permanent` is true for an SMTP 5xx answer: sending the same message again will fail the same way.
 */
export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError';
  readonly permanent: boolean;
  /** The SMTP reply code, when the server answered. */
  readonly responseCode: number | undefined;
  /** nodemailer's error code (`ECONNECTION`, `ETIMEDOUT`, `EENVELOPE`, `EAUTH` …), when there is one. */
  readonly code: string | undefined;

  constructor(options: { responseCode?: number | undefined; code?: string | undefined; cause?: unknown }) {
    const { responseCode, code } = options;
    super(
      `mail delivery failed${code ? ` (${code}${responseCode ? ` ${responseCode}` : ''})` : responseCode ? ` (${responseCode})` : ''}`,
      {
        cause: options.cause,
      },
    );
    this.responseCode = responseCode;
    this.code = code;
    this.permanent = responseCode !== undefined && responseCode >= 500 && responseCode < 600;
  }
}

function toDeliveryError(err: unknown): MailDeliveryError {
  if (err instanceof MailDeliveryError) return err;
  const fields = (typeof err === 'object' && err !== null ? err : {}) as { responseCode?: unknown; code?: unknown };
  return new MailDeliveryError({
    responseCode: typeof fields.responseCode === 'number' ? fields.responseCode : undefined,
    code: typeof fields.code === 'string' ? fields.code : undefined,
    cause: err,
  });
}

export const DEFAULT_MAIL_FROM = 'Chat Bot Pro V2 <no-reply@localhost>';
/** Connection, greeting and socket timeouts: a hung relay must not hold a queue slot for nodemailer's 2-10 minutes. */
export const DEFAULT_SMTP_TIMEOUT_MS = 10_000;

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; query parameters are nodemailer options (e.g. `requireTLS=true`). */
  url: string;
  /** The From header; defaults to {@link DEFAULT_MAIL_FROM}. */
  from?: string;
  /** Connection, greeting and socket timeout; defaults to {@link DEFAULT_SMTP_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/**
 * Real SMTP through nodemailer: one connection per message (no pool), STARTTLS whenever the server offers it, and
 * `smtps://` for implicit TLS. Never logs; failures surface as {@link MailDeliveryError}.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;
  private readonly from: string;

  constructor(options: SmtpMailerOptions) {
    const timeout = options.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
    this.from = options.from ?? DEFAULT_MAIL_FROM;
    // `createTransport({ url, … })` would keep only what the URL says; the transport class merges our options with
    // the URL's, so the timeouts apply (and a URL query may still override them).
    this.transport = nodemailer.createTransport(
      new SMTPTransport({
        url: options.url,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
        // Our messages are strings we built; never let content make nodemailer read a file or fetch a URL.
        disableFileAccess: true,
        disableUrlAccess: true,
      }),
    );
  }

  async send(message: MailMessage): Promise<void> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      // A server may accept the envelope yet refuse the one recipient; that is a failure for us.
      if (info.rejected.length > 0 || info.accepted.length === 0) {
        throw new MailDeliveryError({ code: 'EENVELOPE', responseCode: 550 });
      }
    } catch (err) {
      throw toDeliveryError(err);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** A message the development mailbox kept. */
export interface StoredMail extends MailMessage {
  /** Increasing from 1 in the order messages were sent. */
  id: number;
  sentAt: Date;
}

export interface DevMailboxOptions {
  log: Logger;
  /** How many messages to keep, oldest dropped first; default 200. */
  capacity?: number;
  clock?: () => Date;
}

/**
 * DEVELOPMENT ONLY (docs/design.md §11 (Email), `SMTP_URL` unset): logs each message as structured JSON, full text included, because
 * the developer needs the link, and keeps the last messages in memory for tests and a dev-only endpoint.
 * Never use it in production: it writes live tokens to the log. {@link createMailer} refuses to.
 */
export class DevMailbox implements Mailer {
  private readonly log: Logger;
  private readonly capacity: number;
  private readonly clock: () => Date;
  private readonly messages: StoredMail[] = [];
  private nextId = 1;

  constructor(options: DevMailboxOptions) {
    this.log = options.log;
    this.capacity = Math.max(1, options.capacity ?? 200);
    this.clock = options.clock ?? (() => new Date());
  }

  async send(message: MailMessage): Promise<void> {
    const stored: StoredMail = { ...message, id: this.nextId++, sentAt: this.clock() };
    this.messages.push(stored);
    if (this.messages.length > this.capacity) this.messages.splice(0, this.messages.length - this.capacity);
    this.log.info(
      { devMailbox: true, mail: { id: stored.id, kind: stored.kind, to: stored.to, subject: stored.subject, text: stored.text } },
      'mail.dev.captured: development mailbox only, not delivered (set SMTP_URL to send real email)',
    );
  }

  /** The kept messages, oldest first; only those to `to` (compared case-insensitively) when given. */
  list(to?: string): StoredMail[] {
    const wanted = to?.trim().toLowerCase();
    return this.messages.filter((m) => wanted === undefined || m.to.toLowerCase() === wanted).map((m) => ({ ...m }));
  }

  /** The most recent message to `to`, of `kind` when given; `null` when there is none. */
  latest(to: string, kind?: MailKind): StoredMail | null {
    const wanted = to.trim().toLowerCase();
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i];
      if (m && m.to.toLowerCase() === wanted && (kind === undefined || m.kind === kind)) return { ...m };
    }
    return null;
  }

  /** Forgets every message (tests). */
  clear(): void {
    this.messages.length = 0;
  }
}

/** The mail settings `createMailer` reads; names as in the identity config. */
export interface MailerConfig {
  NODE_ENV: 'development' | 'production' | 'test';
  /** Unset: the development mailbox. */
  SMTP_URL?: string | undefined;
  MAIL_FROM?: string | undefined;
}

/**
 * The mailer of docs/design.md §11 (Email): {@link SmtpMailer} when `SMTP_URL` is set, otherwise {@link DevMailbox}.
 * Throws an Error in production without `SMTP_URL`, because the dev mailbox would log live reset and verification
 * links (config validation should catch this first; this is the last line).
 */
export function createMailer(config: MailerConfig, deps: { log: Logger }): Mailer {
  if (config.SMTP_URL) return new SmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM ?? DEFAULT_MAIL_FROM });
  if (config.NODE_ENV === 'production') {
    throw new Error('SMTP_URL is required in production: the development mailbox would write live tokens to the log');
  }
  deps.log.warn('mail.dev.enabled: SMTP_URL is unset, emails go to the development mailbox and the log, not to anyone');
  return new DevMailbox({ log: deps.log });
}
