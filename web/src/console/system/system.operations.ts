import { graphql } from '../../generated/gql';
import type { ConsoleAnalyticsQuery, ConsoleSystemOverviewQuery } from '../../generated/gql/graphql';

/** The operator's overview (admin's components and consumers, identity's signing keys). Needs system:read. */
export const SYSTEM_OVERVIEW_QUERY = graphql(`
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
`);

export const ROTATE_SIGNING_KEY_MUTATION = graphql(`
  mutation RotateSigningKey {
    rotateSigningKey {
      kid
    }
  }
`);

/** Both analytics aggregates in one request. Needs analytics:read (admins). */
export const CONSOLE_ANALYTICS_QUERY = graphql(`
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
`);

// ----- the result shapes the page's cards take -----

type SystemOverview = ConsoleSystemOverviewQuery['systemOverview'];
export type ComponentHealth = SystemOverview['components'][number];
export type EventConsumerStatus = SystemOverview['eventConsumers'][number];
export type SigningKeyStatus = SystemOverview['signingKeys'][number];
export type DayCount = ConsoleAnalyticsQuery['signupsByDay'][number];
