import { getArgumentValues, getVariableValues, valueFromASTUntyped } from 'graphql';
import type { DocumentNode, FieldNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { IDENTITY_ARGUMENTS, IDENTITY_MUTATIONS, LOGIN_INPUT_FIELDS, normalizeEmailAddress } from '@cbp/contracts';
import type { IdentityMutation } from '@cbp/contracts';
import { forEachField, fragmentsOf } from '../graphql/selections.js';
import { refreshTokenId } from './refresh-families.js';

/** The per-account budgets a root field may draw on (docs/design.md §7 (Rate limits, lockout and GraphQL limits)). */
export type AccountBudget = 'login' | 'otp' | 'email' | 'invitation';

export interface AccountCharge {
  budget: AccountBudget;
  account: string;
}

export interface AuthFieldRule {
  /**
   * The per-account budgets the call draws on, each with its account key (normalised). `null` when the call's
   * account cannot be determined (no email string): such a call is refused, never let through unbudgeted.
   */
  accounts(args: Readonly<Record<string, unknown>>, userId: string | null): AccountCharge[] | null;
  /** A refresh: the presented refresh token's id, which leads to the session budget it draws on. */
  session?(args: Readonly<Record<string, unknown>>): string | null;
}

/**
 * The account key of an email argument: identity's own normal form (so `VICTIM@example.com` and a full-width
 * `victim@ｅxample.com` share one budget), or, for a value identity will refuse anyway, the value trimmed and
 * lower-cased, so the refused call still draws on a budget of its own.
 */
export function accountKeyOfEmail(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const normalized = normalizeEmailAddress(value);
  return normalized.ok ? normalized.email : value.trim().toLowerCase();
}

const inputOf = (args: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const input = args[IDENTITY_ARGUMENTS.INPUT];
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
};
const none: AuthFieldRule = { accounts: () => [] };
/**
 * The account key of an email argument as coerced: a blank address is an account of its own (`''`, one budget for
 * every blank call; identity refuses it without checking anything); no string at all is no account (null).
 */
const accountKeyOfEmailArgument = (value: unknown): string | null => accountKeyOfEmail(value) ?? (typeof value === 'string' ? '' : null);

const byEmailArg = (budget: AccountBudget): AuthFieldRule => ({
  accounts: (args) => {
    const email = accountKeyOfEmailArgument(args[IDENTITY_ARGUMENTS.EMAIL] ?? inputOf(args)[IDENTITY_ARGUMENTS.EMAIL]);
    return email === null ? null : [{ budget, account: email }];
  },
});
/**
 * Calls on the signed-in account (`@requireAuth`): keyed on the caller. Without a caller nothing runs (identity
 * answers UNAUTHENTICATED before any check), so there is no account budget to draw on.
 */
const ofCaller = (...budgets: AccountBudget[]): AuthFieldRule => ({
  accounts: (_args, userId) => (userId ? budgets.map((budget) => ({ budget, account: `user:${userId}` })) : []),
});
/** The session budget of a refresh is found from the refresh token's id (`id.secret`), never its secret. */
const refreshTokenKey = (args: Readonly<Record<string, unknown>>): string | null => refreshTokenId(args[IDENTITY_ARGUMENTS.REFRESH_TOKEN]);

/**
 * The auth root fields (mutations) of the supergraph and their REST twins under /auth/*. Every call draws on the
 * caller IP's capacity and failure budgets; the rules below add the per-account (and per-session) budgets.
 */
export const AUTH_FIELDS: Readonly<Record<string, AuthFieldRule>> = {
  [IDENTITY_MUTATIONS.LOGIN]: {
    accounts: (args) => {
      const input = inputOf(args);
      const email = accountKeyOfEmailArgument(input[LOGIN_INPUT_FIELDS.EMAIL]);
      if (email === null) return null;
      // A login carrying a second factor is also a guess at the OTP / recovery code of that account.
      const withCode = typeof input[LOGIN_INPUT_FIELDS.OTP] === 'string' || typeof input[LOGIN_INPUT_FIELDS.RECOVERY_CODE] === 'string';
      return withCode
        ? [
            { budget: 'login', account: email },
            { budget: 'otp', account: email },
          ]
        : [{ budget: 'login', account: email }];
    },
  },
  [IDENTITY_MUTATIONS.REGISTER]: none,
  [IDENTITY_MUTATIONS.REFRESH_SESSION]: { accounts: () => [], session: refreshTokenKey },
  [IDENTITY_MUTATIONS.VERIFY_EMAIL]: none,
  [IDENTITY_MUTATIONS.RESET_PASSWORD]: none,
  [IDENTITY_MUTATIONS.REQUEST_EMAIL_VERIFICATION]: byEmailArg('email'),
  [IDENTITY_MUTATIONS.REQUEST_PASSWORD_RESET]: byEmailArg('email'),
  // setupTotp, disableTotp and regenerateRecoveryCodes take the current password (and disableTotp a code).
  [IDENTITY_MUTATIONS.SETUP_TOTP]: ofCaller('login', 'otp'),
  [IDENTITY_MUTATIONS.ENABLE_TOTP]: ofCaller('otp'),
  [IDENTITY_MUTATIONS.DISABLE_TOTP]: ofCaller('login', 'otp'),
  [IDENTITY_MUTATIONS.REGENERATE_RECOVERY_CODES]: ofCaller('login', 'otp'),
  [IDENTITY_MUTATIONS.CREATE_INVITATION]: ofCaller('invitation'),
  // Re-authentication (docs/design.md §5 (Authentication model)): a wrong current password is a failed login.
  [IDENTITY_MUTATIONS.CHANGE_PASSWORD]: ofCaller('login'),
  // Mails the new address (a link) and the old one (a notice).
  [IDENTITY_MUTATIONS.REQUEST_EMAIL_CHANGE]: ofCaller('login', 'email'),
  [IDENTITY_MUTATIONS.CONFIRM_EMAIL_CHANGE]: none,
} satisfies Partial<Record<IdentityMutation, AuthFieldRule>>;

/** One executed root field: its name (not its alias), its response key and its argument values. */
export interface RootFieldCall {
  name: string;
  /** The alias, or the name: where its result is in the response's `data`. */
  responseKey: string;
  args: Record<string, unknown>;
  /**
   * False when the variables or arguments do not coerce (then execution refuses the operation and nothing runs)
   * or no schema was given: `args` are then read untyped, variable defaults included.
   */
  coerced: boolean;
}

/**
 * Every root field the operation will call, one entry per selection: aliases count separately and fragments
 * (inline or named) are expanded. @skip/@include are ignored on purpose: counting a skipped field costs the
 * caller a point, never the other way round.
 *
 * With `schema`, arguments are coerced as execution will coerce them (variable defaults, input defaults, list
 * wrapping), so a value given only as a variable's default still keys its budget. Where coercion fails nothing
 * will run; the arguments are then read untyped, variable defaults included, so they still key a budget.
 */
export function rootFieldCalls(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
  schema?: GraphQLSchema,
): RootFieldCall[] {
  const rootType = schema ? (operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType()) : null;
  const coerced = schema ? getVariableValues(schema, operation.variableDefinitions ?? [], variables) : null;
  const untypedVariables = withVariableDefaults(operation, variables);
  const calls: RootFieldCall[] = [];
  forEachField(operation.selectionSet, fragmentsOf(document), (field) => {
    const definition = rootType?.getFields()[field.name.value];
    let args: Record<string, unknown> | null = null;
    if (definition && coerced?.coerced) {
      try {
        args = getArgumentValues(definition, field, coerced.coerced);
      } catch {
        // Invalid arguments: execution will refuse the field; fall back to the untyped reading.
      }
    }
    calls.push({
      name: field.name.value,
      responseKey: field.alias?.value ?? field.name.value,
      args: args ?? argsOf(field, untypedVariables),
      coerced: args !== null,
    });
  });
  return calls;
}

function withVariableDefaults(operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const all: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (all[name] === undefined && definition.defaultValue) all[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return all;
}

function argsOf(field: FieldNode, variables: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of field.arguments ?? []) args[arg.name.value] = valueFromASTUntyped(arg.value, variables);
  return args;
}
