import { graphql } from '../../generated/gql';
import type { ConsoleAuditLogQuery, VerifyAuditChainQuery } from '../../generated/gql/graphql';

/** The audit log, newest first. Needs audit:read (admin, support). */
export const AUDIT_LOG_QUERY = graphql(`
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
`);

export const VERIFY_AUDIT_CHAIN_QUERY = graphql(`
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
`);

// ----- the result shapes the page's parts pass around -----

export type AuditLogEntry = ConsoleAuditLogQuery['auditLog']['edges'][number]['node'];
export type AuditChainReport = VerifyAuditChainQuery['verifyAuditChain'];
export type { AuditChainProblem } from '../../generated/gql/graphql';
