// The event pipeline's promises (docs/design.md §4 (Events: outbox, stream and consumers)): an event exists if and
// only if its transaction committed; a Redis outage delays events and never loses them; consumers apply each event
// once even when it is delivered twice; and an event that keeps failing is parked instead of stalling its group.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { createOrm, Migration, migrate } from '@cbp/db';
import type { MikroORM } from '@cbp/db';
import { createRedisStore } from '@cbp/redis';
import type { RedisStore } from '@cbp/redis';
import { createTestDatabase, testRedis } from '@cbp/testing';
import type { TestDatabase } from '@cbp/testing';
import { consumedEventsTableSql, OutboxMessageSchema, OutboxRelay, outboxTableSql, recordEvent, StreamConsumer } from '../src/index.js';
import type { DomainEvent } from '../src/index.js';

class EventsTestMigration extends Migration {
  override async up(): Promise<void> {
    for (const sql of [...outboxTableSql('evt'), ...consumedEventsTableSql('evt')]) this.addSql(sql);
    this.addSql('create table "evt"."applied" ("event_id" uuid primary key, "type" text not null)');
  }
}

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
let db: TestDatabase;
let orm: MikroORM;
let redis: RedisStore;
let stream: string;

async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function appliedCount(): Promise<number> {
  const rows = await orm.em.fork().execute<{ n: string }[]>('select count(*)::text as n from "evt"."applied"');
  return Number(rows[0]?.n ?? 0);
}

function consumer(group: string, handle?: (e: DomainEvent) => Promise<void>, onStream = stream) {
  return new StreamConsumer({
    orm,
    redis,
    logger,
    group,
    stream: onStream,
    blockMs: 100,
    maxAttempts: 3,
    handle: async (event, em) => {
      await handle?.(event);
      await em.execute('insert into "evt"."applied" ("event_id", "type") values (?, ?)', [event.id, event.type]);
    },
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await createOrm({
    url: db.url,
    schema: 'evt',
    entities: [OutboxMessageSchema],
    migrations: [{ name: 'evt-1', class: EventsTestMigration }],
    poolMax: 4,
  });
  await migrate(orm);
  const { url, keyPrefix } = testRedis();
  redis = createRedisStore({ url, keyPrefix });
  stream = 'events:test';
});

afterAll(async () => {
  await redis.close();
  await orm.close(true);
  await db.drop();
});

describe('outbox → stream → consumer', () => {
  it('publishes only committed events, and a consumer applies each once', async () => {
    await orm.em.fork().transactional(async (em) => {
      recordEvent(em, { type: 'test.committed', data: { n: 1 } });
    });
    await orm.em
      .fork()
      .transactional(async (em) => {
        recordEvent(em, { type: 'test.rolled_back' });
        throw new Error('abort');
      })
      .catch(() => undefined);
    const relay = new OutboxRelay({ orm, redis, logger, stream });
    expect(await relay.publishBatch()).toBe(1);
    expect(await relay.publishBatch()).toBe(0);
    expect(await redis.streams.length(stream)).toBe(1);

    const c = consumer('g-once');
    await c.start();
    await waitFor(async () => (await appliedCount()) === 1);
    await c.stop();
  });

  it('keeps events in the outbox while Redis is unreachable and publishes them once it is back', async () => {
    const dead = createRedisStore({ url: 'redis://127.0.0.1:1', keyPrefix: 'unused:' });
    await orm.em.fork().transactional(async (em) => {
      recordEvent(em, { type: 'test.during_outage' });
    });
    await expect(new OutboxRelay({ orm, redis: dead, logger, stream }).publishBatch()).rejects.toThrow();
    await dead.close();
    expect(await orm.em.fork().count(OutboxMessageSchema, { publishedAt: null })).toBe(1);
    expect(await new OutboxRelay({ orm, redis, logger, stream }).publishBatch()).toBe(1);
    expect(await orm.em.fork().count(OutboxMessageSchema, { publishedAt: null })).toBe(0);
  });

  it('applies an event delivered twice only once (dedupe by event id)', async () => {
    const before = await appliedCount();
    await orm.em.fork().transactional(async (em) => {
      recordEvent(em, { type: 'test.twice' });
    });
    const [row] = await orm.em.fork().find(OutboxMessageSchema, { type: 'test.twice' });
    // A relay that crashed between XADD and its commit publishes the same row again.
    const fields = { id: row!.id, type: row!.type, event: JSON.stringify(row!.payload) };
    await redis.streams.add(stream, fields);
    await redis.streams.add(stream, fields);
    const c = consumer('g-once');
    await c.start();
    await waitFor(
      async () =>
        (await redis.streams.groupInfo(stream, 'g-once'))?.lag === 0 && (await redis.streams.groupInfo(stream, 'g-once'))?.pending === 0,
    );
    await c.stop();
    expect(await appliedCount()).toBe(before + 2); // test.during_outage + test.twice, once each
  });

  it('parks an event whose handler keeps failing and goes on with the next', async () => {
    const poisonStream = 'events:poison-test';
    await redis.streams.add(poisonStream, {
      id: 'x',
      type: 'test.poison',
      event: JSON.stringify({
        id: '00000000-0000-4000-8000-000000000001',
        type: 'test.poison',
        occurredAt: new Date().toISOString(),
        data: {},
      }),
    });
    await orm.em.fork().transactional(async (em) => {
      recordEvent(em, { type: 'test.after_poison' });
    });
    await new OutboxRelay({ orm, redis, logger, stream: poisonStream }).publishBatch();
    const c = consumer(
      'g-poison',
      async (event) => {
        if (event.type === 'test.poison') throw new Error('handler bug');
      },
      poisonStream,
    );
    await c.start();
    await waitFor(async () => (await redis.streams.length(`${poisonStream}:dead`)) === 1);
    await waitFor(async () => {
      const rows = await orm.em
        .fork()
        .execute<{ n: string }[]>(`select count(*)::text as n from "evt"."applied" where type = 'test.after_poison'`);
      return Number(rows[0]?.n) === 1;
    });
    await c.stop();
    expect(await redis.streams.groupInfo(poisonStream, 'g-poison')).toMatchObject({ pending: 0, lag: 0 });
  });
});
