import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { AnalyticsContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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

/** Totals over from ≤ occurredAt < to. */
export type AuthStats = {
  __typename?: 'AuthStats';
  /** Distinct users with at least one successful login. */
  distinctUsers: Scalars['Int']['output'];
  /** Failed logins by reason, most frequent first. */
  failuresByReason: Array<FailureReasonCount>;
  from: Scalars['DateTime']['output'];
  /** account.locked events. */
  lockouts: Scalars['Int']['output'];
  loginsFailed: Scalars['Int']['output'];
  loginsSucceeded: Scalars['Int']['output'];
  /** user.registered events. */
  registrations: Scalars['Int']['output'];
  to: Scalars['DateTime']['output'];
};

export type DayCount = {
  __typename?: 'DayCount';
  count: Scalars['Int']['output'];
  /** A UTC day, YYYY-MM-DD. */
  day: Scalars['String']['output'];
};

export type FailureReasonCount = {
  __typename?: 'FailureReasonCount';
  count: Scalars['Int']['output'];
  /** The reason the login was refused (INVALID_CREDENTIALS, OTP_REQUIRED …); UNKNOWN when the event named none. */
  reason: Scalars['String']['output'];
};

/** A rule of the login risk score. Points add up; the score is capped at 100. */
export type LoginRiskReason =
  /** The login came from a device identity had not seen for this user (+40). */
  | 'NEW_DEVICE'
  /** The user had no earlier successful login from this IP (+25). */
  | 'NEW_IP'
  /** At least 3 failed logins for this user in the hour before (+25). */
  | 'RECENT_FAILURES';

/** Counters of the auth.login.succeeded and auth.login.failed events whose subject is the user. */
export type LoginStats = {
  __typename?: 'LoginStats';
  failureCount: Scalars['Int']['output'];
  lastFailureAt?: Maybe<Scalars['DateTime']['output']>;
  lastLoginAt?: Maybe<Scalars['DateTime']['output']>;
  successCount: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * Registrations, logins, failures by reason, lockouts and distinct users over from ≤ occurredAt < to.
   * from must be before to; the range covers at most 366 days.
   */
  authStats: AuthStats;
  /**
   * Registrations per UTC day over from ≤ occurredAt < to, every day listed (0 when none). The first and last day
   * count only the part inside the range. At most 366 days.
   */
  signupsByDay: Array<DayCount>;
};


export type QueryAuthStatsArgs = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


export type QuerySignupsByDayArgs = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

/** The risk score of one successful login, computed when its event was stored. */
export type RiskEvent = {
  __typename?: 'RiskEvent';
  /** The auth.login.succeeded event scored. */
  eventId: Scalars['ID']['output'];
  ip?: Maybe<Scalars['String']['output']>;
  occurredAt: Scalars['DateTime']['output'];
  reasons: Array<LoginRiskReason>;
  /** 0–100. */
  score: Scalars['Int']['output'];
  userAgent?: Maybe<Scalars['String']['output']>;
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** Login counters from the auth event store. Visible to the user and to holders of analytics:read. */
  loginStats: LoginStats;
  /** The most recent scored logins, newest first; first is at most 100. Visible to the user and to holders of analytics:read. */
  riskEvents: Array<RiskEvent>;
};


export type UserRiskEventsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
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
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AuthStats: ResolverTypeWrapper<AuthStats>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DayCount: ResolverTypeWrapper<DayCount>;
  FailureReasonCount: ResolverTypeWrapper<FailureReasonCount>;
  LoginRiskReason: LoginRiskReason;
  LoginStats: ResolverTypeWrapper<LoginStats>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RiskEvent: ResolverTypeWrapper<RiskEvent>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  User: ResolverTypeWrapper<{ id: string }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AuthStats: AuthStats;
  Int: Scalars['Int']['output'];
  DateTime: Scalars['DateTime']['output'];
  DayCount: DayCount;
  FailureReasonCount: FailureReasonCount;
  LoginStats: LoginStats;
  Query: Record<PropertyKey, never>;
  RiskEvent: RiskEvent;
  ID: Scalars['ID']['output'];
  User: { id: string };
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
};

export type RequireAuthDirectiveArgs = { };

export type RequireAuthDirectiveResolver<Result, Parent, ContextType = AnalyticsContext, Args = RequireAuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type RequireScopesDirectiveArgs = {
  scopes: Array<Scalars['String']['input']>;
};

export type RequireScopesDirectiveResolver<Result, Parent, ContextType = AnalyticsContext, Args = RequireScopesDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AuthStatsResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['AuthStats'] = ResolversParentTypes['AuthStats']> = {
  distinctUsers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failuresByReason?: Resolver<Array<ResolversTypes['FailureReasonCount']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  lockouts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  loginsFailed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  loginsSucceeded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  registrations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DayCountResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['DayCount'] = ResolversParentTypes['DayCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  day?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FailureReasonCountResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['FailureReasonCount'] = ResolversParentTypes['FailureReasonCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LoginStatsResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['LoginStats'] = ResolversParentTypes['LoginStats']> = {
  failureCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastFailureAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastLoginAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  successCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  authStats?: Resolver<ResolversTypes['AuthStats'], ParentType, ContextType, RequireFields<QueryAuthStatsArgs, 'from' | 'to'>>;
  signupsByDay?: Resolver<Array<ResolversTypes['DayCount']>, ParentType, ContextType, RequireFields<QuerySignupsByDayArgs, 'from' | 'to'>>;
};

export type RiskEventResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['RiskEvent'] = ResolversParentTypes['RiskEvent']> = {
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ip?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reasons?: Resolver<Array<ResolversTypes['LoginRiskReason']>, ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  userAgent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type UserResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  loginStats?: Resolver<ResolversTypes['LoginStats'], ParentType, ContextType>;
  riskEvents?: Resolver<Array<ResolversTypes['RiskEvent']>, ParentType, ContextType, RequireFields<UserRiskEventsArgs, 'first'>>;
};

export type Resolvers<ContextType = AnalyticsContext> = {
  AuthStats?: AuthStatsResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DayCount?: DayCountResolvers<ContextType>;
  FailureReasonCount?: FailureReasonCountResolvers<ContextType>;
  LoginStats?: LoginStatsResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RiskEvent?: RiskEventResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = AnalyticsContext> = {
  requireAuth?: RequireAuthDirectiveResolver<any, any, ContextType>;
  requireScopes?: RequireScopesDirectiveResolver<any, any, ContextType>;
};
