import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { AuditEntry as AuditEntryModel } from '../audit/audit-entry.entity.js';
import type { AdminContext } from '../context.js';
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
  /** Arbitrary JSON (event details). */
  JSON: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type AdminPing = {
  __typename?: 'AdminPing';
  at: Scalars['DateTime']['output'];
  ok: Scalars['Boolean']['output'];
};

export type AuditChainProblem =
  /** The record of where keyed (HMAC) links start is missing or does not carry a valid MAC. */
  | 'ANCHOR_INVALID'
  /** The entry at the last signed checkpoint is not the one it saw (or the checkpoint itself is forged). */
  | 'CHECKPOINT_MISMATCH'
  /** An entry's content does not match its hash (it was edited). */
  | 'HASH_MISMATCH'
  /** An entry does not link to the one before it (that one was rewritten, or replaced). */
  | 'PREV_HASH_MISMATCH'
  /** Entries are missing (deleted): firstBrokenSeq is the first missing number. */
  | 'SEQ_GAP'
  /** The log ends before the last signed checkpoint's entry: the newest entries were removed. */
  | 'TRUNCATED';

/** The outcome of walking the whole audit chain from its first entry. */
export type AuditChainReport = {
  __typename?: 'AuditChainReport';
  /** Entries verified intact before the walk stopped (all of them when ok). */
  checked: Scalars['Int']['output'];
  firstBrokenSeq?: Maybe<Scalars['String']['output']>;
  headHash?: Maybe<Scalars['String']['output']>;
  /**
   * The last intact entry. Entries removed from the very end leave a shorter chain that still verifies: keep this
   * pair somewhere else (a ticket, an external log) and check later that it is still in the log.
   */
  headSeq?: Maybe<Scalars['String']['output']>;
  ok: Scalars['Boolean']['output'];
  problem?: Maybe<AuditChainProblem>;
  /** A human explanation of the break. */
  reason?: Maybe<Scalars['String']['output']>;
};

/** A page of the audit log, newest first. */
export type AuditConnection = {
  __typename?: 'AuditConnection';
  edges: Array<AuditEdge>;
  pageInfo: AuditPageInfo;
};

export type AuditEdge = {
  __typename?: 'AuditEdge';
  cursor: Scalars['String']['output'];
  node: AuditEntry;
};

/**
 * One recorded event. Each entry carries the hash of the one before it, so edits and deletions are detectable:
 * hash = sha256hex(prevHash + "\n" + canonical JSON of the entry's other fields), the first prevHash is 64 zeros.
 */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** Who did it, when a user did. */
  actor?: Maybe<User>;
  actorId?: Maybe<Scalars['ID']['output']>;
  /** The event's data. Never holds secrets (producers do not put them on the stream). */
  details: Scalars['JSON']['output'];
  /** The id of the event this entry records (one entry per event). */
  eventId: Scalars['ID']['output'];
  hash: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  ip?: Maybe<Scalars['String']['output']>;
  occurredAt: Scalars['DateTime']['output'];
  prevHash: Scalars['String']['output'];
  /** When the audit log recorded the event. */
  recordedAt: Scalars['DateTime']['output'];
  /** Position in the chain: 1, 2, 3… with no gaps. A decimal string (a 64-bit integer). */
  seq: Scalars['String']['output'];
  /** Whom it concerns, when it concerns a user. */
  subject?: Maybe<User>;
  subjectId?: Maybe<Scalars['ID']['output']>;
  /** The event type, e.g. auth.login.failed. Every type on the stream is recorded, known or not. */
  type: Scalars['String']['output'];
  userAgent?: Maybe<Scalars['String']['output']>;
};

/** Every member narrows the result. Times select from ≤ occurredAt < to. */
export type AuditFilter = {
  actorId?: InputMaybe<Scalars['ID']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  subjectId?: InputMaybe<Scalars['ID']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** Exact event type, e.g. role.granted. */
  type?: InputMaybe<Scalars['String']['input']>;
};

export type AuditPageInfo = {
  __typename?: 'AuditPageInfo';
  /** Pass as `after` to get the next page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A dependency as admin sees it. */
export type ComponentHealth = {
  __typename?: 'ComponentHealth';
  /** Why it failed; null when ok. */
  detail?: Maybe<Scalars['String']['output']>;
  /** postgres, redis (as admin sees them), identity, analytics. */
  name: Scalars['String']['output'];
  ok: Scalars['Boolean']['output'];
};

/** The progress of one consumer group on the event stream. */
export type EventConsumerStatus = {
  __typename?: 'EventConsumerStatus';
  detail?: Maybe<Scalars['String']['output']>;
  group: Scalars['String']['output'];
  /** Entries on the stream not yet delivered to the group; null when unknown (see detail). */
  lag?: Maybe<Scalars['Int']['output']>;
  /** Entries delivered to the group and not yet acknowledged; null when unknown (see detail). */
  pending?: Maybe<Scalars['Int']['output']>;
  stream: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Proves the caller reaches admin with admin rights. */
  adminPing: AdminPing;
  /** The audit log, newest first; first is at most 100. */
  auditLog: AuditConnection;
  /** Health of admin's dependencies and the progress of its event consumer. */
  systemOverview: SystemOverview;
  /** Walks the whole hash chain and reports the first broken link. */
  verifyAuditChain: AuditChainReport;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * The operator's overview: every component's readiness (this subgraph's database and Redis, and the other
 * subgraphs), each consumer group's progress, and, from identity, the signing keys. An entity (always id "system")
 * so that each subgraph adds what it owns; ok is "every component is ok".
 */
export type SystemOverview = {
  __typename?: 'SystemOverview';
  checkedAt: Scalars['DateTime']['output'];
  components: Array<ComponentHealth>;
  eventConsumers: Array<EventConsumerStatus>;
  id: Scalars['ID']['output'];
  ok: Scalars['Boolean']['output'];
};

export type User = {
  __typename?: 'User';
  /**
   * The most recent audit entries about this user (as subject or as actor), newest first; first is at most 100.
   * Visible to the user and to holders of audit:read.
   */
  auditTrail: Array<AuditEntry>;
  id: Scalars['ID']['output'];
};


export type UserAuditTrailArgs = {
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
  AdminPing: ResolverTypeWrapper<AdminPing>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AuditChainProblem: AuditChainProblem;
  AuditChainReport: ResolverTypeWrapper<AuditChainReport>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AuditConnection: ResolverTypeWrapper<Omit<AuditConnection, 'edges'> & { edges: Array<ResolversTypes['AuditEdge']> }>;
  AuditEdge: ResolverTypeWrapper<Omit<AuditEdge, 'node'> & { node: ResolversTypes['AuditEntry'] }>;
  AuditEntry: ResolverTypeWrapper<AuditEntryModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditFilter: AuditFilter;
  AuditPageInfo: ResolverTypeWrapper<AuditPageInfo>;
  ComponentHealth: ResolverTypeWrapper<ComponentHealth>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EventConsumerStatus: ResolverTypeWrapper<EventConsumerStatus>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SystemOverview: ResolverTypeWrapper<SystemOverview>;
  User: ResolverTypeWrapper<{ id: string }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AdminPing: AdminPing;
  Boolean: Scalars['Boolean']['output'];
  AuditChainReport: AuditChainReport;
  Int: Scalars['Int']['output'];
  AuditConnection: Omit<AuditConnection, 'edges'> & { edges: Array<ResolversParentTypes['AuditEdge']> };
  AuditEdge: Omit<AuditEdge, 'node'> & { node: ResolversParentTypes['AuditEntry'] };
  AuditEntry: AuditEntryModel;
  ID: Scalars['ID']['output'];
  AuditFilter: AuditFilter;
  AuditPageInfo: AuditPageInfo;
  ComponentHealth: ComponentHealth;
  DateTime: Scalars['DateTime']['output'];
  EventConsumerStatus: EventConsumerStatus;
  JSON: Scalars['JSON']['output'];
  Query: Record<PropertyKey, never>;
  SystemOverview: SystemOverview | FederationReferenceTypes['SystemOverview'];
  User: { id: string };
  String: Scalars['String']['output'];
};

export type RequireAuthDirectiveArgs = { };

export type RequireAuthDirectiveResolver<Result, Parent, ContextType = AdminContext, Args = RequireAuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type RequireScopesDirectiveArgs = {
  scopes: Array<Scalars['String']['input']>;
};

export type RequireScopesDirectiveResolver<Result, Parent, ContextType = AdminContext, Args = RequireScopesDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AdminPingResolvers<ContextType = AdminContext, ParentType extends ResolversParentTypes['AdminPing'] = ResolversParentTypes['AdminPing']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type AuditChainReportResolvers<ContextType = AdminContext, ParentType extends ResolversParentTypes['AuditChainReport'] = ResolversParentTypes['AuditChainReport']> = {
  checked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstBrokenSeq?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  headHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  headSeq?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  problem?: Resolver<Maybe<ResolversTypes['AuditChainProblem']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AuditConnectionResolvers<ContextType = AdminContext, ParentType extends ResolversParentTypes['AuditConnection'] = ResolversParentTypes['AuditConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['AuditPageInfo'], ParentType, ContextType>;
};

export type AuditEdgeResolvers<ContextType = AdminContext, ParentType extends ResolversParentTypes['AuditEdge'] = ResolversParentTypes['AuditEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEntry'], ParentType, ContextType>;
};

export type AuditEntryResolvers<ContextType = AdminContext, ParentType extends ResolversParentTypes['AuditEntry'] = ResolversParentTypes['AuditEntry']> = {
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  actorId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  details?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ip?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  prevHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subject?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  subjectId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  userAgent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AuditPageInfoResolvers<ContextType = AdminContext, ParentType extends ResolversParentTypes['AuditPageInfo'] = ResolversParentTypes['AuditPageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ComponentHealthResolvers<ContextType = AdminContext, ParentType extends ResolversParentTypes['ComponentHealth'] = ResolversParentTypes['ComponentHealth']> = {
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EventConsumerStatusResolvers<ContextType = AdminContext, ParentType extends ResolversParentTypes['EventConsumerStatus'] = ResolversParentTypes['EventConsumerStatus']> = {
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  group?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lag?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  pending?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  stream?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type QueryResolvers<ContextType = AdminContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  adminPing?: Resolver<ResolversTypes['AdminPing'], ParentType, ContextType>;
  auditLog?: Resolver<ResolversTypes['AuditConnection'], ParentType, ContextType, RequireFields<QueryAuditLogArgs, 'first'>>;
  systemOverview?: Resolver<ResolversTypes['SystemOverview'], ParentType, ContextType>;
  verifyAuditChain?: Resolver<ResolversTypes['AuditChainReport'], ParentType, ContextType>;
};

export type SystemOverviewResolvers<ContextType = AdminContext, ParentType extends ResolversParentTypes['SystemOverview'] = ResolversParentTypes['SystemOverview'], FederationReferenceType extends FederationReferenceTypes['SystemOverview'] = FederationReferenceTypes['SystemOverview']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['SystemOverview']> | FederationReferenceType, FederationReferenceType, ContextType>;
  checkedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  components?: Resolver<Array<ResolversTypes['ComponentHealth']>, ParentType, ContextType>;
  eventConsumers?: Resolver<Array<ResolversTypes['EventConsumerStatus']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = AdminContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  auditTrail?: Resolver<Array<ResolversTypes['AuditEntry']>, ParentType, ContextType, RequireFields<UserAuditTrailArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type Resolvers<ContextType = AdminContext> = {
  AdminPing?: AdminPingResolvers<ContextType>;
  AuditChainReport?: AuditChainReportResolvers<ContextType>;
  AuditConnection?: AuditConnectionResolvers<ContextType>;
  AuditEdge?: AuditEdgeResolvers<ContextType>;
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditPageInfo?: AuditPageInfoResolvers<ContextType>;
  ComponentHealth?: ComponentHealthResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  EventConsumerStatus?: EventConsumerStatusResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Query?: QueryResolvers<ContextType>;
  SystemOverview?: SystemOverviewResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = AdminContext> = {
  requireAuth?: RequireAuthDirectiveResolver<any, any, ContextType>;
  requireScopes?: RequireScopesDirectiveResolver<any, any, ContextType>;
};
