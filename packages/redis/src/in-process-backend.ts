/**
 * The data behind one or more {@link InProcessRedisStore} views: a single keyspace (strings and streams,
 * like Redis, so DEL and type errors behave the same), expiry, blocked-reader wake-ups and pub/sub channels.
 * Keys here are already prefixed; the views apply the prefix.
 */
import type { StreamId } from './stream-id.js';

/** Milliseconds since the epoch. */
export type Clock = () => number;

export interface StringValue {
  type: 'string';
  value: string;
  /** Clock time at which the key stops existing; null for no expiry. */
  expiresAt: number | null;
}

export interface StoredEntry {
  id: StreamId;
  text: string;
  fields: Readonly<Record<string, string>>;
}

export interface PendingEntry {
  id: StreamId;
  consumer: string;
  deliveredAt: number;
  deliveryCount: number;
}

export interface ConsumerGroup {
  lastDelivered: StreamId;
  /** Keyed by id text; insertion order is id order because entries only join with ids above `lastDelivered`. */
  pending: Map<string, PendingEntry>;
  consumers: Set<string>;
}

export interface StreamValue {
  type: 'stream';
  /** Sorted by id. */
  entries: StoredEntry[];
  /** Highest id ever added; kept when entries are trimmed so new ids never go back. */
  lastId: StreamId;
  groups: Map<string, ConsumerGroup>;
}

export type KeyValue = StringValue | StreamValue;

/** A live subscription; `active` turns false on unsubscribe so queued deliveries are dropped. */
export interface Subscription {
  active: boolean;
  deliver(message: string): void;
}

export interface InProcessBackendOptions {
  clock?: Clock;
  /** How often expired keys are swept (they are also dropped lazily on access). Default 1000 ms. */
  sweepIntervalMs?: number;
}

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

export class InProcessBackend {
  readonly clock: Clock;
  private readonly keys = new Map<string, KeyValue>();
  private readonly channels = new Map<string, Set<Subscription>>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly sweepTimer: NodeJS.Timeout;
  private holders = 0;

  constructor(
    options: InProcessBackendOptions = {},
    private readonly onDispose: () => void = () => undefined,
  ) {
    this.clock = options.clock ?? Date.now;
    // unref: the sweep is housekeeping and must never keep the process alive on its own.
    this.sweepTimer = setInterval(() => this.sweep(), options.sweepIntervalMs ?? 1000);
    this.sweepTimer.unref();
  }

  /** Registers one more view holding this data. */
  retain(): void {
    this.holders += 1;
  }

  /** Drops one holder; the last one frees everything. */
  release(): void {
    this.holders -= 1;
    if (this.holders > 0) return;
    clearInterval(this.sweepTimer);
    this.keys.clear();
    this.channels.clear();
    this.onDispose();
  }

  /** The live value at `key`, dropping it first when it has expired (lazy expiry, as Redis does on access). */
  lookup(key: string): KeyValue | undefined {
    const value = this.keys.get(key);
    if (value?.type === 'string' && value.expiresAt !== null && value.expiresAt <= this.clock()) {
      this.keys.delete(key);
      return undefined;
    }
    return value;
  }

  /** @throws WRONGTYPE when `key` holds a stream. */
  string(key: string): StringValue | undefined {
    const value = this.lookup(key);
    if (value !== undefined && value.type !== 'string') throw new Error(WRONGTYPE);
    return value;
  }

  /** @throws WRONGTYPE when `key` holds a string. */
  stream(key: string): StreamValue | undefined {
    const value = this.lookup(key);
    if (value !== undefined && value.type !== 'stream') throw new Error(WRONGTYPE);
    return value;
  }

  put(key: string, value: KeyValue): void {
    this.keys.set(key, value);
  }

  delete(key: string): boolean {
    return this.lookup(key) !== undefined && this.keys.delete(key);
  }

  /** Wakes every reader blocked on `key`. */
  notifyAdd(key: string): void {
    const set = this.waiters.get(key);
    if (set) for (const wake of [...set]) wake();
  }

  /** Resolves on the next add to `key`, after `timeoutMs` (0: never times out), or when `signal` aborts. */
  waitForAdd(key: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) {
        resolve();
        return;
      }
      const set = this.waiters.get(key) ?? new Set<() => void>();
      this.waiters.set(key, set);
      const wake = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        set.delete(wake);
        if (set.size === 0 && this.waiters.get(key) === set) this.waiters.delete(key);
        resolve();
      };
      const timer = timeoutMs > 0 ? setTimeout(wake, timeoutMs) : undefined;
      set.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  subscribe(channel: string, subscription: Subscription): void {
    const set = this.channels.get(channel) ?? new Set<Subscription>();
    set.add(subscription);
    this.channels.set(channel, set);
  }

  unsubscribe(channel: string, subscription: Subscription): void {
    subscription.active = false;
    const set = this.channels.get(channel);
    set?.delete(subscription);
    if (set?.size === 0) this.channels.delete(channel);
  }

  /** Queues delivery to the current subscribers; like a network hop, it never runs inside the caller. */
  publish(channel: string, message: string): void {
    const set = this.channels.get(channel);
    if (!set) return;
    const recipients = [...set];
    setImmediate(() => {
      for (const subscription of recipients) if (subscription.active) subscription.deliver(message);
    });
  }

  private sweep(): void {
    const now = this.clock();
    for (const [key, value] of this.keys) {
      if (value.type === 'string' && value.expiresAt !== null && value.expiresAt <= now) this.keys.delete(key);
    }
  }
}

const shared = new Map<string, InProcessBackend>();

/**
 * The process-wide backend registered under `name` (created on first use), so that services running in one
 * process share data the way they would share a Redis server. It is freed when its last holder releases it.
 */
export function sharedBackend(name: string): InProcessBackend {
  const existing = shared.get(name);
  if (existing) return existing;
  const backend: InProcessBackend = new InProcessBackend({}, () => {
    if (shared.get(name) === backend) shared.delete(name);
  });
  shared.set(name, backend);
  return backend;
}
