import type { GraphQLResolverMap } from '@cbp/service-kit';
import type { AdminContext } from '../context.js';
import type { AuditChainReport } from './audit-chain.js';
import type { AuditEntry } from './audit-entry.entity.js';
import type { AuditFilterInput } from './audit.service.js';

interface AuditLogArgs {
  filter?: AuditFilterInput | null;
  first: number;
  after?: string | null;
}

/** Sequence numbers are bigints in the database; GraphQL `Int` is 32-bit, so they travel as decimal strings. */
const seqText = (seq: number | null | undefined): string | null => (seq === null || seq === undefined ? null : String(seq));

function toChainReport(report: AuditChainReport) {
  return {
    ok: report.ok,
    checked: report.checked,
    firstBrokenSeq: seqText(report.firstBrokenSeq),
    problem: report.problem,
    reason: report.reason,
    headSeq: seqText(report.head?.seq),
    headHash: report.head?.hash ?? null,
  };
}

export const auditResolvers: GraphQLResolverMap<AdminContext> = {
  Query: {
    auditLog: (_root: unknown, args: AuditLogArgs, ctx: AdminContext) =>
      ctx.services.audit.list(ctx.identity, args.filter, args.first, args.after),
    verifyAuditChain: async (_root: unknown, _args: unknown, ctx: AdminContext) =>
      toChainReport(await ctx.services.audit.verifyChain(ctx.identity)),
  },
  User: {
    // Admin does not own users; a reference is all it needs to hang the audit trail on.
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    auditTrail: (user: { id: string }, args: { first: number }, ctx: AdminContext) =>
      ctx.services.audit.trailOf(ctx.identity, user.id, args.first),
  },
  AuditEntry: {
    seq: (entry: AuditEntry) => seqText(entry.seq),
    occurredAt: (entry: AuditEntry) => entry.occurredAt.toISOString(),
    recordedAt: (entry: AuditEntry) => entry.recordedAt.toISOString(),
    actor: (entry: AuditEntry) => (entry.actorId ? { __typename: 'User', id: entry.actorId } : null),
    subject: (entry: AuditEntry) => (entry.subjectId ? { __typename: 'User', id: entry.subjectId } : null),
  },
};
