import { AUTH_EVENT_STREAM } from '@cbp/contracts';
import { LockMode } from '@cbp/db';
import type { MikroORM } from '@cbp/db';
import type { Logger } from '@cbp/logging';
import { Counter, Gauge } from '@cbp/metrics';
import type { Registry } from '@cbp/metrics';
import type { RedisStore } from '@cbp/redis';
import { OutboxMessageSchema } from './outbox.entity.js';

export interface OutboxRelayOptions {
  orm: MikroORM;
  redis: RedisStore;
  logger: Logger;
  registry?: Registry;
  stream?: string;
  batchSize?: number;
  /** Poll interval when idle; `nudge()` wakes the relay right after a commit. */
  intervalMs?: number;
  /** Upper bound of the back-off while Redis is unreachable. */
  maxBackoffMs?: number;
}

/**
 * Moves committed outbox rows to the Redis stream, oldest first, and marks them published.
 * Rows are locked with FOR UPDATE SKIP LOCKED, so several replicas can relay side by side. If Redis is down the
 * transaction rolls back and the rows wait: an outage delays events, never loses them. A crash between XADD and
 * commit can publish a row twice; consumers dedupe by event id.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly published: Counter;
  private readonly pending: Gauge;

  constructor(private readonly options: OutboxRelayOptions) {
    const registers = options.registry ? [options.registry] : [];
    this.published = new Counter({ name: 'events_published_total', help: 'Outbox events published to the stream.', registers });
    this.pending = new Gauge({ name: 'events_outbox_pending', help: 'Outbox events not yet published.', registers });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Publish now instead of at the next poll (call after a transaction that recorded events commits). */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Publishes one batch; returns how many rows it published. Exposed for tests and for draining on shutdown. */
  async publishBatch(): Promise<number> {
    const { orm, redis } = this.options;
    const stream = this.options.stream ?? AUTH_EVENT_STREAM;
    const em = orm.em.fork();
    const count = await em.transactional(async (tx) => {
      const rows = await tx.find(
        OutboxMessageSchema,
        { publishedAt: null },
        { orderBy: { seq: 'asc' }, limit: this.options.batchSize ?? 100, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      const now = new Date();
      for (const row of rows) {
        await redis.streams.add(stream, { id: row.id, type: row.type, event: JSON.stringify(row.payload) });
        row.publishedAt = now;
      }
      return rows.length;
    });
    if (count > 0) this.published.inc(count);
    return count;
  }

  private async refreshPendingGauge(): Promise<void> {
    this.pending.set(await this.options.orm.em.fork().count(OutboxMessageSchema, { publishedAt: null }));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    const interval = this.options.intervalMs ?? 250;
    let backoff = interval;
    while (this.running) {
      try {
        const published = await this.publishBatch();
        await this.refreshPendingGauge();
        backoff = interval;
        if (published === (this.options.batchSize ?? 100)) continue;
        await this.sleep(interval);
      } catch (err) {
        if (!this.running) break;
        this.options.logger.warn({ err, retryInMs: backoff }, 'outbox relay could not publish; will retry');
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 10_000);
      }
    }
  }
}
