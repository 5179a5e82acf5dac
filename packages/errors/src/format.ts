import type { GraphQLFormattedError } from 'graphql';
import { AppError, isAppError } from './app-error.js';
import { COMMON_ERRORS, ERROR_CATALOGUE } from './catalogue.js';

/** The REST error body of docs/design.md §10 (Errors). */
export interface RestErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/**
 * Turns anything thrown into a REST status and body. AppErrors keep their code and message; anything else
 * becomes INTERNAL_SERVER_ERROR with a generic message (the caller logs the original with the request id).
 */
export function toRestError(err: unknown): { status: number; body: RestErrorBody } {
  const appError = isAppError(err) ? err : new AppError(COMMON_ERRORS.INTERNAL_SERVER_ERROR, { cause: err });
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
  if (isAppError(original)) {
    const extensions: Record<string, unknown> = { code: original.code };
    if (original.details) extensions.details = original.details;
    return { message: original.message, locations: formatted.locations, path: formatted.path, extensions };
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
