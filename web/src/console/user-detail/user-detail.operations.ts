import { graphql } from '../../generated/gql';
import type { ConsoleUserDetailQuery } from '../../generated/gql/graphql';

/**
 * One account with everything the console shows about it. loginStats is behind @include because analytics
 * refuses it without analytics:read, and a refused non-null field would null the whole user for support staff.
 */
export const USER_DETAIL_QUERY = graphql(`
  query ConsoleUserDetail($id: ID!, $withLoginStats: Boolean!) {
    user(id: $id) {
      ...ConsoleAccountSummary
      sessions {
        id
        createdAt
        lastSeenAt
        ip
        userAgent
        amr
      }
      loginStats @include(if: $withLoginStats) {
        successCount
        failureCount
        lastLoginAt
      }
      auditTrail(first: 20) {
        id
        type
        occurredAt
        actorId
        ip
        details
      }
    }
  }
`);

export const GRANT_ROLE_MUTATION = graphql(`
  mutation GrantRole($userId: ID!, $role: String!) {
    grantRole(userId: $userId, role: $role)
  }
`);

export const REVOKE_ROLE_MUTATION = graphql(`
  mutation RevokeRole($userId: ID!, $role: String!) {
    revokeRole(userId: $userId, role: $role)
  }
`);

export const LOCK_USER_MUTATION = graphql(`
  mutation LockUser($userId: ID!, $reason: String!) {
    lockUser(userId: $userId, reason: $reason) {
      id
      locked
    }
  }
`);

export const UNLOCK_USER_MUTATION = graphql(`
  mutation UnlockUser($userId: ID!) {
    unlockUser(userId: $userId) {
      id
      locked
    }
  }
`);

export const REVOKE_USER_SESSIONS_MUTATION = graphql(`
  mutation RevokeUserSessions($userId: ID!) {
    revokeUserSessions(userId: $userId)
  }
`);

/** The account the page shows; loginStats only when the query asked for it (withLoginStats). */
export type AccountDetail = NonNullable<ConsoleUserDetailQuery['user']>;
