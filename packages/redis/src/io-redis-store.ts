/**
 * The production {@link RedisStore}: ioredis against a Redis 6.2+ server (7+ for `lag` without a fallback scan).
 * One shared connection for commands, one for pub/sub (a subscribed connection can do nothing else) and a
 * small pool for blocking stream reads, so a consumer waiting on XREADGROUP BLOCK never delays a GET.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { checkSet, checkTtl, closedError } from './command-args.js';
import { IoRedisEventStreams } from './io-redis-streams.js';
import { DEFAULT_KEY_PREFIX } from './redis-store.js';
import type { RedisOptions } from 'ioredis';
import type { MessageHandler, RedisLogger, RedisStore, SetOptions, Unsubscribe } from './redis-store.js';

/** Options of {@link IoRedisStore}. */
export interface IoRedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /** Prepended to every key, stream and channel. Default `cbp:`. */
  keyPrefix?: string;
  /** Receives connection trouble (once per outage) and exceptions thrown by subscribers. */
  logger?: RedisLogger;
  /** ioredis options applied over {@link DEFAULT_IOREDIS_OPTIONS}. Do not set `keyPrefix` here: the store prefixes itself. */
  redisOptions?: RedisOptions;
}

/**
 * Connection defaults. A command issued while Redis is unreachable waits through two reconnect attempts
 * (a few hundred ms) and then fails, instead of the ioredis default of twenty; commands issued before the first
 * connect are queued rather than rejected, so no lazy-connect dance is needed. Reconnection itself never stops.
 */
export const DEFAULT_IOREDIS_OPTIONS: Readonly<RedisOptions> = Object.freeze({
  maxRetriesPerRequest: 2,
  enableOfflineQueue: true,
  connectTimeout: 5000,
});

/** INCR, and PEXPIRE only when INCR created the key: one atomic step, so a counter can never be left without expiry. */
const INCR_WITH_TTL = `
local existed = redis.call('EXISTS', KEYS[1])
local value = redis.call('INCR', KEYS[1])
if existed == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return value`;
const INCR_WITH_TTL_SHA = createHash('sha1').update(INCR_WITH_TTL).digest('hex');

interface ChannelState {
  handlers: Set<MessageHandler>;
  /** Settles when the server has confirmed SUBSCRIBE. */
  ready: Promise<unknown>;
}

export class IoRedisStore implements RedisStore {
  readonly kind = 'redis' as const;
  readonly keyPrefix: string;
  readonly streams: IoRedisEventStreams;
  private readonly client: Redis;
  private readonly logger: RedisLogger | undefined;
  private subscriber: Redis | null = null;
  private readonly channels = new Map<string, ChannelState>();
  private readonly blockingIdle: Redis[] = [];
  private readonly blockingAll = new Set<Redis>();
  private closed = false;

  constructor(options: IoRedisStoreOptions) {
    this.keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.logger = options.logger;
    this.client = this.watch(new Redis(options.url, { ...DEFAULT_IOREDIS_OPTIONS, ...options.redisOptions }), 'commands');
    this.streams = new IoRedisEventStreams({
      client: this.client,
      key: (name) => this.keyPrefix + name,
      assertOpen: () => this.assertOpen(),
      isClosed: () => this.closed,
      withBlockingConnection: (command) => this.withBlockingConnection(command),
    });
  }

  /**
   * The underlying command connection, for libraries that need a raw ioredis client (rate-limiter-flexible's
   * RateLimiterRedis). Keys written through it are NOT prefixed automatically: pass `keyPrefix` to the library.
   * Do not close it; {@link close} does.
   */
  ioredisClient(): Redis {
    return this.client;
  }

  async get(key: string): Promise<string | null> {
    this.assertOpen();
    return this.client.get(this.keyPrefix + key);
  }

  async set(key: string, value: string, options?: SetOptions): Promise<boolean> {
    this.assertOpen();
    checkSet(options);
    const args: (string | number)[] = [this.keyPrefix + key, value];
    if (options?.ttlMs !== undefined) args.push('PX', options.ttlMs);
    if (options?.onlyIfAbsent) args.push('NX');
    return (await this.client.call('SET', ...args)) === 'OK';
  }

  async getDel(key: string): Promise<string | null> {
    this.assertOpen();
    return this.client.getdel(this.keyPrefix + key);
  }

  async del(...keys: string[]): Promise<number> {
    this.assertOpen();
    if (keys.length === 0) return 0;
    return this.client.del(...keys.map((key) => this.keyPrefix + key));
  }

  async incr(key: string, ttlMs?: number): Promise<number> {
    this.assertOpen();
    checkTtl(ttlMs);
    const fullKey = this.keyPrefix + key;
    if (ttlMs === undefined) return this.client.incr(fullKey);
    let value: unknown;
    try {
      value = await this.client.evalsha(INCR_WITH_TTL_SHA, 1, fullKey, ttlMs);
    } catch (error) {
      // The script cache is empty after a restart or SCRIPT FLUSH: send the source once, which caches it again.
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      value = await this.client.eval(INCR_WITH_TTL, 1, fullKey, ttlMs);
    }
    if (typeof value !== 'number') throw new Error('unexpected INCR reply from Redis');
    return value;
  }

  async pttl(key: string): Promise<number> {
    this.assertOpen();
    return this.client.pttl(this.keyPrefix + key);
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.client.ping();
  }

  async publish(channel: string, message: string): Promise<void> {
    this.assertOpen();
    await this.client.publish(this.keyPrefix + channel, message);
  }

  async subscribe(channel: string, onMessage: MessageHandler): Promise<Unsubscribe> {
    this.assertOpen();
    const fullChannel = this.keyPrefix + channel;
    const subscriber = this.subscriberConnection();
    let state = this.channels.get(fullChannel);
    if (!state) {
      state = { handlers: new Set(), ready: subscriber.subscribe(fullChannel) };
      this.channels.set(fullChannel, state);
    }
    const current = state;
    // A handler of its own, so the same function subscribed twice is two subscriptions, as in-process.
    const handler: MessageHandler = (message) => onMessage(message);
    current.handlers.add(handler);
    const unsubscribe = async (): Promise<void> => {
      if (!current.handlers.delete(handler) || current.handlers.size > 0) return;
      if (this.channels.get(fullChannel) === current) this.channels.delete(fullChannel);
      if (!this.closed) await subscriber.unsubscribe(fullChannel);
    };
    try {
      await current.ready;
    } catch (error) {
      await unsubscribe().catch(() => undefined);
      throw error;
    }
    return unsubscribe;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Blocked reads would hold QUIT back until their timeout: cut those connections instead.
    for (const connection of this.blockingAll) connection.disconnect();
    this.blockingAll.clear();
    this.blockingIdle.length = 0;
    this.channels.clear();
    await Promise.all([this.subscriber, this.client].map((connection) => connection && IoRedisStore.shutDown(connection)));
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }

  /** QUIT lets queued replies arrive; a connection that is not up has nothing to wait for. */
  private static async shutDown(connection: Redis): Promise<void> {
    if (connection.status !== 'ready') {
      connection.disconnect();
      return;
    }
    try {
      await connection.quit();
    } catch {
      connection.disconnect();
    }
  }

  private subscriberConnection(): Redis {
    if (this.subscriber) return this.subscriber;
    const subscriber = this.watch(this.client.duplicate(), 'subscriber');
    subscriber.on('message', (channel: string, message: string) => {
      const state = this.channels.get(channel);
      if (!state) return;
      for (const handler of [...state.handlers]) {
        try {
          handler(message);
        } catch (error) {
          // One faulty subscriber must not stop delivery to the others.
          this.logger?.error({ err: error, channel: channel.slice(this.keyPrefix.length) }, 'redis subscriber threw');
        }
      }
    });
    this.subscriber = subscriber;
    return subscriber;
  }

  private async withBlockingConnection<T>(command: (connection: Redis) => Promise<T>): Promise<T> {
    const connection = this.blockingIdle.pop() ?? this.newBlockingConnection();
    try {
      return await command(connection);
    } finally {
      if (this.blockingAll.has(connection)) this.blockingIdle.push(connection);
    }
  }

  private newBlockingConnection(): Redis {
    const connection = this.watch(this.client.duplicate(), 'blocking');
    this.blockingAll.add(connection);
    return connection;
  }

  /** Logs an outage once when it starts and once when it ends, rather than on every reconnect attempt. */
  private watch(connection: Redis, role: string): Redis {
    let healthy = true;
    connection.on('error', (error: unknown) => {
      if (!healthy) return;
      healthy = false;
      this.logger?.warn({ err: error, role }, 'redis connection error');
    });
    connection.on('ready', () => {
      if (healthy) return;
      healthy = true;
      this.logger?.info({ role }, 'redis connection restored');
    });
    return connection;
  }
}
