import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserParent as UserParentModel } from '../users/user.parent.js';
import type { Session as SessionModel, Device as DeviceModel } from '../sessions/session.entity.js';
import type { InvitationView as InvitationViewModel } from '../invitations/invitation.service.js';
import type { IdentityContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC. */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** What login and refresh hand back. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  accessToken: Scalars['String']['output'];
  /** Seconds until the access token expires. */
  expiresIn: Scalars['Int']['output'];
  /** Opaque; rotated on every use. Presenting a rotated one ends the session. */
  refreshToken: Scalars['String']['output'];
  sessionId: Scalars['ID']['output'];
  tokenType: Scalars['String']['output'];
};

export type ConfirmEmailChangePayload = {
  __typename?: 'ConfirmEmailChangePayload';
  /** The account's address now (normalised). */
  email: Scalars['String']['output'];
};

export type CreateInvitationPayload = {
  __typename?: 'CreateInvitationPayload';
  /** Shown once; only its hash is stored. */
  code: Scalars['String']['output'];
  invitation: Invitation;
  /** ${PUBLIC_URL}/register?inviteCode=CODE */
  link: Scalars['String']['output'];
};

export type Device = {
  __typename?: 'Device';
  firstSeenAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lastIp?: Maybe<Scalars['String']['output']>;
  lastSeenAt: Scalars['DateTime']['output'];
  userAgent?: Maybe<Scalars['String']['output']>;
};

export type EnableTotpPayload = {
  __typename?: 'EnableTotpPayload';
  enabled: Scalars['Boolean']['output'];
  /** 10 single-use recovery codes, shown this once; only their hashes are stored. */
  recoveryCodes: Array<Scalars['String']['output']>;
};

/** An invitation, as its inviter (or a holder of invitations:read) sees it. The code is never shown again. */
export type Invitation = {
  __typename?: 'Invitation';
  acceptedAt?: Maybe<Scalars['DateTime']['output']>;
  acceptedBy?: Maybe<User>;
  createdAt: Scalars['DateTime']['output'];
  /** The address it is bound to, if any (normalised). */
  email?: Maybe<Scalars['String']['output']>;
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  invitedBy: User;
  status: InvitationStatus;
};

export type InvitationStatus =
  | 'ACCEPTED'
  | 'EXPIRED'
  | 'PENDING';

export type LoginInput = {
  deviceFingerprint?: InputMaybe<Scalars['String']['input']>;
  email: Scalars['String']['input'];
  otp?: InputMaybe<Scalars['String']['input']>;
  password: Scalars['String']['input'];
  recoveryCode?: InputMaybe<Scalars['String']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Sets a new password (the password policy applies: VALIDATION_FAILED); every other session ends and a notice is mailed. */
  changePassword: Scalars['Boolean']['output'];
  /** Applies an email change from its link (single use, expires). INVALID_TOKEN; EMAIL_IN_USE if the address was taken since. */
  confirmEmailChange: ConfirmEmailChangePayload;
  /** Creates an invitation (default expiry 7 days), optionally bound to and emailed to an address. */
  createInvitation: CreateInvitationPayload;
  /** Turns TOTP off; needs the password (a wrong one counts as a failed login) and a current code. Ends every other session. */
  disableTotp: Scalars['Boolean']['output'];
  /** Enables TOTP after a correct code; ends every other session. INVALID_OTP, MFA_SETUP_REQUIRED. */
  enableTotp: EnableTotpPayload;
  /** Grants a role (user, support, admin); returns the user's roles. */
  grantRole: Array<Scalars['String']['output']>;
  /** Locks an account until unlockUser: login answers ACCOUNT_LOCKED and every session ends now. */
  lockUser: User;
  login: AuthPayload;
  /** Ends the current session. */
  logout: Scalars['Boolean']['output'];
  /** Ends every session of the caller; returns how many. */
  logoutAll: Scalars['Int']['output'];
  /** Ends every session of the caller except the current one; returns how many. */
  logoutOthers: Scalars['Int']['output'];
  refreshSession: AuthPayload;
  /** Replaces the recovery codes with 10 new ones; needs the current password (a wrong one counts as a failed login). */
  regenerateRecoveryCodes: Array<Scalars['String']['output']>;
  /** Creates an unverified account and emails a verification link. */
  register: RegisterPayload;
  /**
   * Mails a confirmation link to newEmail and a notice to the current address; nothing changes until confirmEmailChange.
   * EMAIL_IN_USE when newEmail belongs to a verified account; VALIDATION_FAILED for a malformed or unchanged address.
   */
  requestEmailChange: Scalars['Boolean']['output'];
  /** Emails a fresh verification link if the address belongs to an unverified account. Always true. */
  requestEmailVerification: Scalars['Boolean']['output'];
  /** Emails a reset link if the address is known. Always true. */
  requestPasswordReset: Scalars['Boolean']['output'];
  /** Sets a new password from a reset link; every session of the user ends. */
  resetPassword: Scalars['Boolean']['output'];
  /** Revokes a role; you cannot revoke your own admin role (CONFLICT). Returns the user's roles. */
  revokeRole: Array<Scalars['String']['output']>;
  /** Ends one of the caller's sessions. */
  revokeSession: Scalars['Boolean']['output'];
  /** Ends every active session of a user; returns how many. */
  revokeUserSessions: Scalars['Int']['output'];
  /** Makes a new current signing key; the old one stays in the JWKS until its tokens expire. */
  rotateSigningKey: RotateKeyPayload;
  /**
   * Starts TOTP enrolment with a fresh secret (pending until enableTotp). Needs the current password: a wrong one
   * answers INVALID_CREDENTIALS and counts as a failed login for lockout. MFA_ALREADY_ENABLED when it is on.
   */
  setupTotp: TotpSetup;
  unlockUser: User;
  verifyEmail: VerifyEmailPayload;
};


export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


export type MutationConfirmEmailChangeArgs = {
  token: Scalars['String']['input'];
};


export type MutationCreateInvitationArgs = {
  email?: InputMaybe<Scalars['String']['input']>;
  expiresInHours?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationDisableTotpArgs = {
  code: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


export type MutationEnableTotpArgs = {
  code: Scalars['String']['input'];
};


export type MutationGrantRoleArgs = {
  role: Scalars['String']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationLockUserArgs = {
  reason: Scalars['String']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationLoginArgs = {
  input: LoginInput;
};


export type MutationRefreshSessionArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRegenerateRecoveryCodesArgs = {
  currentPassword: Scalars['String']['input'];
};


export type MutationRegisterArgs = {
  input: RegisterInput;
};


export type MutationRequestEmailChangeArgs = {
  currentPassword: Scalars['String']['input'];
  newEmail: Scalars['String']['input'];
};


export type MutationRequestEmailVerificationArgs = {
  email: Scalars['String']['input'];
};


export type MutationRequestPasswordResetArgs = {
  email: Scalars['String']['input'];
};


export type MutationResetPasswordArgs = {
  newPassword: Scalars['String']['input'];
  token: Scalars['String']['input'];
};


export type MutationRevokeRoleArgs = {
  role: Scalars['String']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationRevokeSessionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeUserSessionsArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationSetupTotpArgs = {
  currentPassword: Scalars['String']['input'];
};


export type MutationUnlockUserArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationVerifyEmailArgs = {
  token: Scalars['String']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** The caller's invitations, newest first; all: every invitation (needs invitations:read). */
  invitations: Array<Invitation>;
  /** The signed-in user, or null for an anonymous caller. */
  me?: Maybe<User>;
  /** The caller's active sessions, newest first. */
  mySessions: Array<Session>;
  /** One account by id (admin console's user detail); null when there is none. */
  user?: Maybe<User>;
  /** Accounts, oldest first, with cursor pagination on (createdAt, id). search: a substring of the email. first: 1..100. */
  users: UserConnection;
};


export type QueryInvitationsArgs = {
  all?: InputMaybe<Scalars['Boolean']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<UserFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};

export type RegisterInput = {
  email: Scalars['String']['input'];
  inviteCode?: InputMaybe<Scalars['String']['input']>;
  password: Scalars['String']['input'];
};

export type RegisterPayload = {
  __typename?: 'RegisterPayload';
  userId: Scalars['ID']['output'];
};

export type RotateKeyPayload = {
  __typename?: 'RotateKeyPayload';
  /** The key id of the new current signing key. */
  kid: Scalars['String']['output'];
};

/** A signed-in session, bound to the device and network it started from. */
export type Session = {
  __typename?: 'Session';
  /** Authentication methods used to start it: pwd, otp. */
  amr: Array<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** True for the session of the request that asks. */
  current: Scalars['Boolean']['output'];
  device?: Maybe<Device>;
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  ip?: Maybe<Scalars['String']['output']>;
  lastSeenAt: Scalars['DateTime']['output'];
  userAgent?: Maybe<Scalars['String']['output']>;
};

/** A signing key as the overview shows it; no key material. */
export type SigningKeyStatus = {
  __typename?: 'SigningKeyStatus';
  ageSeconds: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  kid: Scalars['ID']['output'];
  /** When a retired key leaves the JWKS (every token it signed has expired by then). */
  leavesJwksAt?: Maybe<Scalars['DateTime']['output']>;
  retiredAt?: Maybe<Scalars['DateTime']['output']>;
  /** current or retired */
  status: Scalars['String']['output'];
};

export type SystemOverview = {
  __typename?: 'SystemOverview';
  id: Scalars['ID']['output'];
  /** The current key and the retired keys still published in the JWKS. */
  signingKeys: Array<SigningKeyStatus>;
};

/** What setupTotp hands back: the secret three ways (text, otpauth:// URL, QR code). */
export type TotpSetup = {
  __typename?: 'TotpSetup';
  /** otpauth://totp/<issuer>:<email>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30 (Key Uri Format). */
  otpauthUrl: Scalars['String']['output'];
  /** data:image/png;base64,… of otpauthUrl. */
  qrCodeDataUrl: Scalars['String']['output'];
  /** Base32, 160 bits, for typing into an authenticator app by hand. */
  secret: Scalars['String']['output'];
};

export type User = {
  __typename?: 'User';
  createdAt: Scalars['DateTime']['output'];
  /** Devices the user signed in from. Visible to the user and to holders of users:read. */
  devices: Array<Device>;
  /** Visible to the user and to holders of users:read. */
  email: Scalars['String']['output'];
  emailVerified: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** True while locked by an operator (lockUser) or by the failed-login lockout. Visible to the user and to holders of users:read. */
  locked: Scalars['Boolean']['output'];
  /** Role names held now. Visible to the user and to holders of users:read. */
  roles: Array<Scalars['String']['output']>;
  /** Active sessions. Visible to the user and to holders of sessions:read. */
  sessions: Array<Session>;
  /** True once TOTP two-factor authentication is enabled. Visible to the user and to holders of users:read. */
  totpEnabled: Scalars['Boolean']['output'];
};

export type UserConnection = {
  __typename?: 'UserConnection';
  edges: Array<UserEdge>;
  pageInfo: UserPageInfo;
};

export type UserEdge = {
  __typename?: 'UserEdge';
  cursor: Scalars['String']['output'];
  node: User;
};

export type UserFilter = {
  /** Locked now: by an operator (lockUser) or by the failed-login lockout. */
  locked?: InputMaybe<Scalars['Boolean']['input']>;
  /** Holds this role. */
  role?: InputMaybe<Scalars['String']['input']>;
  /** Two-factor authentication enabled. */
  totpEnabled?: InputMaybe<Scalars['Boolean']['input']>;
  verified?: InputMaybe<Scalars['Boolean']['input']>;
};

export type UserPageInfo = {
  __typename?: 'UserPageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type VerifyEmailPayload = {
  __typename?: 'VerifyEmailPayload';
  verified: Scalars['Boolean']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  SystemOverview: SystemOverview;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  SystemOverview:
    ( { __typename: 'SystemOverview' }
    & GraphQLRecursivePick<FederationTypes['SystemOverview'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AuthPayload: ResolverTypeWrapper<AuthPayload>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ConfirmEmailChangePayload: ResolverTypeWrapper<ConfirmEmailChangePayload>;
  CreateInvitationPayload: ResolverTypeWrapper<Omit<CreateInvitationPayload, 'invitation'> & { invitation: ResolversTypes['Invitation'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Device: ResolverTypeWrapper<DeviceModel>;
  EnableTotpPayload: ResolverTypeWrapper<EnableTotpPayload>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Invitation: ResolverTypeWrapper<InvitationViewModel>;
  InvitationStatus: InvitationStatus;
  LoginInput: LoginInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterInput: RegisterInput;
  RegisterPayload: ResolverTypeWrapper<RegisterPayload>;
  RotateKeyPayload: ResolverTypeWrapper<RotateKeyPayload>;
  Session: ResolverTypeWrapper<SessionModel>;
  SigningKeyStatus: ResolverTypeWrapper<SigningKeyStatus>;
  SystemOverview: ResolverTypeWrapper<{ id: string }>;
  TotpSetup: ResolverTypeWrapper<TotpSetup>;
  User: ResolverTypeWrapper<UserParentModel>;
  UserConnection: ResolverTypeWrapper<Omit<UserConnection, 'edges'> & { edges: Array<ResolversTypes['UserEdge']> }>;
  UserEdge: ResolverTypeWrapper<Omit<UserEdge, 'node'> & { node: ResolversTypes['User'] }>;
  UserFilter: UserFilter;
  UserPageInfo: ResolverTypeWrapper<UserPageInfo>;
  VerifyEmailPayload: ResolverTypeWrapper<VerifyEmailPayload>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AuthPayload: AuthPayload;
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  ConfirmEmailChangePayload: ConfirmEmailChangePayload;
  CreateInvitationPayload: Omit<CreateInvitationPayload, 'invitation'> & { invitation: ResolversParentTypes['Invitation'] };
  DateTime: Scalars['DateTime']['output'];
  Device: DeviceModel;
  EnableTotpPayload: EnableTotpPayload;
  Boolean: Scalars['Boolean']['output'];
  Invitation: InvitationViewModel;
  LoginInput: LoginInput;
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  RegisterInput: RegisterInput;
  RegisterPayload: RegisterPayload;
  RotateKeyPayload: RotateKeyPayload;
  Session: SessionModel;
  SigningKeyStatus: SigningKeyStatus;
  SystemOverview: { id: string };
  TotpSetup: TotpSetup;
  User: UserParentModel;
  UserConnection: Omit<UserConnection, 'edges'> & { edges: Array<ResolversParentTypes['UserEdge']> };
  UserEdge: Omit<UserEdge, 'node'> & { node: ResolversParentTypes['User'] };
  UserFilter: UserFilter;
  UserPageInfo: UserPageInfo;
  VerifyEmailPayload: VerifyEmailPayload;
  String: Scalars['String']['output'];
};

export type RequireAuthDirectiveArgs = { };

export type RequireAuthDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = RequireAuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type RequireScopesDirectiveArgs = {
  scopes: Array<Scalars['String']['input']>;
};

export type RequireScopesDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = RequireScopesDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AuthPayloadResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = {
  accessToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresIn?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refreshToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  tokenType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ConfirmEmailChangePayloadResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['ConfirmEmailChangePayload'] = ResolversParentTypes['ConfirmEmailChangePayload']> = {
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CreateInvitationPayloadResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['CreateInvitationPayload'] = ResolversParentTypes['CreateInvitationPayload']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  invitation?: Resolver<ResolversTypes['Invitation'], ParentType, ContextType>;
  link?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeviceResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Device'] = ResolversParentTypes['Device']> = {
  firstSeenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastIp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastSeenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  userAgent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type EnableTotpPayloadResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['EnableTotpPayload'] = ResolversParentTypes['EnableTotpPayload']> = {
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  recoveryCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type InvitationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Invitation'] = ResolversParentTypes['Invitation']> = {
  acceptedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  acceptedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  invitedBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['InvitationStatus'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  changePassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationChangePasswordArgs, 'currentPassword' | 'newPassword'>>;
  confirmEmailChange?: Resolver<ResolversTypes['ConfirmEmailChangePayload'], ParentType, ContextType, RequireFields<MutationConfirmEmailChangeArgs, 'token'>>;
  createInvitation?: Resolver<ResolversTypes['CreateInvitationPayload'], ParentType, ContextType, Partial<MutationCreateInvitationArgs>>;
  disableTotp?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDisableTotpArgs, 'code' | 'password'>>;
  enableTotp?: Resolver<ResolversTypes['EnableTotpPayload'], ParentType, ContextType, RequireFields<MutationEnableTotpArgs, 'code'>>;
  grantRole?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType, RequireFields<MutationGrantRoleArgs, 'role' | 'userId'>>;
  lockUser?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationLockUserArgs, 'reason' | 'userId'>>;
  login?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationLoginArgs, 'input'>>;
  logout?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  logoutAll?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  logoutOthers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refreshSession?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRefreshSessionArgs, 'refreshToken'>>;
  regenerateRecoveryCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType, RequireFields<MutationRegenerateRecoveryCodesArgs, 'currentPassword'>>;
  register?: Resolver<ResolversTypes['RegisterPayload'], ParentType, ContextType, RequireFields<MutationRegisterArgs, 'input'>>;
  requestEmailChange?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRequestEmailChangeArgs, 'currentPassword' | 'newEmail'>>;
  requestEmailVerification?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRequestEmailVerificationArgs, 'email'>>;
  requestPasswordReset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRequestPasswordResetArgs, 'email'>>;
  resetPassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationResetPasswordArgs, 'newPassword' | 'token'>>;
  revokeRole?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType, RequireFields<MutationRevokeRoleArgs, 'role' | 'userId'>>;
  revokeSession?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRevokeSessionArgs, 'id'>>;
  revokeUserSessions?: Resolver<ResolversTypes['Int'], ParentType, ContextType, RequireFields<MutationRevokeUserSessionsArgs, 'userId'>>;
  rotateSigningKey?: Resolver<ResolversTypes['RotateKeyPayload'], ParentType, ContextType>;
  setupTotp?: Resolver<ResolversTypes['TotpSetup'], ParentType, ContextType, RequireFields<MutationSetupTotpArgs, 'currentPassword'>>;
  unlockUser?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationUnlockUserArgs, 'userId'>>;
  verifyEmail?: Resolver<ResolversTypes['VerifyEmailPayload'], ParentType, ContextType, RequireFields<MutationVerifyEmailArgs, 'token'>>;
};

export type QueryResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  invitations?: Resolver<Array<ResolversTypes['Invitation']>, ParentType, ContextType, RequireFields<QueryInvitationsArgs, 'all' | 'first'>>;
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  mySessions?: Resolver<Array<ResolversTypes['Session']>, ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserArgs, 'id'>>;
  users?: Resolver<ResolversTypes['UserConnection'], ParentType, ContextType, RequireFields<QueryUsersArgs, 'first'>>;
};

export type RegisterPayloadResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['RegisterPayload'] = ResolversParentTypes['RegisterPayload']> = {
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type RotateKeyPayloadResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['RotateKeyPayload'] = ResolversParentTypes['RotateKeyPayload']> = {
  kid?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SessionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Session'] = ResolversParentTypes['Session']> = {
  amr?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  current?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  device?: Resolver<Maybe<ResolversTypes['Device']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ip?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastSeenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  userAgent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SigningKeyStatusResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SigningKeyStatus'] = ResolversParentTypes['SigningKeyStatus']> = {
  ageSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  kid?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  leavesJwksAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  retiredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SystemOverviewResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SystemOverview'] = ResolversParentTypes['SystemOverview'], FederationReferenceType extends FederationReferenceTypes['SystemOverview'] = FederationReferenceTypes['SystemOverview']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['SystemOverview']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  signingKeys?: Resolver<Array<ResolversTypes['SigningKeyStatus']>, ParentType, ContextType>;
};

export type TotpSetupResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['TotpSetup'] = ResolversParentTypes['TotpSetup']> = {
  otpauthUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  qrCodeDataUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  devices?: Resolver<Array<ResolversTypes['Device']>, ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  emailVerified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  locked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  sessions?: Resolver<Array<ResolversTypes['Session']>, ParentType, ContextType>;
  totpEnabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type UserConnectionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['UserConnection'] = ResolversParentTypes['UserConnection']> = {
  edges?: Resolver<Array<ResolversTypes['UserEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['UserPageInfo'], ParentType, ContextType>;
};

export type UserEdgeResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['UserEdge'] = ResolversParentTypes['UserEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type UserPageInfoResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['UserPageInfo'] = ResolversParentTypes['UserPageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type VerifyEmailPayloadResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['VerifyEmailPayload'] = ResolversParentTypes['VerifyEmailPayload']> = {
  verified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type Resolvers<ContextType = IdentityContext> = {
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  ConfirmEmailChangePayload?: ConfirmEmailChangePayloadResolvers<ContextType>;
  CreateInvitationPayload?: CreateInvitationPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Device?: DeviceResolvers<ContextType>;
  EnableTotpPayload?: EnableTotpPayloadResolvers<ContextType>;
  Invitation?: InvitationResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RegisterPayload?: RegisterPayloadResolvers<ContextType>;
  RotateKeyPayload?: RotateKeyPayloadResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
  SigningKeyStatus?: SigningKeyStatusResolvers<ContextType>;
  SystemOverview?: SystemOverviewResolvers<ContextType>;
  TotpSetup?: TotpSetupResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserConnection?: UserConnectionResolvers<ContextType>;
  UserEdge?: UserEdgeResolvers<ContextType>;
  UserPageInfo?: UserPageInfoResolvers<ContextType>;
  VerifyEmailPayload?: VerifyEmailPayloadResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = IdentityContext> = {
  requireAuth?: RequireAuthDirectiveResolver<any, any, ContextType>;
  requireScopes?: RequireScopesDirectiveResolver<any, any, ContextType>;
};
