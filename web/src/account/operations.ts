import { graphql } from '../generated/gql';
import type {
  CreateInvitationMutation,
  MyInvitationsQuery,
  MySessionsQuery,
  ProfileQuery,
  SetupTotpMutation,
} from '../generated/gql/graphql';

// ----- profile (identity + analytics) -----

/** One query for the whole profile page: loginStats and riskEvents come from the analytics subgraph. */
export const PROFILE_QUERY = graphql(`
  query Profile {
    me {
      id
      email
      emailVerified
      createdAt
      roles
      totpEnabled
      locked
      loginStats {
        successCount
        failureCount
        lastLoginAt
        lastFailureAt
      }
      riskEvents(first: 5) {
        eventId
        occurredAt
        score
        reasons
        ip
        userAgent
      }
    }
  }
`);

// ----- two-factor authentication -----

// setupTotp and regenerateRecoveryCodes take the current password again (docs/design.md §9 (GraphQL contract)):
// a stolen session alone cannot enrol another authenticator or read new recovery codes.
// The 2FA mutations run with fetchPolicy 'no-cache' (see mfa/): their answers hold the secret and the recovery
// codes, which must live in component state only, never in the normalised cache.

export const SETUP_TOTP_MUTATION = graphql(`
  mutation SetupTotp($currentPassword: String!) {
    setupTotp(currentPassword: $currentPassword) {
      secret
      otpauthUrl
      qrCodeDataUrl
    }
  }
`);

export const ENABLE_TOTP_MUTATION = graphql(`
  mutation EnableTotp($code: String!) {
    enableTotp(code: $code) {
      enabled
      recoveryCodes
    }
  }
`);

export const DISABLE_TOTP_MUTATION = graphql(`
  mutation DisableTotp($password: String!, $code: String!) {
    disableTotp(password: $password, code: $code)
  }
`);

export const REGENERATE_RECOVERY_CODES_MUTATION = graphql(`
  mutation RegenerateRecoveryCodes($currentPassword: String!) {
    regenerateRecoveryCodes(currentPassword: $currentPassword)
  }
`);

// ----- password and email (each needs the current password again) -----

export const CHANGE_PASSWORD_MUTATION = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export const REQUEST_EMAIL_CHANGE_MUTATION = graphql(`
  mutation RequestEmailChange($currentPassword: String!, $newEmail: String!) {
    requestEmailChange(currentPassword: $currentPassword, newEmail: $newEmail)
  }
`);

// ----- sessions and devices -----

export const MY_SESSIONS_QUERY = graphql(`
  query MySessions {
    mySessions {
      id
      createdAt
      lastSeenAt
      expiresAt
      ip
      userAgent
      amr
      current
      device {
        id
        userAgent
        firstSeenAt
        lastSeenAt
        lastIp
      }
    }
    me {
      id
      devices {
        id
        userAgent
        firstSeenAt
        lastSeenAt
        lastIp
      }
    }
  }
`);

export const REVOKE_SESSION_MUTATION = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`);

export const LOGOUT_OTHERS_MUTATION = graphql(`
  mutation LogoutOthers {
    logoutOthers
  }
`);

// ----- invitations -----

export const MY_INVITATIONS_QUERY = graphql(`
  query MyInvitations {
    invitations(first: 50) {
      id
      email
      status
      createdAt
      expiresAt
      acceptedAt
      acceptedBy {
        id
        email
      }
    }
  }
`);

export const CREATE_INVITATION_MUTATION = graphql(`
  mutation CreateInvitation($email: String, $expiresInHours: Int) {
    createInvitation(email: $email, expiresInHours: $expiresInHours) {
      code
      link
      invitation {
        id
        email
        status
        createdAt
        expiresAt
      }
    }
  }
`);

// ----- the result shapes the pages pass around -----

export type Profile = NonNullable<ProfileQuery['me']>;
export type RiskEvent = Profile['riskEvents'][number];
export type TotpSetup = SetupTotpMutation['setupTotp'];
export type Session = MySessionsQuery['mySessions'][number];
export type Device = NonNullable<MySessionsQuery['me']>['devices'][number];
export type Invitation = MyInvitationsQuery['invitations'][number];
export type CreatedInvitation = CreateInvitationMutation['createInvitation'];
export type { InvitationStatus, LoginRiskReason } from '../generated/gql/graphql';
