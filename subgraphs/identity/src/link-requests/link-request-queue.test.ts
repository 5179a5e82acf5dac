// Link requests are answered before they are handled; none is lost: a request is removed only once handled, and
// one whose handling failed is handled again when its lease lapses.
import { describe, expect, it } from '@jest/globals';
import { InMemoryTables } from '../testing/in-memory-tables.js';
import { InMemoryLinkRequestStore } from './in-memory-link-request.store.js';
import { LinkRequestQueue } from './link-request-queue.js';
import type { LinkRequest } from './link-request-queue.js';

const meta = { requestId: 'r1', ip: '203.0.113.1', userAgent: 'test' };

describe('LinkRequestQueue', () => {
  it('hands each request to the handler once it is drained, oldest first, and removes it', async () => {
    const tables = new InMemoryTables();
    const handled: string[] = [];
    const queue = new LinkRequestQueue({
      store: new InMemoryLinkRequestStore(tables),
      clock: () => new Date(),
      handle: async (r: LinkRequest) => void handled.push(`${r.purpose} ${r.email}`),
      schedule: () => Promise.resolve(),
      onError: (err) => {
        throw err;
      },
    });
    await queue.enqueue('password_reset', 'a@example.test', meta);
    await queue.enqueue('email_verification', 'b@example.test', meta);
    expect(handled).toEqual([]);
    await queue.drain();
    expect(handled).toEqual(['password_reset a@example.test', 'email_verification b@example.test']);
    expect(tables.data.linkRequests.size).toBe(0);
  });

  it('keeps a request whose handling failed and hands it over again once its lease lapses', async () => {
    const tables = new InMemoryTables();
    let now = new Date('2026-12-04T12:00:00Z');
    let failures = 1;
    const handled: string[] = [];
    const errors: unknown[] = [];
    const queue = new LinkRequestQueue({
      store: new InMemoryLinkRequestStore(tables),
      clock: () => now,
      handle: async (r) => {
        if (failures-- > 0) throw new Error('database away');
        handled.push(r.email);
      },
      schedule: (run) => run(),
      onError: (err) => void errors.push(err),
    });
    await queue.enqueue('password_reset', 'a@example.test', meta);
    expect(errors).toHaveLength(1);
    await queue.drain();
    expect(handled).toEqual([]);
    now = new Date(now.getTime() + 61_000);
    await queue.drain();
    expect(handled).toEqual(['a@example.test']);
    expect(tables.data.linkRequests.size).toBe(0);
  });
});
