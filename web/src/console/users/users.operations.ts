import { gql } from '@apollo/client';
import type { TypedDocumentNode } from '@apollo/client';

/** Every role the platform knows (identity's seed); grantRole refuses any other with NOT_FOUND. */
export const ALL_ROLES = ['user', 'support', 'admin'] as const;

export interface AccountSummary {
  id: string;
  email: string;
  emailVerified: boolean;
  createdAt: string;
  roles: string[];
  locked: boolean;
  totpEnabled: boolean;
}

export interface UserFilter {
  verified?: boolean;
  totpEnabled?: boolean;
  locked?: boolean;
  role?: string;
}

export interface UsersVariables {
  search: string | null;
  filter: UserFilter;
  first: number;
  after: string | null;
}

export interface UsersData {
  users: {
    edges: { cursor: string; node: AccountSummary }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** The facts of an account that the users table and the user detail both show (AccountSummary). */
const ACCOUNT_SUMMARY_FRAGMENT = gql`
  fragment ConsoleAccountSummary on User {
    id
    email
    emailVerified
    createdAt
    roles
    locked
    totpEnabled
  }
`;

/** Accounts, oldest first. Needs users:read (admin, support). */
export const USERS_QUERY: TypedDocumentNode<UsersData, UsersVariables> = gql`
  query ConsoleUsers($search: String, $filter: UserFilter, $first: Int!, $after: String) {
    users(search: $search, filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...ConsoleAccountSummary
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${ACCOUNT_SUMMARY_FRAGMENT}
`;

export interface AccountSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  amr: string[];
}

export interface AuditTrailEntry {
  id: string;
  type: string;
  occurredAt: string;
  actorId: string | null;
  ip: string | null;
  details: unknown;
}

export interface LoginStats {
  successCount: number;
  failureCount: number;
  lastLoginAt: string | null;
}

export interface AccountDetail extends AccountSummary {
  sessions: AccountSession[];
  /** Present only when asked for (withLoginStats): it needs analytics:read, which support does not hold. */
  loginStats?: LoginStats;
  auditTrail: AuditTrailEntry[];
}

/**
 * One account with everything the console shows about it. loginStats is behind @include because analytics
 * refuses it without analytics:read, and a refused non-null field would null the whole user for support staff.
 */
export const USER_DETAIL_QUERY: TypedDocumentNode<{ user: AccountDetail | null }, { id: string; withLoginStats: boolean }> = gql`
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
  ${ACCOUNT_SUMMARY_FRAGMENT}
`;

interface RoleChangeVariables {
  userId: string;
  role: string;
}

export const GRANT_ROLE_MUTATION: TypedDocumentNode<{ grantRole: string[] }, RoleChangeVariables> = gql`
  mutation GrantRole($userId: ID!, $role: String!) {
    grantRole(userId: $userId, role: $role)
  }
`;

export const REVOKE_ROLE_MUTATION: TypedDocumentNode<{ revokeRole: string[] }, RoleChangeVariables> = gql`
  mutation RevokeRole($userId: ID!, $role: String!) {
    revokeRole(userId: $userId, role: $role)
  }
`;

type LockState = { id: string; locked: boolean };

export const LOCK_USER_MUTATION: TypedDocumentNode<{ lockUser: LockState }, { userId: string; reason: string }> = gql`
  mutation LockUser($userId: ID!, $reason: String!) {
    lockUser(userId: $userId, reason: $reason) {
      id
      locked
    }
  }
`;

export const UNLOCK_USER_MUTATION: TypedDocumentNode<{ unlockUser: LockState }, { userId: string }> = gql`
  mutation UnlockUser($userId: ID!) {
    unlockUser(userId: $userId) {
      id
      locked
    }
  }
`;

export const REVOKE_USER_SESSIONS_MUTATION: TypedDocumentNode<{ revokeUserSessions: number }, { userId: string }> = gql`
  mutation RevokeUserSessions($userId: ID!) {
    revokeUserSessions(userId: $userId)
  }
`;
