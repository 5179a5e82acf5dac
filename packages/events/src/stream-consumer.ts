import { hostname } from 'node:os';
import { AUTH_EVENT_STREAM, deadLetterStream } from '@cbp/contracts';
import type { EntityManager, MikroORM } from '@cbp/db';
import type { Logger } from '@cbp/logging';
import { Counter, Gauge } from '@cbp/metrics';
import type { Registry } from '@cbp/metrics';
import type { RedisStore, StreamEntry } from '@cbp/redis';
import { parseEvent } from './domain-event.js';
import type { DomainEvent } from './domain-event.js';

export type EventHandler = (event: DomainEvent, em: EntityManager) => Promise<void>;

export interface StreamConsumerOptions {
  orm: MikroORM;
  redis: RedisStore;
  logger: Logger;
  /** The consumer group (one per consuming service, e.g. `admin-audit`). */
  group: string;
  handle: EventHandler;
  registry?: Registry;
  stream?: string;
  consumerName?: string;
  blockMs?: number;
  batchSize?: number;
  /** Entries another consumer took but did not ack for this long are claimed (it probably died). */
  claimIdleMs?: number;
  /**
   * How many times one entry may fail its handler before it is parked on `<stream>:dead` (with the error) and
   * acked, so one poison event cannot stall the whole group. Default 5.
   */
  maxAttempts?: number;
}

/**
 * Consumes the event stream in a consumer group, exactly once in effect: each event is handled inside a database
 * transaction that also records (group, event id) in `consumed_events`; a duplicate delivery finds the row and is
 * skipped. The entry is acked only after that commit, so a crash before the ack redelivers (and dedupes) rather
 * than loses. On start the consumer first re-reads its own pending entries, then claims stale ones of others.
 */
export class StreamConsumer {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly stream: string;
  private readonly consumerName: string;
  private readonly consumed: Counter;
  private readonly lag: Gauge;
  /** Failures per entry id in this process (a restart gives a poison entry a fresh budget, which is fine). */
  private readonly failures = new Map<string, number>();

  constructor(private readonly options: StreamConsumerOptions) {
    this.stream = options.stream ?? AUTH_EVENT_STREAM;
    this.consumerName = options.consumerName ?? `${options.group}-${hostname()}-${process.pid}`;
    const registers = options.registry ? [options.registry] : [];
    this.consumed = new Counter({
      name: 'events_consumed_total',
      help: 'Events handled by this consumer group.',
      labelNames: ['group', 'result'],
      registers,
    });
    this.lag = new Gauge({
      name: 'events_consumer_lag',
      help: 'Entries not yet delivered to the consumer group, plus pending ones.',
      labelNames: ['group'],
      registers,
    });
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.options.redis.streams.ensureGroup(this.stream, this.options.group, '0');
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Lag and pending count of the group, for `systemOverview` and the metric. */
  async status(): Promise<{ pending: number; lag: number } | null> {
    return this.options.redis.streams.groupInfo(this.stream, this.options.group);
  }

  private async handleEntry(entry: StreamEntry): Promise<void> {
    const { orm, group, handle, logger } = this.options;
    let event: DomainEvent;
    try {
      event = parseEvent(entry.fields);
    } catch (err) {
      // A malformed entry can never succeed; ack it so it does not block the group, and say so loudly.
      logger.error({ err, entryId: entry.id }, 'malformed event skipped');
      this.consumed.inc({ group, result: 'malformed' });
      await this.options.redis.streams.ack(this.stream, group, [entry.id]);
      return;
    }
    const schema = orm.config.get('schema');
    const fresh = await orm.em.fork().transactional(async (em) => {
      const inserted = await em.execute<{ event_id: string }[]>(
        `insert into "${schema}"."consumed_events" ("group_name", "event_id") values (?, ?) on conflict do nothing returning "event_id"`,
        [group, event.id],
      );
      if (inserted.length === 0) return false;
      await handle(event, em);
      return true;
    });
    await this.options.redis.streams.ack(this.stream, group, [entry.id]);
    this.consumed.inc({ group, result: fresh ? 'handled' : 'duplicate' });
  }

  private async handleAll(entries: StreamEntry[]): Promise<void> {
    for (const entry of entries) {
      if (!this.running) return;
      try {
        await this.handleEntry(entry);
        this.failures.delete(entry.id);
      } catch (err) {
        const attempts = (this.failures.get(entry.id) ?? 0) + 1;
        this.failures.set(entry.id, attempts);
        if (attempts < (this.options.maxAttempts ?? 5)) throw err;
        await this.park(entry, err);
      }
    }
  }

  /** Moves an entry that keeps failing to the dead-letter stream and acks it; loudly, with the error. */
  private async park(entry: StreamEntry, err: unknown): Promise<void> {
    const { redis, group, logger } = this.options;
    await redis.streams.add(deadLetterStream(this.stream), {
      ...entry.fields,
      group,
      entryId: entry.id,
      error: String((err as Error).message ?? err).slice(0, 500),
    });
    await redis.streams.ack(this.stream, group, [entry.id]);
    this.failures.delete(entry.id);
    this.consumed.inc({ group, result: 'dead_lettered' });
    logger.error({ err, entryId: entry.id, group }, 'event kept failing; parked on the dead-letter stream');
  }

  private async run(): Promise<void> {
    const { redis, group, logger } = this.options;
    const count = this.options.batchSize ?? 50;
    let lastClaim = 0;
    let failures = 0;
    let resumed = false;
    while (this.running) {
      try {
        if (!resumed) {
          // Our own entries delivered before a crash or restart, not yet acked.
          await this.handleAll(await redis.streams.readPending(this.stream, group, this.consumerName, 1000));
          resumed = true;
        }
        if (Date.now() - lastClaim > (this.options.claimIdleMs ?? 30_000) / 2) {
          lastClaim = Date.now();
          await this.handleAll(
            await redis.streams.claimStale(this.stream, group, this.consumerName, this.options.claimIdleMs ?? 30_000, count),
          );
        }
        const entries = await redis.streams.readGroup(this.stream, group, this.consumerName, {
          count,
          blockMs: this.options.blockMs ?? 1000,
        });
        await this.handleAll(entries);
        const info = await this.status();
        if (info) this.lag.set({ group }, info.lag + info.pending);
        failures = 0;
      } catch (err) {
        if (!this.running) break;
        failures += 1;
        const wait = Math.min(250 * 2 ** failures, 10_000);
        logger.warn({ err, retryInMs: wait }, 'event consumer failed; will retry');
        resumed = false;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
}
