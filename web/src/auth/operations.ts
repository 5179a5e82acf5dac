import { graphql } from '../generated/gql';
import type { LoginMutation, ViewerQuery } from '../generated/gql/graphql';

export const VIEWER_QUERY = graphql(`
  query Viewer {
    me {
      id
      email
      emailVerified
      createdAt
      roles
      totpEnabled
    }
  }
`);

export const LOGIN_MUTATION = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      tokenType
      expiresIn
      refreshToken
      sessionId
    }
  }
`);

export const LOGOUT_MUTATION = graphql(`
  mutation Logout {
    logout
  }
`);

export const REGISTER_MUTATION = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      userId
    }
  }
`);

export const VERIFY_EMAIL_MUTATION = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      verified
    }
  }
`);

/** The link from the email-change message; no sign-in needed: the token is the proof. */
export const CONFIRM_EMAIL_CHANGE_MUTATION = graphql(`
  mutation ConfirmEmailChange($token: String!) {
    confirmEmailChange(token: $token) {
      email
    }
  }
`);

export const REQUEST_EMAIL_VERIFICATION_MUTATION = graphql(`
  mutation RequestEmailVerification($email: String!) {
    requestEmailVerification(email: $email)
  }
`);

export const REQUEST_PASSWORD_RESET_MUTATION = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export const RESET_PASSWORD_MUTATION = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`);

/** What login and refresh return (docs/design.md §9 (GraphQL contract)). In cookie mode `refreshToken` is always "". */
export type AuthPayload = LoginMutation['login'];

/** The signed-in user as the app shell sees it. */
export type Viewer = NonNullable<ViewerQuery['me']>;
