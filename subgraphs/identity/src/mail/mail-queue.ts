import { Counter } from '@cbp/metrics';
import type { Registry } from '@cbp/metrics';
import type { Logger } from '@cbp/logging';
import { emailDomain } from '../users/email-address.js';
import { MailDeliveryError } from './mailer.js';
import type { Mailer, MailKind, MailMessage } from './mailer.js';

export interface MailQueueOptions {
  /** Attempts per message, the first included; default 5. */
  maxAttempts?: number;
  /** Delay before the first retry; doubles each time; default 500 ms. */
  baseDelayMs?: number;
  /** Ceiling on one retry delay; default 30 s. */
  maxDelayMs?: number;
  /** Messages being handed to the mailer at once; default 4. */
  concurrency?: number;
  /** Messages held (waiting, sending or backing off) per lane (transactional, bulk) before new ones are refused; default 10,000. */
  maxQueued?: number;
  /** In [0, 1); jitter source, replaceable in tests. */
  random?: () => number;
}

export interface MailQueueDeps {
  mailer: Mailer;
  log: Logger;
  /** Where `mail_sent_total` is registered. */
  registry: Registry;
}

type MailResult = 'sent' | 'retry' | 'failed';

/** Transactional mail (links, codes, security notices) is sent before bulk mail and never queues behind it. */
type Lane = 'transactional' | 'bulk';
const BULK_KINDS: ReadonlySet<MailKind> = new Set<MailKind>(['invitation']);
const laneOf = (kind: MailKind): Lane => (BULK_KINDS.has(kind) ? 'bulk' : 'transactional');

interface Job {
  message: MailMessage;
  /** Attempts made so far. */
  attempts: number;
}

const COUNTER_NAME = 'mail_sent_total';

function mailCounter(registry: Registry): Counter<'kind' | 'result'> {
  const existing = registry.getSingleMetric(COUNTER_NAME);
  if (existing instanceof Counter) return existing as Counter<'kind' | 'result'>;
  return new Counter({
    name: COUNTER_NAME,
    help: 'Email delivery attempts by kind and result: sent, retry (an attempt failed and will be retried) or failed (given up).',
    labelNames: ['kind', 'result'] as const,
    registers: [registry],
  });
}

/** What a log line may say about a failure: codes only; never the server's text (it often quotes the address). */
function failureFields(err: unknown): Record<string, unknown> {
  if (err instanceof MailDeliveryError) return { code: err.code, responseCode: err.responseCode, permanent: err.permanent };
  return { code: err instanceof Error ? err.name : 'unknown' };
}

/**
 * Sends email in the background so that no response waits on SMTP: `enqueue` returns at once, delivery retries
 * with exponential backoff and jitter, and at most `concurrency` messages are in flight. Held in memory: a crash
 * loses unsent mail, which every flow here tolerates (the user can ask for another link).
 *
 * Logs carry the kind and the recipient's domain, never the address, the body or a token.
 */
export class MailQueue {
  private readonly mailer: Mailer;
  private readonly log: Logger;
  private readonly counter: Counter<'kind' | 'result'>;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private readonly random: () => number;

  private readonly waiting: Record<Lane, Job[]> = { transactional: [], bulk: [] };
  /** Messages not yet settled, per lane: each lane has its own `maxQueued`, so invitations never fill the reset lane. */
  private readonly held: Record<Lane, number> = { transactional: 0, bulk: 0 };
  private readonly backingOff = new Map<NodeJS.Timeout, Job>();
  private active = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(deps: MailQueueDeps, options: MailQueueOptions = {}) {
    this.mailer = deps.mailer;
    this.log = deps.log;
    this.counter = mailCounter(deps.registry);
    this.maxAttempts = Math.max(1, Math.trunc(options.maxAttempts ?? 5));
    this.baseDelayMs = Math.max(0, options.baseDelayMs ?? 500);
    this.maxDelayMs = Math.max(this.baseDelayMs, options.maxDelayMs ?? 30_000);
    this.concurrency = Math.max(1, Math.trunc(options.concurrency ?? 4));
    this.maxQueued = Math.max(1, Math.trunc(options.maxQueued ?? 10_000));
    this.random = options.random ?? Math.random;
  }

  /** Messages not yet settled: waiting, being sent, or waiting for a retry. */
  get pending(): number {
    return this.held.transactional + this.held.bulk;
  }

  /**
   * Accepts a message for background delivery and returns at once. Never throws: when the queue is closed or full
   * the message is dropped, logged and counted as failed, because a request must not fail over a notification.
   * Transactional mail has a lane of its own and jumps the bulk mail still waiting.
   */
  enqueue(message: MailMessage): void {
    const lane = laneOf(message.kind);
    if (this.closed || this.held[lane] >= this.maxQueued) {
      this.drop({ message, attempts: 0 }, this.closed ? 'queue_closed' : 'queue_full', undefined);
      return;
    }
    this.held[lane]++;
    this.waiting[lane].push({ message, attempts: 0 });
    this.pump();
  }

  /** Resolves when nothing is waiting, sending or backing off (tests; graceful shutdown before {@link close}). */
  drain(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops accepting messages, abandons those not yet started or waiting for a retry (logged and counted as failed),
   * waits for the ones being sent, then closes the mailer. Call {@link drain} first to deliver everything.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const [timer, job] of this.backingOff) {
      clearTimeout(timer);
      this.giveUp(job, 'queue_closed', undefined);
    }
    this.backingOff.clear();
    for (const job of [...this.waiting.transactional.splice(0), ...this.waiting.bulk.splice(0)])
      this.giveUp(job, 'queue_closed', undefined);
    this.settleIfIdle();
    await this.drain();
    await this.mailer.close?.();
  }

  private pump(): void {
    while (this.active < this.concurrency) {
      const job = this.waiting.transactional.shift() ?? this.waiting.bulk.shift();
      if (!job) break;
      this.active++;
      void this.attempt(job).finally(() => {
        this.active--;
        this.pump();
        this.settleIfIdle();
      });
    }
  }

  private async attempt(job: Job): Promise<void> {
    job.attempts++;
    const { kind } = job.message;
    try {
      // Promise.resolve().then: a mailer that throws synchronously is handled like one that rejects.
      await Promise.resolve().then(() => this.mailer.send(job.message));
      this.held[laneOf(kind)]--;
      this.count(kind, 'sent');
      this.log.debug({ kind, recipientDomain: emailDomain(job.message.to), attempts: job.attempts }, 'mail.sent');
    } catch (err) {
      const permanent = err instanceof MailDeliveryError && err.permanent;
      if (permanent || job.attempts >= this.maxAttempts || this.closed) {
        this.giveUp(job, permanent ? 'permanent' : this.closed ? 'queue_closed' : 'attempts_exhausted', err);
        return;
      }
      this.count(kind, 'retry');
      const delayMs = this.backoffMs(job.attempts);
      this.log.warn(
        {
          kind,
          recipientDomain: emailDomain(job.message.to),
          attempt: job.attempts,
          maxAttempts: this.maxAttempts,
          retryInMs: delayMs,
          ...failureFields(err),
        },
        'mail.send.retry',
      );
      const timer = setTimeout(() => {
        this.backingOff.delete(timer);
        this.waiting[laneOf(job.message.kind)].push(job);
        this.pump();
      }, delayMs);
      this.backingOff.set(timer, job);
    }
  }

  /** Exponential backoff with "equal jitter": half the step is fixed, half random, so retries from a burst spread. */
  private backoffMs(attemptsMade: number): number {
    const step = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attemptsMade - 1));
    return Math.round(step / 2 + this.random() * (step / 2));
  }

  /** Settles a held message as failed. */
  private giveUp(job: Job, reason: string, err: unknown): void {
    this.held[laneOf(job.message.kind)]--;
    this.drop(job, reason, err);
  }

  /** Counts and logs a failed message (held or never accepted). */
  private drop(job: Job, reason: string, err: unknown): void {
    this.count(job.message.kind, 'failed');
    this.log.error(
      {
        kind: job.message.kind,
        recipientDomain: emailDomain(job.message.to),
        attempts: job.attempts,
        reason,
        ...(err === undefined ? {} : failureFields(err)),
      },
      'mail.send.failed',
    );
  }

  private count(kind: MailKind, result: MailResult): void {
    this.counter.inc({ kind, result });
  }

  private settleIfIdle(): void {
    if (this.pending !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
