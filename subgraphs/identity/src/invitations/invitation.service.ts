import { randomBytes, randomUUID } from 'node:crypto';
import { SCOPES } from '@cbp/contracts';
import { AppError, AUTH_ERRORS, COMMON_ERRORS } from '@cbp/errors';
import { EVENT_TYPES } from '@cbp/events';
import type { RequestIdentity, RequestMeta } from '@cbp/service-kit';
import type { Repositories, Transact } from '../unit-of-work/repositories.js';
import type { MailQueue } from '../mail/mail-queue.js';
import type { MailTemplates } from '../mail/templates.js';
import { invitationLink } from '../mail/templates.js';
import { normalizeEmail } from '../users/email-address.js';
import { sha256Hex } from '../tokens/secret-token.js';
import type { Invitation } from './invitation.repository.js';

export const DEFAULT_INVITATION_HOURS = 7 * 24;
const MAX_INVITATION_HOURS = 90 * 24;

export interface InvitationServiceDeps {
  transact: Transact<Pick<Repositories, 'invitations' | 'events'>>;
  mail: MailQueue;
  templates: MailTemplates;
  clock: () => Date;
  publicUrl: string;
  /** INVITATIONS_ADMIN_ONLY: only holders of `users:write` may invite. */
  adminOnly: boolean;
  onEventsRecorded: () => void;
}

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'EXPIRED';

/** An invitation as its inviter (or an admin) sees it: never the code. */
export interface InvitationView extends Invitation {
  status: InvitationStatus;
}

/** Invitations: create (the code is shown once), list, and redeem during registration. */
export class InvitationService {
  constructor(private readonly deps: InvitationServiceDeps) {}

  /**
   * Creates an invitation and returns its code once (only its SHA-256 is stored) with the registration link;
   * emails the link when bound to an address. 256 random bits.
   * @throws UNAUTHENTICATED, FORBIDDEN (INVITATIONS_ADMIN_ONLY without users:write), VALIDATION_FAILED.
   */
  async create(
    identity: RequestIdentity,
    input: { email?: string | null; expiresInHours?: number | null },
    meta: RequestMeta,
  ): Promise<{ invitation: InvitationView; code: string; link: string }> {
    if (identity.kind !== 'user') throw new AppError(COMMON_ERRORS.UNAUTHENTICATED);
    if (this.deps.adminOnly && !identity.scopes.includes(SCOPES.USERS_WRITE))
      throw new AppError(COMMON_ERRORS.FORBIDDEN, { message: 'Only administrators may invite.' });
    const hours = input.expiresInHours ?? DEFAULT_INVITATION_HOURS;
    if (!Number.isInteger(hours) || hours < 1 || hours > MAX_INVITATION_HOURS) {
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, {
        message: `expiresInHours must be from 1 to ${MAX_INVITATION_HOURS}.`,
        details: { field: 'expiresInHours' },
      });
    }
    const email = input.email?.trim() ? normalizeEmail(input.email.trim()) : null;
    const code = randomBytes(32).toString('base64url');
    const now = this.deps.clock();
    const invitation: Invitation = {
      id: randomUUID(),
      codeHash: sha256Hex(code),
      inviterId: identity.userId,
      emailNormalized: email,
      createdAt: now,
      expiresAt: new Date(now.getTime() + hours * 3600_000),
      acceptedBy: null,
      acceptedAt: null,
    };
    await this.deps.transact(async (tx) => {
      await tx.invitations.create(invitation);
      tx.events.record({
        type: EVENT_TYPES.INVITATION_CREATED,
        actorId: identity.userId,
        subjectId: null,
        meta,
        data: { invitationId: invitation.id, ...(email ? { email } : {}) },
      });
    });
    this.deps.onEventsRecorded();
    if (email) this.deps.mail.enqueue(this.deps.templates.invitation(email, { code, expiresAt: invitation.expiresAt }));
    return { invitation: this.view(invitation), code, link: invitationLink(this.deps.publicUrl, code) };
  }

  /** The caller's invitations; every invitation for holders of `invitations:read`. Newest first. */
  async list(identity: RequestIdentity, input: { all?: boolean | null; first?: number | null }): Promise<InvitationView[]> {
    if (identity.kind !== 'user') throw new AppError(COMMON_ERRORS.UNAUTHENTICATED);
    const limit = input.first ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'first must be from 1 to 100.', details: { field: 'first' } });
    if (input.all && !identity.scopes.includes(SCOPES.INVITATIONS_READ))
      throw new AppError(COMMON_ERRORS.FORBIDDEN, { details: { missingScopes: [SCOPES.INVITATIONS_READ] } });
    const rows = await this.deps.transact((tx) => tx.invitations.list(input.all ? null : identity.userId, limit));
    return rows.map((r) => this.view(r));
  }

  /**
   * Inside the registration transaction: checks the code (unknown, used, expired or bound to another email →
   * INVALID_INVITATION) and marks it accepted by `userId`. The row is locked, so a code can be used once even by
   * two registrations racing.
   */
  async redeemInTransaction(
    tx: Pick<Repositories, 'invitations' | 'events'>,
    rawCode: string,
    userId: string,
    email: string,
    now: Date,
    meta: RequestMeta,
  ): Promise<void> {
    const invalid = () => new AppError(AUTH_ERRORS.INVALID_INVITATION);
    if (rawCode.length < 16 || rawCode.length > 200) throw invalid();
    const invitation = await tx.invitations.findByCodeHashForUpdate(sha256Hex(rawCode));
    if (!invitation || invitation.acceptedAt !== null || invitation.expiresAt <= now) throw invalid();
    if (invitation.emailNormalized !== null && invitation.emailNormalized !== email) throw invalid();
    await tx.invitations.markAccepted(invitation.id, userId, now);
    tx.events.record({
      type: EVENT_TYPES.INVITATION_ACCEPTED,
      actorId: userId,
      subjectId: userId,
      meta,
      data: { invitationId: invitation.id, inviterId: invitation.inviterId },
    });
  }

  private view(i: Invitation): InvitationView {
    const status: InvitationStatus = i.acceptedAt ? 'ACCEPTED' : i.expiresAt <= this.deps.clock() ? 'EXPIRED' : 'PENDING';
    return { ...i, status };
  }
}
