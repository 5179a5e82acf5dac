import { graphql } from '../../generated/gql';

/** Accounts, oldest first. Needs users:read (admin, support). */
export const USERS_QUERY = graphql(`
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
`);
