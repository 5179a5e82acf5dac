import { gql } from '@apollo/client';
import type { TypedDocumentNode } from '@apollo/client';

/** What login and refresh return (DESIGN.md §6). In cookie mode `refreshToken` is always "". */
export interface AuthPayload {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  refreshToken: string;
  sessionId: string;
}

export interface Viewer {
  id: string;
  email: string;
  emailVerified: boolean;
  createdAt: string;
  roles: string[];
  totpEnabled: boolean;
}

export const VIEWER_QUERY: TypedDocumentNode<{ me: Viewer | null }, Record<string, never>> = gql`
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
`;

export interface LoginVariables {
  input: { email: string; password: string; otp?: string; recoveryCode?: string; deviceFingerprint?: string };
}

export const LOGIN_MUTATION: TypedDocumentNode<{ login: AuthPayload }, LoginVariables> = gql`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      tokenType
      expiresIn
      refreshToken
      sessionId
    }
  }
`;

export const LOGOUT_MUTATION: TypedDocumentNode<{ logout: boolean }, Record<string, never>> = gql`
  mutation Logout {
    logout
  }
`;

export const REGISTER_MUTATION: TypedDocumentNode<
  { register: { userId: string } },
  { input: { email: string; password: string; inviteCode?: string } }
> = gql`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      userId
    }
  }
`;

export const VERIFY_EMAIL_MUTATION: TypedDocumentNode<{ verifyEmail: { verified: boolean } }, { token: string }> = gql`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      verified
    }
  }
`;

export const REQUEST_EMAIL_VERIFICATION_MUTATION: TypedDocumentNode<{ requestEmailVerification: boolean }, { email: string }> = gql`
  mutation RequestEmailVerification($email: String!) {
    requestEmailVerification(email: $email)
  }
`;

export const REQUEST_PASSWORD_RESET_MUTATION: TypedDocumentNode<{ requestPasswordReset: boolean }, { email: string }> = gql`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`;

export const RESET_PASSWORD_MUTATION: TypedDocumentNode<{ resetPassword: boolean }, { token: string; newPassword: string }> = gql`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`;
