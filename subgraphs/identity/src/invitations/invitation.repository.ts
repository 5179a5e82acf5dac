import type { EntityManager } from '@cbp/db';

export interface Invitation {
  id: string;
  codeHash: string;
  inviterId: string;
  emailNormalized: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedBy: string | null;
  acceptedAt: Date | null;
}

/** Invitations. `find*` returns null when absent. */
export interface InvitationRepository {
  create(invitation: Invitation): Promise<void>;
  /** The invitation with this code hash, locked FOR UPDATE for the rest of the transaction. */
  findByCodeHashForUpdate(codeHash: string): Promise<Invitation | null>;
  markAccepted(id: string, userId: string, at: Date): Promise<void>;
  /** Newest first; only `inviterId`'s when given. */
  list(inviterId: string | null, limit: number): Promise<Invitation[]>;
}

interface Row {
  id: string;
  code_hash: string;
  inviter_id: string;
  email_normalized: string | null;
  created_at: Date;
  expires_at: Date;
  accepted_by: string | null;
  accepted_at: Date | null;
}

const toInvitation = (r: Row): Invitation => ({
  id: r.id,
  codeHash: r.code_hash,
  inviterId: r.inviter_id,
  emailNormalized: r.email_normalized,
  createdAt: new Date(r.created_at),
  expiresAt: new Date(r.expires_at),
  acceptedBy: r.accepted_by,
  acceptedAt: r.accepted_at ? new Date(r.accepted_at) : null,
});

export class SqlInvitationRepository implements InvitationRepository {
  constructor(private readonly em: EntityManager) {}

  async create(i: Invitation): Promise<void> {
    await this.em.execute(
      'insert into identity.invitations (id, code_hash, inviter_id, email_normalized, created_at, expires_at) values (?, ?, ?, ?, ?, ?)',
      [i.id, i.codeHash, i.inviterId, i.emailNormalized, i.createdAt, i.expiresAt],
      'run',
    );
  }

  async findByCodeHashForUpdate(codeHash: string): Promise<Invitation | null> {
    const rows = await this.em.execute<Row[]>('select * from identity.invitations where code_hash = ? for update', [codeHash]);
    return rows[0] ? toInvitation(rows[0]) : null;
  }

  async markAccepted(id: string, userId: string, at: Date): Promise<void> {
    await this.em.execute('update identity.invitations set accepted_by = ?, accepted_at = ? where id = ?', [userId, at, id], 'run');
  }

  async list(inviterId: string | null, limit: number): Promise<Invitation[]> {
    const rows = inviterId
      ? await this.em.execute<Row[]>('select * from identity.invitations where inviter_id = ? order by created_at desc, id limit ?', [
          inviterId,
          limit,
        ])
      : await this.em.execute<Row[]>('select * from identity.invitations order by created_at desc, id limit ?', [limit]);
    return rows.map(toInvitation);
  }
}
