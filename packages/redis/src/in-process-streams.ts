/**
 * Streams and consumer groups for {@link InProcessRedisStore}, following Redis semantics: ids `<ms>-<seq>`,
 * a per-group last-delivered id, a pending entries list (PEL) with owner, delivery time and count, XAUTOCLAIM
 * take-over, and blocking reads woken by XADD.
 */
import { checkAdd, checkClaim, checkCount, checkReadGroup } from './command-args.js';
import { compareStreamIds, formatStreamId, nextStreamId, parseStreamId, ZERO_ID } from './stream-id.js';
import type { ConsumerGroup, InProcessBackend, StoredEntry, StreamValue } from './in-process-backend.js';
import type { EventStreams, GroupInfo, ReadGroupOptions, StreamAddOptions, StreamEntry } from './redis-store.js';
import type { StreamId } from './stream-id.js';

/** What the streams need from the store view that owns them. */
export interface StreamsContext {
  readonly backend: InProcessBackend;
  /** Prefixes a stream name. */
  key(name: string): string;
  /** @throws when the store is closed. */
  assertOpen(): void;
  /** Aborts when the store closes, releasing blocked reads. */
  readonly closing: AbortSignal;
}

/** Index of the first entry whose id is greater than `id` (entries are sorted). */
function firstIndexAfter(entries: readonly StoredEntry[], id: StreamId): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const entry = entries[middle];
    if (entry && compareStreamIds(entry.id, id) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function findEntry(entries: readonly StoredEntry[], id: StreamId): StoredEntry | undefined {
  const entry = entries[firstIndexAfter(entries, id) - 1];
  return entry && compareStreamIds(entry.id, id) === 0 ? entry : undefined;
}

/** Callers get their own copy, so mutating a returned entry cannot change the stream. */
function toEntry(entry: StoredEntry): StreamEntry {
  return { id: entry.text, fields: { ...entry.fields } };
}

function emptyStream(): StreamValue {
  return { type: 'stream', entries: [], lastId: ZERO_ID, groups: new Map() };
}

export class InProcessEventStreams implements EventStreams {
  constructor(private readonly context: StreamsContext) {}

  private get backend(): InProcessBackend {
    return this.context.backend;
  }

  async add(stream: string, fields: Record<string, string>, options?: StreamAddOptions): Promise<string> {
    this.context.assertOpen();
    checkAdd(fields, options);
    const key = this.context.key(stream);
    const value = this.backend.stream(key) ?? emptyStream();
    this.backend.put(key, value);
    const id = nextStreamId(value.lastId, this.backend.clock());
    value.lastId = id;
    const text = formatStreamId(id);
    value.entries.push({ id, text, fields: Object.freeze({ ...fields }) });
    if (options?.maxLen !== undefined && value.entries.length > options.maxLen) {
      // Exact trimming is a valid outcome of `MAXLEN ~`: at least maxLen entries remain.
      value.entries.splice(0, value.entries.length - options.maxLen);
    }
    this.backend.notifyAdd(key);
    return text;
  }

  async ensureGroup(stream: string, group: string, startId = '0'): Promise<void> {
    this.context.assertOpen();
    const start = startId === '$' ? null : parseStreamId(startId);
    const key = this.context.key(stream);
    const value = this.backend.stream(key) ?? emptyStream();
    this.backend.put(key, value);
    if (value.groups.has(group)) return;
    value.groups.set(group, { lastDelivered: start ?? value.lastId, pending: new Map(), consumers: new Set() });
  }

  async readGroup(stream: string, group: string, consumer: string, options: ReadGroupOptions): Promise<StreamEntry[]> {
    this.context.assertOpen();
    checkReadGroup(options);
    const key = this.context.key(stream);
    const { blockMs } = options;
    const deadline = blockMs === undefined ? null : blockMs === 0 ? Infinity : performance.now() + blockMs;
    for (;;) {
      const delivered = this.deliverNew(key, group, consumer, options.count);
      if (delivered.length > 0 || deadline === null) return delivered;
      // Woken readers race for the new entries; one that loses keeps waiting, as a blocked XREADGROUP does in Redis 7.
      const remaining = deadline - performance.now();
      if (remaining <= 0 || this.context.closing.aborted) return [];
      await this.backend.waitForAdd(key, remaining === Infinity ? 0 : Math.ceil(remaining), this.context.closing);
      if (this.context.closing.aborted) return [];
    }
  }

  async readPending(stream: string, group: string, consumer: string, count: number): Promise<StreamEntry[]> {
    this.context.assertOpen();
    checkCount(count);
    const { value, consumerGroup } = this.group(stream, group);
    consumerGroup.consumers.add(consumer);
    const now = this.backend.clock();
    const result: StreamEntry[] = [];
    let scanned = 0;
    for (const [text, pending] of consumerGroup.pending) {
      if (scanned >= count) break;
      if (pending.consumer !== consumer) continue;
      scanned += 1;
      const entry = findEntry(value.entries, pending.id);
      if (!entry) {
        // Trimmed before it was acked: nothing left to process, so it leaves the PEL (Redis 7 XAUTOCLAIM does the same).
        consumerGroup.pending.delete(text);
        continue;
      }
      pending.deliveredAt = now;
      pending.deliveryCount += 1;
      result.push(toEntry(entry));
    }
    return result;
  }

  async claimStale(stream: string, group: string, consumer: string, minIdleMs: number, count: number): Promise<StreamEntry[]> {
    this.context.assertOpen();
    checkClaim(minIdleMs, count);
    const { value, consumerGroup } = this.group(stream, group);
    consumerGroup.consumers.add(consumer);
    const now = this.backend.clock();
    const result: StreamEntry[] = [];
    // Like XAUTOCLAIM, look at no more than count * 10 PEL entries per call.
    let attempts = count * 10;
    for (const [text, pending] of consumerGroup.pending) {
      if (result.length >= count || attempts <= 0) break;
      attempts -= 1;
      const entry = findEntry(value.entries, pending.id);
      if (!entry) {
        consumerGroup.pending.delete(text);
        continue;
      }
      if (now - pending.deliveredAt < minIdleMs) continue;
      pending.consumer = consumer;
      pending.deliveredAt = now;
      pending.deliveryCount += 1;
      result.push(toEntry(entry));
    }
    return result;
  }

  async ack(stream: string, group: string, ids: readonly string[]): Promise<number> {
    this.context.assertOpen();
    if (ids.length === 0) return 0;
    const canonical = ids.map((id) => formatStreamId(parseStreamId(id)));
    const consumerGroup = this.backend.stream(this.context.key(stream))?.groups.get(group);
    if (!consumerGroup) return 0;
    let acked = 0;
    for (const id of canonical) if (consumerGroup.pending.delete(id)) acked += 1;
    return acked;
  }

  async groupInfo(stream: string, group: string): Promise<GroupInfo | null> {
    this.context.assertOpen();
    const value = this.backend.stream(this.context.key(stream));
    const consumerGroup = value?.groups.get(group);
    if (!value || !consumerGroup) return null;
    return {
      pending: consumerGroup.pending.size,
      lag: value.entries.length - firstIndexAfter(value.entries, consumerGroup.lastDelivered),
      lastDeliveredId: formatStreamId(consumerGroup.lastDelivered),
    };
  }

  async length(stream: string): Promise<number> {
    this.context.assertOpen();
    return this.backend.stream(this.context.key(stream))?.entries.length ?? 0;
  }

  /** XREADGROUP `>`: the next `count` entries after the group's position, now pending for `consumer`. */
  private deliverNew(key: string, group: string, consumer: string, count: number): StreamEntry[] {
    const { value, consumerGroup } = this.groupAt(key, group);
    consumerGroup.consumers.add(consumer);
    const start = firstIndexAfter(value.entries, consumerGroup.lastDelivered);
    const batch = value.entries.slice(start, start + count);
    const now = this.backend.clock();
    for (const entry of batch) {
      consumerGroup.pending.set(entry.text, { id: entry.id, consumer, deliveredAt: now, deliveryCount: 1 });
      consumerGroup.lastDelivered = entry.id;
    }
    return batch.map(toEntry);
  }

  private group(stream: string, group: string): { value: StreamValue; consumerGroup: ConsumerGroup } {
    return this.groupAt(this.context.key(stream), group);
  }

  /** @throws NOGROUP, worded as Redis words it, when the stream or the group is missing. */
  private groupAt(key: string, group: string): { value: StreamValue; consumerGroup: ConsumerGroup } {
    const value = this.backend.stream(key);
    const consumerGroup = value?.groups.get(group);
    if (!value || !consumerGroup) {
      throw new Error(`NOGROUP No such key '${key}' or consumer group '${group}' in XREADGROUP with GROUP option`);
    }
    return { value, consumerGroup };
  }
}
