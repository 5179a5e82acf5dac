import type { InMemoryTables } from '../testing/in-memory-tables.js';
import { uniqueViolation } from '../testing/in-memory-tables.js';
import type { Invitation, InvitationRepository } from './invitation.repository.js';

const copy = (i: Invitation): Invitation => ({
  ...i,
  createdAt: new Date(i.createdAt),
  expiresAt: new Date(i.expiresAt),
  acceptedAt: i.acceptedAt ? new Date(i.acceptedAt) : null,
});

/** In-memory {@link InvitationRepository}; results are copies (the SQL one maps rows), and the code hash is unique. */
export class InMemoryInvitationRepository implements InvitationRepository {
  constructor(private readonly tables: InMemoryTables) {}

  async create(invitation: Invitation): Promise<void> {
    const { invitations } = this.tables.data;
    if (invitations.has(invitation.id)) throw uniqueViolation('invitations_pkey');
    if ([...invitations.values()].some((i) => i.codeHash === invitation.codeHash)) throw uniqueViolation('invitations_code_hash_key');
    // The insert names no acceptance columns: a new invitation is never accepted, whatever the object says.
    invitations.set(invitation.id, { ...copy(invitation), acceptedBy: null, acceptedAt: null });
  }

  async findByCodeHashForUpdate(codeHash: string): Promise<Invitation | null> {
    const found = [...this.tables.data.invitations.values()].find((i) => i.codeHash === codeHash);
    return found ? copy(found) : null;
  }

  async markAccepted(id: string, userId: string, at: Date): Promise<void> {
    const invitation = this.tables.data.invitations.get(id);
    if (!invitation) return;
    invitation.acceptedBy = userId;
    invitation.acceptedAt = new Date(at);
  }

  async list(inviterId: string | null, limit: number): Promise<Invitation[]> {
    return [...this.tables.data.invitations.values()]
      .filter((i) => inviterId === null || i.inviterId === inviterId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || byCodePoint(a.id, b.id))
      .slice(0, limit)
      .map(copy);
  }
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
