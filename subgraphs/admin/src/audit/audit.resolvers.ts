import type { AuditChainReport as AuditChainReportType, Resolvers } from '../generated/graphql.js';
import type { AuditChainReport } from './audit-chain.js';

/** Sequence numbers are bigints in the database; GraphQL `Int` is 32-bit, so they travel as decimal strings. */
const seqText = (seq: number | null | undefined): string | null => (seq === null || seq === undefined ? null : String(seq));

function toChainReport(report: AuditChainReport): AuditChainReportType {
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

export const auditResolvers: Resolvers = {
  Query: {
    auditLog: (_root, args, ctx) => ctx.services.audit.list(ctx.identity, args.filter, args.first, args.after),
    verifyAuditChain: async (_root, _args, ctx) => toChainReport(await ctx.services.audit.verifyChain(ctx.identity)),
  },
  User: {
    // Admin does not own users; a reference is all it needs to hang the audit trail on.
    __resolveReference: (ref) => ({ id: ref.id }),
    auditTrail: (user, args, ctx) => ctx.services.audit.trailOf(ctx.identity, user.id, args.first),
  },
  AuditEntry: {
    seq: (entry) => String(entry.seq),
    occurredAt: (entry) => entry.occurredAt.toISOString(),
    recordedAt: (entry) => entry.recordedAt.toISOString(),
    actor: (entry) => (entry.actorId ? { __typename: 'User', id: entry.actorId } : null),
    subject: (entry) => (entry.subjectId ? { __typename: 'User', id: entry.subjectId } : null),
  },
};
