import { AppError, COMMON_ERRORS, isAppError } from '@cbp/errors';

/** The longest one Redis or PostgreSQL call on a request's path may take before the request gives up on it. */
export const DEPENDENCY_CALL_TIMEOUT_MS = 2_000;

/**
 * One call to a dependency (Redis, PostgreSQL) on a request's path: when it fails or stalls, the request answers
 * 503 SERVICE_UNAVAILABLE within the timeout, never a 500 nor a hung connection (docs/design.md §10 (Errors)).
 * An AppError the call itself throws passes through unchanged. A call that times out is not cancelled: its late
 * answer is ignored.
 */
export async function dependencyCall<T>(call: () => Promise<T>, timeoutMs = DEPENDENCY_CALL_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`dependency call timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([call(), timeout]);
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError(COMMON_ERRORS.SERVICE_UNAVAILABLE, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}
