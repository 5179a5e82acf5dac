import { gql } from '@apollo/client';
import type { TypedDocumentNode } from '@apollo/client';

type NoVariables = Record<string, never>;

// ----- profile (identity + analytics) -----

export type LoginRiskReason = 'NEW_DEVICE' | 'NEW_IP' | 'RECENT_FAILURES';

export interface RiskEvent {
  eventId: string;
  occurredAt: string;
  /** 0–100. */
  score: number;
  reasons: LoginRiskReason[];
  ip: string | null;
  userAgent: string | null;
}

export interface Profile {
  id: string;
  email: string;
  emailVerified: boolean;
  createdAt: string;
  roles: string[];
  totpEnabled: boolean;
  locked: boolean;
  loginStats: { successCount: number; failureCount: number; lastLoginAt: string | null; lastFailureAt: string | null };
  riskEvents: RiskEvent[];
}

/** One query for the whole profile page: loginStats and riskEvents come from the analytics subgraph. */
export const PROFILE_QUERY: TypedDocumentNode<{ me: Profile | null }, NoVariables> = gql`
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
`;

// ----- two-factor authentication -----

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

// The 2FA mutations run with fetchPolicy 'no-cache' (see mfa/): their answers hold the secret and the recovery
// codes, which must live in component state only, never in the normalised cache.

export const SETUP_TOTP_MUTATION: TypedDocumentNode<{ setupTotp: TotpSetup }, NoVariables> = gql`
  mutation SetupTotp {
    setupTotp {
      secret
      otpauthUrl
      qrCodeDataUrl
    }
  }
`;

export const ENABLE_TOTP_MUTATION: TypedDocumentNode<{ enableTotp: { enabled: boolean; recoveryCodes: string[] } }, { code: string }> = gql`
  mutation EnableTotp($code: String!) {
    enableTotp(code: $code) {
      enabled
      recoveryCodes
    }
  }
`;

export const DISABLE_TOTP_MUTATION: TypedDocumentNode<{ disableTotp: boolean }, { password: string; code: string }> = gql`
  mutation DisableTotp($password: String!, $code: String!) {
    disableTotp(password: $password, code: $code)
  }
`;

export const REGENERATE_RECOVERY_CODES_MUTATION: TypedDocumentNode<{ regenerateRecoveryCodes: string[] }, { code: string }> = gql`
  mutation RegenerateRecoveryCodes($code: String!) {
    regenerateRecoveryCodes(code: $code)
  }
`;

// ----- sessions and devices -----

export interface Device {
  id: string;
  userAgent: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  lastIp: string | null;
}

export interface Session {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  /** Authentication methods used to start it: pwd, otp. */
  amr: string[];
  current: boolean;
  device: Device | null;
}

export const MY_SESSIONS_QUERY: TypedDocumentNode<{ mySessions: Session[]; me: { id: string; devices: Device[] } | null }, NoVariables> =
  gql`
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
  `;

export const REVOKE_SESSION_MUTATION: TypedDocumentNode<{ revokeSession: boolean }, { id: string }> = gql`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`;

export const LOGOUT_OTHERS_MUTATION: TypedDocumentNode<{ logoutOthers: number }, NoVariables> = gql`
  mutation LogoutOthers {
    logoutOthers
  }
`;

// ----- invitations -----

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'EXPIRED';

export interface Invitation {
  id: string;
  email: string | null;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: { id: string; email: string } | null;
}

export const MY_INVITATIONS_QUERY: TypedDocumentNode<{ invitations: Invitation[] }, NoVariables> = gql`
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
`;

export interface CreatedInvitation {
  /** Shown once; only its hash is stored. */
  code: string;
  /** `${PUBLIC_URL}/register?inviteCode=CODE`. */
  link: string;
  invitation: Pick<Invitation, 'id' | 'email' | 'status' | 'createdAt' | 'expiresAt'>;
}

export const CREATE_INVITATION_MUTATION: TypedDocumentNode<
  { createInvitation: CreatedInvitation },
  { email: string | null; expiresInHours: number }
> = gql`
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
`;
