import { randomUUID } from 'node:crypto';
import type { RequestMeta } from '@cbp/service-kit';

export type LinkPurpose = 'email_verification' | 'password_reset';

/** A request for an emailed link, as the caller made it; whether the email has an account is not looked at yet. */
export interface LinkRequest {
  id: string;
  purpose: LinkPurpose;
  email: string;
  meta: RequestMeta;
  createdAt: Date;
}

/** Where link requests wait (`identity.link_requests`): durable, so an accepted request survives a restart. */
export interface LinkRequestStore {
  add(request: LinkRequest): Promise<void>;
  /** The oldest request nobody holds, leased to the caller until `now + leaseSeconds` (a crashed holder's lease lapses). */
  claim(now: Date, leaseSeconds: number): Promise<LinkRequest | null>;
  remove(id: string): Promise<void>;
}

export interface LinkRequestQueueDeps {
  store: LinkRequestStore;
  clock: () => Date;
  /** Issues the link when the email has an account that wants one (the service's own rules); may run twice. */
  handle: (request: LinkRequest) => Promise<void>;
  /** Runs the drain after the response (production: on the next turn of the event loop; tests: inline). */
  schedule: (run: () => Promise<void>) => Promise<void>;
  onError: (err: unknown) => void;
}

const LEASE_SECONDS = 60;

/**
 * Password-reset and verification link requests, answered without looking the email up: the request path only
 * stores the request (one insert, the same for every email) and the lookup, token and mail happen after the
 * response, so the response time does not tell which emails have an account (docs/design.md §7 (Rate limits,
 * lockout and GraphQL limits)). At least once: a request is removed only after it was handled.
 */
export class LinkRequestQueue {
  private draining: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: LinkRequestQueueDeps) {}

  async enqueue(purpose: LinkPurpose, email: string, meta: RequestMeta): Promise<void> {
    await this.deps.store.add({ id: randomUUID(), purpose, email, meta, createdAt: this.deps.clock() });
    await this.deps.schedule(() => this.drain());
  }

  /** Handles every waiting request (also those a previous process accepted and did not finish). */
  async drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.run().finally(() => {
      this.draining = null;
    });
    await this.draining;
  }

  /** Resolves when no drain is running (shutdown waits for the request in hand). */
  async idle(): Promise<void> {
    await this.draining;
  }

  private async run(): Promise<void> {
    try {
      do {
        this.again = false;
        for (;;) {
          const request = await this.deps.store.claim(this.deps.clock(), LEASE_SECONDS);
          if (!request) break;
          await this.deps.handle(request);
          await this.deps.store.remove(request.id);
        }
      } while (this.again);
    } catch (err) {
      // The request keeps its lease and is handled again once it lapses (next drain).
      this.deps.onError(err);
    }
  }
}
