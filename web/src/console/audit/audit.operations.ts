import { gql } from '@apollo/client';
import type { TypedDocumentNode } from '@apollo/client';

export interface AuditFilter {
  actorId?: string;
  subjectId?: string;
  type?: string;
  from?: string;
  to?: string;
}

export interface AuditLogVariables {
  filter: AuditFilter;
  first: number;
  after: string | null;
}

interface UserRef {
  id: string;
  email: string;
}

export interface AuditLogEntry {
  id: string;
  /** A decimal string: the chain position is a 64-bit integer. */
  seq: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actorId: string | null;
  actor: UserRef | null;
  subjectId: string | null;
  subject: UserRef | null;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
  hash: string;
}

export interface AuditLogData {
  auditLog: {
    edges: { cursor: string; node: AuditLogEntry }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** The audit log, newest first. Needs audit:read (admin, support). */
export const AUDIT_LOG_QUERY: TypedDocumentNode<AuditLogData, AuditLogVariables> = gql`
  query ConsoleAuditLog($filter: AuditFilter, $first: Int!, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          seq
          type
          occurredAt
          recordedAt
          actorId
          actor {
            id
            email
          }
          subjectId
          subject {
            id
            email
          }
          ip
          userAgent
          details
          hash
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export type AuditChainProblem = 'SEQ_GAP' | 'PREV_HASH_MISMATCH' | 'HASH_MISMATCH';

export interface AuditChainReport {
  ok: boolean;
  checked: number;
  firstBrokenSeq: string | null;
  problem: AuditChainProblem | null;
  reason: string | null;
  headSeq: string | null;
  headHash: string | null;
}

export const VERIFY_AUDIT_CHAIN_QUERY: TypedDocumentNode<{ verifyAuditChain: AuditChainReport }, Record<string, never>> = gql`
  query VerifyAuditChain {
    verifyAuditChain {
      ok
      checked
      firstBrokenSeq
      problem
      reason
      headSeq
      headHash
    }
  }
`;
