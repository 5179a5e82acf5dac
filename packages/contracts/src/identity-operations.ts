/*
 * The names of identity's mutations, arguments and input fields that other services write into GraphQL
 * documents or read out of them (the gateway's rate-limit rules, its refresh cookie, its REST twins). One list,
 * checked against identity's schema by a unit test, so a renamed field breaks a test instead of a budget.
 */

/** Root mutations of identity that other services call or watch. */
export const IDENTITY_MUTATIONS = {
  REGISTER: 'register',
  REQUEST_EMAIL_VERIFICATION: 'requestEmailVerification',
  VERIFY_EMAIL: 'verifyEmail',
  LOGIN: 'login',
  REFRESH_SESSION: 'refreshSession',
  LOGOUT: 'logout',
  LOGOUT_ALL: 'logoutAll',
  REQUEST_PASSWORD_RESET: 'requestPasswordReset',
  RESET_PASSWORD: 'resetPassword',
  SETUP_TOTP: 'setupTotp',
  ENABLE_TOTP: 'enableTotp',
  DISABLE_TOTP: 'disableTotp',
  REGENERATE_RECOVERY_CODES: 'regenerateRecoveryCodes',
  CHANGE_PASSWORD: 'changePassword',
  REQUEST_EMAIL_CHANGE: 'requestEmailChange',
  CONFIRM_EMAIL_CHANGE: 'confirmEmailChange',
  CREATE_INVITATION: 'createInvitation',
} as const;

export type IdentityMutation = (typeof IDENTITY_MUTATIONS)[keyof typeof IDENTITY_MUTATIONS];

/** Argument names of those mutations. */
export const IDENTITY_ARGUMENTS = {
  INPUT: 'input',
  EMAIL: 'email',
  TOKEN: 'token',
  REFRESH_TOKEN: 'refreshToken',
  NEW_PASSWORD: 'newPassword',
  PASSWORD: 'password',
  CODE: 'code',
  CURRENT_PASSWORD: 'currentPassword',
  NEW_EMAIL: 'newEmail',
} as const;

const A = IDENTITY_ARGUMENTS;

/** Every argument each mutation takes, with its GraphQL type: what a document calling it declares. */
export const IDENTITY_MUTATION_ARGUMENTS = {
  register: { [A.INPUT]: 'RegisterInput!' },
  requestEmailVerification: { [A.EMAIL]: 'String!' },
  verifyEmail: { [A.TOKEN]: 'String!' },
  login: { [A.INPUT]: 'LoginInput!' },
  refreshSession: { [A.REFRESH_TOKEN]: 'String!' },
  logout: {},
  logoutAll: {},
  requestPasswordReset: { [A.EMAIL]: 'String!' },
  resetPassword: { [A.TOKEN]: 'String!', [A.NEW_PASSWORD]: 'String!' },
  setupTotp: { [A.CURRENT_PASSWORD]: 'String!' },
  enableTotp: { [A.CODE]: 'String!' },
  disableTotp: { [A.PASSWORD]: 'String!', [A.CODE]: 'String!' },
  regenerateRecoveryCodes: { [A.CURRENT_PASSWORD]: 'String!' },
  changePassword: { [A.CURRENT_PASSWORD]: 'String!', [A.NEW_PASSWORD]: 'String!' },
  requestEmailChange: { [A.CURRENT_PASSWORD]: 'String!', [A.NEW_EMAIL]: 'String!' },
  confirmEmailChange: { [A.TOKEN]: 'String!' },
  createInvitation: { [A.EMAIL]: 'String', expiresInHours: 'Int' },
} as const satisfies Readonly<Record<IdentityMutation, Readonly<Record<string, string>>>>;

/** Fields of `LoginInput`, the `input` of `login`. */
export const LOGIN_INPUT_FIELDS = {
  EMAIL: 'email',
  PASSWORD: 'password',
  OTP: 'otp',
  RECOVERY_CODE: 'recoveryCode',
  DEVICE_FINGERPRINT: 'deviceFingerprint',
} as const;

/** Fields of `RegisterInput`, the `input` of `register`. */
export const REGISTER_INPUT_FIELDS = {
  EMAIL: 'email',
  PASSWORD: 'password',
  INVITE_CODE: 'inviteCode',
} as const;

/** The field of `login`'s and `refreshSession`'s payload that carries the refresh token. */
export const AUTH_PAYLOAD_REFRESH_TOKEN = 'refreshToken';
