import { gql } from '@apollo/client';
import type { TypedDocumentNode } from '@apollo/client';

/** The operator's overview (admin's components and consumers, identity's signing keys). Needs system:read. */
export interface ComponentHealth {
  name: string;
  ok: boolean;
  detail: string | null;
}

export interface EventConsumerStatus {
  group: string;
  stream: string;
  pending: number | null;
  lag: number | null;
  detail: string | null;
}

export interface SigningKeyStatus {
  kid: string;
  status: string;
  createdAt: string;
  retiredAt: string | null;
  leavesJwksAt: string | null;
  ageSeconds: number;
}

export interface SystemOverview {
  id: string;
  ok: boolean;
  checkedAt: string;
  components: ComponentHealth[];
  eventConsumers: EventConsumerStatus[];
  signingKeys: SigningKeyStatus[];
}

export const SYSTEM_OVERVIEW_QUERY: TypedDocumentNode<{ systemOverview: SystemOverview }, Record<string, never>> = gql`
  query ConsoleSystemOverview {
    systemOverview {
      id
      ok
      checkedAt
      components {
        name
        ok
        detail
      }
      eventConsumers {
        group
        stream
        pending
        lag
        detail
      }
      signingKeys {
        kid
        status
        createdAt
        retiredAt
        leavesJwksAt
        ageSeconds
      }
    }
  }
`;

export const ROTATE_SIGNING_KEY_MUTATION: TypedDocumentNode<{ rotateSigningKey: { kid: string } }, Record<string, never>> = gql`
  mutation RotateSigningKey {
    rotateSigningKey {
      kid
    }
  }
`;

export interface AuthStats {
  from: string;
  to: string;
  registrations: number;
  loginsSucceeded: number;
  loginsFailed: number;
  lockouts: number;
  distinctUsers: number;
  failuresByReason: { reason: string; count: number }[];
}

export interface DayCount {
  day: string;
  count: number;
}

export interface AnalyticsRange {
  from: string;
  to: string;
}

/** Both analytics aggregates in one request. Needs analytics:read (admins). */
export const CONSOLE_ANALYTICS_QUERY: TypedDocumentNode<{ authStats: AuthStats; signupsByDay: DayCount[] }, AnalyticsRange> = gql`
  query ConsoleAnalytics($from: DateTime!, $to: DateTime!) {
    authStats(from: $from, to: $to) {
      from
      to
      registrations
      loginsSucceeded
      loginsFailed
      lockouts
      distinctUsers
      failuresByReason {
        reason
        count
      }
    }
    signupsByDay(from: $from, to: $to) {
      day
      count
    }
  }
`;
