import { valueFromASTUntyped } from 'graphql';
import type { DocumentNode, FieldNode, OperationDefinitionNode } from 'graphql';
import { forEachField, fragmentsOf } from '../graphql/selections.js';

/** Which per-account budget a root field also draws on, and where its account comes from. */
export type AccountBudget = 'login' | 'otp' | 'email';

export interface AuthFieldRule {
  /** The per-account budgets the call draws on, with the account key (normalised) or null when none applies. */
  accounts(args: Record<string, unknown>, userId: string | null): { budget: AccountBudget; account: string }[];
}

const normaliseEmail = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : null);
const inputOf = (args: Record<string, unknown>): Record<string, unknown> =>
  typeof args.input === 'object' && args.input !== null ? (args.input as Record<string, unknown>) : {};
const none: AuthFieldRule = { accounts: () => [] };
const byEmailArg = (budget: AccountBudget): AuthFieldRule => ({
  accounts: (args) => {
    const email = normaliseEmail(args.email ?? inputOf(args).email);
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
  login: {
    accounts: (args) => {
      const input = inputOf(args);
      const email = normaliseEmail(input.email);
      if (!email) return [];
      // A login carrying a second factor is also a guess at the OTP / recovery code of that account.
      const withCode = typeof input.otp === 'string' || typeof input.recoveryCode === 'string';
      return withCode
        ? [
            { budget: 'login', account: email },
            { budget: 'otp', account: email },
          ]
        : [{ budget: 'login', account: email }];
    },
  },
  register: none,
  refreshSession: none,
  verifyEmail: none,
  resetPassword: none,
  requestEmailVerification: byEmailArg('email'),
  requestPasswordReset: byEmailArg('email'),
  setupTotp: otpOfCaller,
  enableTotp: otpOfCaller,
  disableTotp: otpOfCaller,
  verifyTotp: otpOfCaller,
  regenerateRecoveryCodes: otpOfCaller,
};

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
