/**
 * A {@link RedisStore} that keeps its data in this process. It exists for the embedded default (`npm start`
 * without REDIS_URL, every service in one Node process) and for unit tests; it passes the same contract suite
 * as {@link IoRedisStore}. Data do not survive a restart.
 */
import { checkSet, checkTtl, closedError } from './command-args.js';
import { InProcessBackend, sharedBackend } from './in-process-backend.js';
import { InProcessEventStreams } from './in-process-streams.js';
import { DEFAULT_KEY_PREFIX } from './redis-store.js';
import type { Clock, Subscription } from './in-process-backend.js';
import type { MessageHandler, RedisLogger, RedisStore, SetOptions, Unsubscribe } from './redis-store.js';

/** Options of {@link InProcessRedisStore}. */
export interface InProcessRedisStoreOptions {
  /** Prepended to every key, stream and channel. Default `cbp:`. */
  keyPrefix?: string;
  /** Time source for TTLs, stream ids and pending-entry idle times (not for blocking-read timeouts). Default `Date.now`. */
  clock?: Clock;
  /** How often expired keys are swept; they also vanish lazily on access. Default 1000 ms. */
  sweepIntervalMs?: number;
  /** Receives exceptions thrown by subscribers. */
  logger?: RedisLogger;
}

const INTEGER_ERROR = 'ERR value is not an integer or out of range';
/** Redis integers are signed 64-bit; stay within what a JS number holds exactly. */
const INTEGER_TEXT = /^(0|-?[1-9]\d*)$/;

export class InProcessRedisStore implements RedisStore {
  readonly kind = 'in-process' as const;
  readonly keyPrefix: string;
  readonly streams: InProcessEventStreams;
  private readonly backend: InProcessBackend;
  private readonly logger: RedisLogger | undefined;
  private readonly closing = new AbortController();
  private readonly subscriptions = new Map<Subscription, string>();

  /**
   * A store over private data, or — with `backend` (internal, see {@link InProcessRedisStore.shared}) — a view
   * over data other stores hold too.
   */
  constructor(options: InProcessRedisStoreOptions = {}, backend?: InProcessBackend) {
    this.keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.logger = options.logger;
    this.backend = backend ?? new InProcessBackend(options);
    this.backend.retain();
    this.streams = new InProcessEventStreams({
      backend: this.backend,
      key: (name) => this.keyPrefix + name,
      assertOpen: () => this.assertOpen(),
      closing: this.closing.signal,
    });
  }

  /**
   * A store over the process-wide data registered under `name`, as `memory://<name>` gives: every store of
   * one name sees the same keys (within its own prefix). Each must be closed; the data are freed when the
   * last one is. `clock` and `sweepIntervalMs` are not configurable here.
   */
  static shared(name: string, options: Pick<InProcessRedisStoreOptions, 'keyPrefix' | 'logger'> = {}): InProcessRedisStore {
    return new InProcessRedisStore(options, sharedBackend(name));
  }

  async get(key: string): Promise<string | null> {
    this.assertOpen();
    return this.backend.string(this.keyPrefix + key)?.value ?? null;
  }

  async set(key: string, value: string, options?: SetOptions): Promise<boolean> {
    this.assertOpen();
    checkSet(options);
    const fullKey = this.keyPrefix + key;
    // NX looks at any type, as Redis does; a plain SET overwrites a stream too.
    if (options?.onlyIfAbsent && this.backend.lookup(fullKey) !== undefined) return false;
    const expiresAt = options?.ttlMs === undefined ? null : this.backend.clock() + options.ttlMs;
    this.backend.put(fullKey, { type: 'string', value, expiresAt });
    return true;
  }

  async getDel(key: string): Promise<string | null> {
    this.assertOpen();
    const fullKey = this.keyPrefix + key;
    const current = this.backend.string(fullKey);
    if (!current) return null;
    // Read and delete in one synchronous step: no other caller can observe the value in between.
    this.backend.delete(fullKey);
    return current.value;
  }

  async del(...keys: string[]): Promise<number> {
    this.assertOpen();
    let deleted = 0;
    for (const key of keys) if (this.backend.delete(this.keyPrefix + key)) deleted += 1;
    return deleted;
  }

  async incr(key: string, ttlMs?: number): Promise<number> {
    this.assertOpen();
    checkTtl(ttlMs);
    const fullKey = this.keyPrefix + key;
    const current = this.backend.string(fullKey);
    if (current && !INTEGER_TEXT.test(current.value)) throw new Error(INTEGER_ERROR);
    const next = (current ? Number(current.value) : 0) + 1;
    if (!Number.isSafeInteger(next)) throw new Error(INTEGER_ERROR);
    if (current) {
      current.value = String(next);
    } else {
      const expiresAt = ttlMs === undefined ? null : this.backend.clock() + ttlMs;
      this.backend.put(fullKey, { type: 'string', value: String(next), expiresAt });
    }
    return next;
  }

  async pttl(key: string): Promise<number> {
    this.assertOpen();
    const value = this.backend.lookup(this.keyPrefix + key);
    if (!value) return -2;
    if (value.type !== 'string' || value.expiresAt === null) return -1;
    return value.expiresAt - this.backend.clock();
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async publish(channel: string, message: string): Promise<void> {
    this.assertOpen();
    this.backend.publish(this.keyPrefix + channel, message);
  }

  async subscribe(channel: string, onMessage: MessageHandler): Promise<Unsubscribe> {
    this.assertOpen();
    const fullChannel = this.keyPrefix + channel;
    const subscription: Subscription = {
      active: true,
      deliver: (message) => {
        try {
          onMessage(message);
        } catch (error) {
          // One faulty subscriber must not stop delivery to the others.
          this.logger?.error({ err: error, channel }, 'redis subscriber threw');
        }
      },
    };
    this.backend.subscribe(fullChannel, subscription);
    this.subscriptions.set(subscription, fullChannel);
    return async () => {
      if (!this.subscriptions.delete(subscription)) return;
      this.backend.unsubscribe(fullChannel, subscription);
    };
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    for (const [subscription, channel] of this.subscriptions) this.backend.unsubscribe(channel, subscription);
    this.subscriptions.clear();
    this.backend.release();
  }

  private assertOpen(): void {
    if (this.closing.signal.aborted) throw closedError();
  }
}
