/**
 * The stable names of every event on the stream. A name never changes meaning; consumers (audit log, analytics)
 * match on these. `data` of each is documented beside it and never holds a secret.
 */
export const EVENT_TYPES = {
  /** data: { email, invitedBy? } */
  USER_REGISTERED: 'user.registered',
  /** data: {} */
  EMAIL_VERIFIED: 'user.email_verified',
  /** data: {} — a verification email was requested for a known account */
  EMAIL_VERIFICATION_REQUESTED: 'user.email_verification_requested',
  /** data: { sessionId, amr, deviceId, newDevice } */
  LOGIN_SUCCEEDED: 'auth.login.succeeded',
  /** data: { reason: INVALID_CREDENTIALS | EMAIL_NOT_VERIFIED | OTP_REQUIRED | INVALID_OTP | ACCOUNT_LOCKED, email? } */
  LOGIN_FAILED: 'auth.login.failed',
  /** data: { deviceId, sessionId } */
  LOGIN_NEW_DEVICE: 'login.new_device',
  /** data: { sessionId } */
  SESSION_REFRESHED: 'session.refreshed',
  /** data: { sessionId } — a rotated refresh token was presented again; the session was revoked */
  REFRESH_REUSE_DETECTED: 'session.refresh_reuse_detected',
  /** data: { sessionId, reason } */
  SESSION_REVOKED: 'session.revoked',
  /** data: { count, reason } */
  SESSIONS_REVOKED: 'session.revoked_all',
  /** data: {} */
  PASSWORD_RESET_REQUESTED: 'password.reset_requested',
  /** data: { revokedSessions } */
  PASSWORD_RESET: 'password.reset',
  /** data: { revokedSessions } — a signed-in user changed their password (re-authenticated); other sessions ended */
  PASSWORD_CHANGED: 'password.changed',
  /** data: { newEmailDomain } — a confirmation link was mailed to the new address, a notice to the old one */
  EMAIL_CHANGE_REQUESTED: 'user.email_change_requested',
  /** data: { previousEmailDomain, newEmailDomain } — the link was opened; the account's address is the new one */
  EMAIL_CHANGED: 'user.email_changed',
  /** data: {} */
  MFA_ENABLED: 'mfa.enabled',
  /** data: {} */
  MFA_DISABLED: 'mfa.disabled',
  /** data: { remaining } */
  RECOVERY_CODE_USED: 'mfa.recovery_code_used',
  /** data: { until, failures } */
  ACCOUNT_LOCKED: 'account.locked',
  /** data: {} */
  ACCOUNT_UNLOCKED: 'account.unlocked',
  /** data: { role } */
  ROLE_GRANTED: 'role.granted',
  /** data: { role } */
  ROLE_REVOKED: 'role.revoked',
  /** data: { kid, previousKid } */
  KEY_ROTATED: 'key.rotated',
  /** data: { invitationId, email? } */
  INVITATION_CREATED: 'invitation.created',
  /** data: { invitationId, inviterId } */
  INVITATION_ACCEPTED: 'invitation.accepted',
} as const;

export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];
