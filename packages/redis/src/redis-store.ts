/**
 * The one Redis surface the platform uses. Two implementations pass the same contract suite
 * (`contract/redis-store.contract.ts`): {@link IoRedisStore} against a real server and
 * {@link InProcessRedisStore} for the embedded single-process default.
 *
 * Every key, stream and channel name passed to these methods is relative: the store prepends its
 * `keyPrefix` (default `cbp:`), so callers write `identity:session:<id>`, never `cbp:identity:…`.
 */

/** Options of {@link RedisStore.set}. */
export interface SetOptions {
  /** Expire the key after this many milliseconds (`PX`). A positive integer. Omitted: no expiry. */
  ttlMs?: number;
  /** Write only when the key does not exist (`NX`). */
  onlyIfAbsent?: boolean;
}

/** Options of {@link EventStreams.add}. */
export interface StreamAddOptions {
  /**
   * Approximate cap on the stream's length (`MAXLEN ~ n`): at least `maxLen` newest entries are
   * kept, older ones may be trimmed. Trimmed entries that were delivered but never acked are lost.
   */
  maxLen?: number;
}

/** Options of {@link EventStreams.readGroup}. */
export interface ReadGroupOptions {
  /** Most entries to return; a positive integer. */
  count: number;
  /** Wait up to this many ms for a new entry when none is available; 0 waits until one arrives (or close). Omitted: don't wait. */
  blockMs?: number;
}

/** One stream entry. */
export interface StreamEntry {
  /** `<ms>-<seq>`, strictly increasing within a stream. */
  id: string;
  fields: Record<string, string>;
}

/** State of one consumer group, as XINFO GROUPS reports it. */
export interface GroupInfo {
  /** Entries delivered to some consumer of the group and not yet acked. */
  pending: number;
  /** Entries in the stream not yet delivered to the group. */
  lag: number;
  /** Id of the last entry delivered to the group (`0-0` before the first). */
  lastDeliveredId: string;
}

/**
 * Redis streams with consumer groups: the event bus between the outbox relay and its consumers.
 * Delivery is at-least-once; consumers must be idempotent by event id.
 */
export interface EventStreams {
  /**
   * Appends an entry (`XADD stream [MAXLEN ~ n] * …`), creating the stream if needed.
   * @returns the new entry's id.
   * @throws RangeError when `fields` is empty or `maxLen` is not a positive integer; WRONGTYPE when the key is not a stream.
   */
  add(stream: string, fields: Record<string, string>, options?: StreamAddOptions): Promise<string>;
  /**
   * Creates consumer group `group` (`XGROUP CREATE … MKSTREAM`), creating an empty stream if needed.
   * Idempotent: an existing group is left untouched (its position is not moved).
   * @param startId `0` (default) delivers the whole stream, `$` only entries added from now on, or an explicit id.
   */
  ensureGroup(stream: string, group: string, startId?: string): Promise<void>;
  /**
   * Delivers entries never delivered to the group (`XREADGROUP … STREAMS stream >`), each to exactly one
   * consumer, and records them as pending for `consumer` until acked. With `blockMs`, waits for an add
   * when nothing is available; the wait does not hold up the store's other commands.
   * @returns the delivered entries, oldest first; empty when the wait timed out or the store was closed.
   * @throws an error starting with `NOGROUP` when the stream or the group does not exist.
   */
  readGroup(stream: string, group: string, consumer: string, options: ReadGroupOptions): Promise<StreamEntry[]>;
  /**
   * Re-reads `consumer`'s own pending entries (`XREADGROUP … STREAMS stream 0`), oldest first, to resume after
   * a crash. Side effects: each returned entry's delivery time is reset and its delivery count bumped; pending
   * entries whose stream entry was trimmed away are dropped from the pending list (as XAUTOCLAIM does).
   * @throws `NOGROUP` as {@link readGroup}.
   */
  readPending(stream: string, group: string, consumer: string, count: number): Promise<StreamEntry[]>;
  /**
   * Takes over entries pending for at least `minIdleMs` on any consumer (`XAUTOCLAIM … 0-0 COUNT count`), for
   * when a consumer died holding them. Side effect: claimed entries become `consumer`'s, with a fresh delivery time.
   * @throws `NOGROUP` as {@link readGroup}.
   */
  claimStale(stream: string, group: string, consumer: string, minIdleMs: number, count: number): Promise<StreamEntry[]>;
  /**
   * Acknowledges entries (`XACK`), removing them from the group's pending list.
   * @returns how many were pending (acking twice counts once).
   */
  ack(stream: string, group: string, ids: readonly string[]): Promise<number>;
  /** Pending count, lag and position of a group; `null` when the stream or the group does not exist. */
  groupInfo(stream: string, group: string): Promise<GroupInfo | null>;
  /** Number of entries in the stream (`XLEN`); 0 when it does not exist. */
  length(stream: string): Promise<number>;
}

/** Receives messages published on a subscribed channel. Exceptions are caught and logged. */
export type MessageHandler = (message: string) => void;

/** Stops one subscription; idempotent. */
export type Unsubscribe = () => Promise<void>;

/**
 * Key/value, counters, streams and pub/sub over Redis (or its in-process stand-in).
 * All methods reject after {@link close}, and reject with the server's error text (e.g. `WRONGTYPE …`)
 * when Redis would.
 */
export interface RedisStore {
  /** `redis` for a real server, `in-process` for the embedded stand-in; narrows to the implementation. */
  readonly kind: 'redis' | 'in-process';
  /** The prefix prepended to every key, stream and channel (e.g. `cbp:`). */
  readonly keyPrefix: string;
  /** The string at `key`, or `null` when missing or expired. */
  get(key: string): Promise<string | null>;
  /**
   * Writes `value` (`SET [PX ttl] [NX]`). Without `ttlMs` any previous expiry is cleared.
   * @returns false when `onlyIfAbsent` prevented the write, true otherwise.
   * @throws RangeError when `ttlMs` is not a positive integer.
   */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  /**
   * Atomically reads and deletes `key` (`GETDEL`): of many concurrent callers exactly one gets the value.
   * Use it to burn one-time values.
   */
  getDel(key: string): Promise<string | null>;
  /** Deletes keys of any type (streams included). @returns how many existed. */
  del(...keys: string[]): Promise<number>;
  /**
   * Atomically increments the integer at `key` (`INCR`); when the key did not exist and `ttlMs` is given,
   * it expires after `ttlMs` — in the same round trip, so a crash cannot leave a counter without expiry.
   * Later increments do not extend the expiry (fixed window).
   * @returns the new value.
   * @throws when the value is not an integer; RangeError when `ttlMs` is not a positive integer.
   */
  incr(key: string, ttlMs?: number): Promise<number>;
  /** Remaining time to live in ms; -1 when the key has no expiry, -2 when it does not exist (`PTTL`). */
  pttl(key: string): Promise<number>;
  /** Resolves when the server answers; rejects otherwise (used by readiness checks). */
  ping(): Promise<void>;
  /** Streams and consumer groups. */
  readonly streams: EventStreams;
  /** Publishes `message` on `channel` to current subscribers (fire-and-forget, no persistence). */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Calls `onMessage` for every message published on `channel` from the moment the returned promise resolves.
   * Delivery is asynchronous (never inside `publish`). Subscriptions survive reconnects, but messages published
   * while disconnected are lost: use pub/sub for cache invalidation hints, not for events.
   * @returns a function that ends this subscription.
   */
  subscribe(channel: string, onMessage: MessageHandler): Promise<Unsubscribe>;
  /**
   * Releases connections, timers and subscriptions; blocked `readGroup` calls resolve with `[]`.
   * Idempotent. For a shared in-process store, data live until the last holder closes.
   */
  close(): Promise<void>;
}

/** Minimal structured logger (a pino logger fits). */
export interface RedisLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The prefix used when none is given. */
export const DEFAULT_KEY_PREFIX = 'cbp:';
