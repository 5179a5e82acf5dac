import { graphql } from '../../generated/gql';
import type { ConsoleAccountSummaryFragment } from '../../generated/gql/graphql';

/**
 * The facts of an account that the users table and the user detail both show. Their queries spread it by name;
 * codegen appends this definition to each of their documents.
 */
export const ACCOUNT_SUMMARY_FRAGMENT = graphql(`
  fragment ConsoleAccountSummary on User {
    id
    email
    emailVerified
    createdAt
    roles
    locked
    totpEnabled
  }
`);

export type AccountSummary = ConsoleAccountSummaryFragment;
