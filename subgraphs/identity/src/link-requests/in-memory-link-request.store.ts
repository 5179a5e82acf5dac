import type { InMemoryTables } from '../testing/in-memory-tables.js';
import type { LinkRequest, LinkRequestStore } from './link-request-queue.js';

/** In-memory {@link LinkRequestStore} (unit tests), with the same lease rule. */
export class InMemoryLinkRequestStore implements LinkRequestStore {
  constructor(private readonly tables: InMemoryTables) {}

  async add(r: LinkRequest): Promise<void> {
    this.tables.data.linkRequests.set(r.id, { request: structuredClone(r), claimedUntil: null });
  }

  async claim(now: Date, leaseSeconds: number): Promise<LinkRequest | null> {
    const free = [...this.tables.data.linkRequests.values()]
      .filter((row) => row.claimedUntil === null || row.claimedUntil.getTime() <= now.getTime())
      .sort((a, b) => a.request.createdAt.getTime() - b.request.createdAt.getTime())[0];
    if (!free) return null;
    free.claimedUntil = new Date(now.getTime() + leaseSeconds * 1000);
    return structuredClone(free.request);
  }

  async remove(id: string): Promise<void> {
    this.tables.data.linkRequests.delete(id);
  }
}
