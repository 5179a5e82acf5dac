import type { Scope } from '@cbp/contracts';
import { AppError, COMMON_ERRORS } from '@cbp/errors';
import { hasScope } from './identity.js';
import type { RequestIdentity } from './identity.js';

/*
 * Object- and function-level rules every service shares. They repeat what the schema directives enforce, on
 * purpose: a service may be reached from another entry point (a REST twin, a CLI) that has no directives.
 */

/** @throws UNAUTHENTICATED for an anonymous caller, FORBIDDEN when `scope` is not held. */
export function assertScope(identity: RequestIdentity, scope: Scope): asserts identity is Extract<RequestIdentity, { kind: 'user' }> {
  if (identity.kind !== 'user') throw new AppError(COMMON_ERRORS.UNAUTHENTICATED);
  if (!hasScope(identity, scope)) throw new AppError(COMMON_ERRORS.FORBIDDEN, { details: { missingScopes: [scope] } });
}

/** The user themself, or a holder of `scope` (no IDOR: ASVS 8.2.2). @throws UNAUTHENTICATED / FORBIDDEN. */
export function assertSelfOrScope(identity: RequestIdentity, userId: string, scope: Scope): void {
  if (identity.kind !== 'user') throw new AppError(COMMON_ERRORS.UNAUTHENTICATED);
  if (identity.userId !== userId && !hasScope(identity, scope)) throw new AppError(COMMON_ERRORS.FORBIDDEN);
}

/** Page sizes are bounded so one query cannot pull a whole table. @throws VALIDATION_FAILED outside 1..max. */
export function checkPageSize(first: number, max: number): number {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, {
      message: `first must be between 1 and ${max}.`,
      details: { field: 'first', max },
    });
  }
  return first;
}
