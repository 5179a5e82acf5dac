import type { MikroORM } from '@cbp/db';
import type { LinkPurpose, LinkRequest, LinkRequestStore } from './link-request-queue.js';

interface Row {
  id: string;
  purpose: LinkPurpose;
  email_normalized: string;
  request_id: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Date | string;
}

const toRequest = (row: Row): LinkRequest => ({
  id: row.id,
  purpose: row.purpose,
  email: row.email_normalized,
  meta: { requestId: row.request_id, ip: row.ip, userAgent: row.user_agent },
  createdAt: new Date(row.created_at),
});

/** {@link LinkRequestStore} over `identity.link_requests`; each call is its own statement (autocommit). */
export class SqlLinkRequestStore implements LinkRequestStore {
  constructor(private readonly orm: MikroORM) {}

  async add(r: LinkRequest): Promise<void> {
    await this.orm.em
      .fork()
      .execute(
        'insert into "identity"."link_requests" ("id", "purpose", "email_normalized", "request_id", "ip", "user_agent", "created_at") values (?, ?, ?, ?, ?, ?, ?)',
        [r.id, r.purpose, r.email, r.meta.requestId, r.meta.ip, r.meta.userAgent, r.createdAt],
        'run',
      );
  }

  async claim(now: Date, leaseSeconds: number): Promise<LinkRequest | null> {
    const rows = await this.orm.em.fork().execute<Row[]>(
      `update "identity"."link_requests" set "claimed_until" = ? where "id" = (
         select "id" from "identity"."link_requests" where "claimed_until" is null or "claimed_until" <= ?
         order by "created_at" limit 1 for update skip locked)
       returning "id", "purpose", "email_normalized", "request_id", "ip", "user_agent", "created_at"`,
      [new Date(now.getTime() + leaseSeconds * 1000), now],
    );
    return rows[0] ? toRequest(rows[0]) : null;
  }

  async remove(id: string): Promise<void> {
    await this.orm.em.fork().execute('delete from "identity"."link_requests" where "id" = ?', [id], 'run');
  }
}
