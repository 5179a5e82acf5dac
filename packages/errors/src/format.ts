import type { GraphQLFormattedError } from 'graphql';
import { AppError, isAppError } from './app-error.js';
import { COMMON_ERRORS, ERROR_CATALOGUE } from './catalogue.js';

/** The REST error body of docs/design.md §10 (Errors). */
export interface RestErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

// Node socket errors and PostgreSQL's connection-class SQLSTATEs (08xxx, and 57P01/57P03: shut down, starting up).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_SQLSTATE = /^(08\d{3}|57P01|57P02|57P03)$/;
// MikroORM's, ioredis's and knex's names for "could not reach the server".
const UNAVAILABLE_NAMES = new Set(['ConnectionException', 'MaxRetriesPerRequestError', 'KnexTimeoutError']);
const UNAVAILABLE_MESSAGES =
  /Connection is closed|Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Timeout acquiring a connection|Stream isn't writeable/i;

/**
 * Whether an error (or one of its causes) says a dependency (PostgreSQL, Redis) could not be reached: a temporary
 * condition that answers 503 SERVICE_UNAVAILABLE, never 500 (docs/design.md §10 (Errors)).
 */
export function isDependencyUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (UNAVAILABLE_NAMES.has(e.name) || UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** An unexpected error as the AppError it is answered with: SERVICE_UNAVAILABLE for an unreachable dependency. */
function asAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  return new AppError(isDependencyUnavailable(err) ? COMMON_ERRORS.SERVICE_UNAVAILABLE : COMMON_ERRORS.INTERNAL_SERVER_ERROR, {
    cause: err,
  });
}

/**
 * Turns anything thrown into a REST status and body. AppErrors keep their code and message; an unreachable
 * dependency becomes SERVICE_UNAVAILABLE; anything else becomes INTERNAL_SERVER_ERROR with a generic message (the
 * caller logs the original with the request id).
 */
export function toRestError(err: unknown): { status: number; body: RestErrorBody } {
  const appError = asAppError(err);
  const body: RestErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.details) body.error.details = appError.details;
  return { status: appError.status, body };
}

/** Codes produced by graphql-js / Apollo Server itself that are safe to pass through unchanged. */
const PASS_THROUGH_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Apollo Server `formatError`: an AppError becomes its `extensions.code` (plus safe details); validation errors
 * pass through; anything else becomes INTERNAL_SERVER_ERROR with a generic message. Never leaks a stack trace.
 * `original` is the error thrown in the resolver (Apollo's `unwrapResolverError(error)`).
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  if (isAppError(original) || isDependencyUnavailable(original)) {
    const appError = asAppError(original);
    const extensions: Record<string, unknown> = { code: appError.code };
    if (appError.details) extensions.details = appError.details;
    return { message: appError.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  // Known codes pass through: graphql-js's own, and ours as relayed from a subgraph by the gateway. Only the
  // code and safe details survive; anything else a subgraph or library added (stack, serviceName) is dropped.
  if (code && (PASS_THROUGH_CODES.has(code) || code in ERROR_CATALOGUE)) {
    const extensions: Record<string, unknown> = { code };
    const details = formatted.extensions?.details;
    if (details && typeof details === 'object') extensions.details = details;
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  // The gateway could not reach a subgraph: a temporary condition, not a bug.
  if (code === 'DOWNSTREAM_SERVICE_ERROR' || code === 'SUBREQUEST_HTTP_ERROR') {
    return {
      message: COMMON_ERRORS.SERVICE_UNAVAILABLE.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
  }
  return {
    message: COMMON_ERRORS.INTERNAL_SERVER_ERROR.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: COMMON_ERRORS.INTERNAL_SERVER_ERROR.code },
  };
}
