/**
 * {@link EventStreams} over ioredis. Replies of the stream commands are untyped in ioredis, so each is
 * checked here and turned into plain objects; a reply of an unexpected shape throws rather than being guessed at.
 */
import { checkAdd, checkClaim, checkCount, checkReadGroup } from './command-args.js';
import type { Redis } from 'ioredis';
import type { EventStreams, GroupInfo, ReadGroupOptions, StreamAddOptions, StreamEntry } from './redis-store.js';

/** What the streams need from the store that owns them. */
export interface IoStreamsContext {
  readonly client: Redis;
  /** Prefixes a stream name. */
  key(name: string): string;
  /** @throws when the store is closed. */
  assertOpen(): void;
  isClosed(): boolean;
  /** Runs `command` on a connection of its own, so a blocking read does not stall the shared one. */
  withBlockingConnection<T>(command: (connection: Redis) => Promise<T>): Promise<T>;
}

interface RawEntry {
  id: string;
  /** null for a pending entry whose stream entry was trimmed away. */
  fields: Record<string, string> | null;
}

function unexpected(command: string): Error {
  return new Error(`unexpected ${command} reply from Redis`);
}

function toFields(raw: unknown, command: string): Record<string, string> | null {
  if (raw === null) return null;
  if (!Array.isArray(raw) || raw.length % 2 !== 0) throw unexpected(command);
  const fields: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name: unknown = raw[i];
    const value: unknown = raw[i + 1];
    if (typeof name !== 'string' || typeof value !== 'string') throw unexpected(command);
    fields[name] = value;
  }
  return fields;
}

function toEntries(raw: unknown, command: string): RawEntry[] {
  if (!Array.isArray(raw)) throw unexpected(command);
  return raw.map((item: unknown) => {
    if (!Array.isArray(item) || typeof item[0] !== 'string') throw unexpected(command);
    return { id: item[0], fields: toFields(item[1], command) };
  });
}

/** XREADGROUP replies null (nothing, or timed out) or `[[stream, entries]]`. */
function toReadGroupEntries(raw: unknown): RawEntry[] {
  if (raw === null) return [];
  if (!Array.isArray(raw)) throw unexpected('XREADGROUP');
  const first: unknown = raw[0];
  if (first === undefined) return [];
  if (!Array.isArray(first)) throw unexpected('XREADGROUP');
  return toEntries(first[1], 'XREADGROUP');
}

function present(entries: RawEntry[]): StreamEntry[] {
  const result: StreamEntry[] = [];
  for (const { id, fields } of entries) if (fields) result.push({ id, fields });
  return result;
}

function toNumberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

export class IoRedisEventStreams implements EventStreams {
  constructor(private readonly context: IoStreamsContext) {}

  private get client(): Redis {
    return this.context.client;
  }

  async add(stream: string, fields: Record<string, string>, options?: StreamAddOptions): Promise<string> {
    this.context.assertOpen();
    checkAdd(fields, options);
    const trim = options?.maxLen === undefined ? [] : ['MAXLEN', '~', String(options.maxLen)];
    const id = await this.client.call('XADD', this.context.key(stream), ...trim, '*', ...Object.entries(fields).flat());
    if (typeof id !== 'string') throw unexpected('XADD');
    return id;
  }

  async ensureGroup(stream: string, group: string, startId = '0'): Promise<void> {
    this.context.assertOpen();
    try {
      await this.client.call('XGROUP', 'CREATE', this.context.key(stream), group, startId, 'MKSTREAM');
    } catch (error) {
      // The group already exists: exactly the state asked for.
      if (error instanceof Error && error.message.startsWith('BUSYGROUP')) return;
      throw error;
    }
  }

  async readGroup(stream: string, group: string, consumer: string, options: ReadGroupOptions): Promise<StreamEntry[]> {
    this.context.assertOpen();
    checkReadGroup(options);
    const head = ['GROUP', group, consumer, 'COUNT', String(options.count)];
    const tail = ['STREAMS', this.context.key(stream), '>'];
    if (options.blockMs === undefined) {
      return present(toReadGroupEntries(await this.client.call('XREADGROUP', ...head, ...tail)));
    }
    const block = ['BLOCK', String(options.blockMs)];
    try {
      const raw = await this.context.withBlockingConnection((connection) => connection.call('XREADGROUP', ...head, ...block, ...tail));
      return present(toReadGroupEntries(raw));
    } catch (error) {
      // close() cuts blocking connections; a read it interrupted ends empty, like a timeout.
      if (this.context.isClosed()) return [];
      throw error;
    }
  }

  async readPending(stream: string, group: string, consumer: string, count: number): Promise<StreamEntry[]> {
    this.context.assertOpen();
    checkCount(count);
    const raw = await this.client.call(
      'XREADGROUP',
      'GROUP',
      group,
      consumer,
      'COUNT',
      String(count),
      'STREAMS',
      this.context.key(stream),
      '0',
    );
    const entries = toReadGroupEntries(raw);
    // Entries trimmed before they were acked come back without fields; nothing can process them, so drop
    // them from the pending list as Redis 7 XAUTOCLAIM would.
    const gone = entries.filter((entry) => entry.fields === null).map((entry) => entry.id);
    if (gone.length > 0) await this.client.call('XACK', this.context.key(stream), group, ...gone);
    return present(entries);
  }

  async claimStale(stream: string, group: string, consumer: string, minIdleMs: number, count: number): Promise<StreamEntry[]> {
    this.context.assertOpen();
    checkClaim(minIdleMs, count);
    const raw = await this.client.call(
      'XAUTOCLAIM',
      this.context.key(stream),
      group,
      consumer,
      String(minIdleMs),
      '0-0',
      'COUNT',
      String(count),
    );
    // [next cursor, claimed entries, deleted ids (Redis 7+)]; Redis 6.2 lists trimmed entries as nil instead.
    if (!Array.isArray(raw)) throw unexpected('XAUTOCLAIM');
    const claimed: unknown = raw[1];
    if (!Array.isArray(claimed)) throw unexpected('XAUTOCLAIM');
    return present(
      toEntries(
        claimed.filter((item: unknown) => item !== null),
        'XAUTOCLAIM',
      ),
    );
  }

  async ack(stream: string, group: string, ids: readonly string[]): Promise<number> {
    this.context.assertOpen();
    if (ids.length === 0) return 0;
    const acked = await this.client.call('XACK', this.context.key(stream), group, ...ids);
    if (typeof acked !== 'number') throw unexpected('XACK');
    return acked;
  }

  async groupInfo(stream: string, group: string): Promise<GroupInfo | null> {
    this.context.assertOpen();
    const key = this.context.key(stream);
    let raw: unknown;
    try {
      raw = await this.client.call('XINFO', 'GROUPS', key);
    } catch (error) {
      if (error instanceof Error && error.message.includes('no such key')) return null;
      throw error;
    }
    if (!Array.isArray(raw)) throw unexpected('XINFO GROUPS');
    for (const item of raw) {
      if (!Array.isArray(item)) throw unexpected('XINFO GROUPS');
      const info = new Map<unknown, unknown>();
      for (let i = 0; i < item.length; i += 2) info.set(item[i], item[i + 1]);
      if (info.get('name') !== group) continue;
      const pending = toNumberOrNull(info.get('pending'));
      const lastDeliveredId = info.get('last-delivered-id');
      if (pending === null || typeof lastDeliveredId !== 'string') throw unexpected('XINFO GROUPS');
      // Redis reports lag as nil when it cannot derive it from counters (e.g. after XDEL); count instead.
      const lag = toNumberOrNull(info.get('lag')) ?? (await this.countAfter(key, lastDeliveredId));
      return { pending, lag, lastDeliveredId };
    }
    return null;
  }

  async length(stream: string): Promise<number> {
    this.context.assertOpen();
    return this.client.xlen(this.context.key(stream));
  }

  /** Number of entries with an id above `id`, read in pages. */
  private async countAfter(key: string, id: string): Promise<number> {
    let count = 0;
    let start = `(${id}`;
    for (;;) {
      const page = toEntries(await this.client.call('XRANGE', key, start, '+', 'COUNT', '1000'), 'XRANGE');
      count += page.length;
      const last = page.at(-1);
      if (!last || page.length < 1000) return count;
      start = `(${last.id}`;
    }
  }
}
