import { valueFromASTUntyped } from 'graphql';
import type { DocumentNode, FieldNode, OperationDefinitionNode } from 'graphql';
import { IDENTITY_ARGUMENTS, IDENTITY_MUTATIONS, LOGIN_INPUT_FIELDS, normalizeEmailAddress } from '@cbp/contracts';
import type { IdentityMutation } from '@cbp/contracts';
import { forEachField, fragmentsOf } from '../graphql/selections.js';

/** Which per-account budget a root field also draws on, and where its account comes from. */
export type AccountBudget = 'login' | 'otp' | 'email';

export interface AuthFieldRule {
  /** The per-account budgets the call draws on, with the account key (normalised) or null when none applies. */
  accounts(args: Record<string, unknown>, userId: string | null): { budget: AccountBudget; account: string }[];
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

const inputOf = (args: Record<string, unknown>): Record<string, unknown> => {
  const input = args[IDENTITY_ARGUMENTS.INPUT];
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
};
const none: AuthFieldRule = { accounts: () => [] };
const byEmailArg = (budget: AccountBudget): AuthFieldRule => ({
  accounts: (args) => {
    const email = accountKeyOfEmail(args[IDENTITY_ARGUMENTS.EMAIL] ?? inputOf(args)[IDENTITY_ARGUMENTS.EMAIL]);
    return email ? [{ budget, account: email }] : [];
  },
});
/** TOTP management is on the signed-in account. */
const otpOfCaller: AuthFieldRule = { accounts: (_args, userId) => (userId ? [{ budget: 'otp', account: `user:${userId}` }] : []) };

/**
 * The auth root fields (mutations) of the supergraph and their REST twins under /auth/*. Each call of one costs
 * a point of the caller IP's budget; some also cost a point of an account's budget.
 */
export const AUTH_FIELDS: Readonly<Record<string, AuthFieldRule>> = {
  [IDENTITY_MUTATIONS.LOGIN]: {
    accounts: (args) => {
      const input = inputOf(args);
      const email = accountKeyOfEmail(input[LOGIN_INPUT_FIELDS.EMAIL]);
      if (!email) return [];
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
  [IDENTITY_MUTATIONS.REFRESH_SESSION]: none,
  [IDENTITY_MUTATIONS.VERIFY_EMAIL]: none,
  [IDENTITY_MUTATIONS.RESET_PASSWORD]: none,
  [IDENTITY_MUTATIONS.REQUEST_EMAIL_VERIFICATION]: byEmailArg('email'),
  [IDENTITY_MUTATIONS.REQUEST_PASSWORD_RESET]: byEmailArg('email'),
  [IDENTITY_MUTATIONS.SETUP_TOTP]: otpOfCaller,
  [IDENTITY_MUTATIONS.ENABLE_TOTP]: otpOfCaller,
  [IDENTITY_MUTATIONS.DISABLE_TOTP]: otpOfCaller,
  [IDENTITY_MUTATIONS.REGENERATE_RECOVERY_CODES]: otpOfCaller,
} satisfies Partial<Record<IdentityMutation, AuthFieldRule>>;

/** One executed root field: its name (not its alias) and its argument values. */
export interface RootFieldCall {
  name: string;
  args: Record<string, unknown>;
}

/**
 * Every root field the operation will call, one entry per selection: aliases count separately and fragments
 * (inline or named) are expanded. @skip/@include are ignored on purpose: counting a skipped field costs the
 * caller a point, never the other way round.
 */
export function rootFieldCalls(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): RootFieldCall[] {
  const calls: RootFieldCall[] = [];
  forEachField(operation.selectionSet, fragmentsOf(document), (field) =>
    calls.push({ name: field.name.value, args: argsOf(field, variables) }),
  );
  return calls;
}

function argsOf(field: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of field.arguments ?? []) args[arg.name.value] = valueFromASTUntyped(arg.value, variables);
  return args;
}
