import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/**
 * What the platform said went wrong, read from any error Apollo Client (or our own fetch) hands us: the code of
 * docs/design.md §10 (Errors), the field it concerns, and the server's message. The message is shown only for the codes whose
 * messages are written for people and say what to change (see `messageForCode`); never the raw error.
 */
export interface ApiProblem {
  code: string;
  field: string | null;
  serverMessage: string | null;
}

interface ErrorShape {
  message?: unknown;
  extensions?: { code?: unknown; details?: { field?: unknown } };
}

function problemFrom(entry: ErrorShape | undefined): ApiProblem | null {
  const code = entry?.extensions?.code;
  if (typeof code !== 'string') return null;
  const field = entry?.extensions?.details?.field;
  return {
    code,
    field: typeof field === 'string' ? field : null,
    serverMessage: typeof entry?.message === 'string' ? entry.message : null,
  };
}

/** The REST body `{error:{code,message,details}}` or a GraphQL body `{errors:[…]}` carried by a ServerError. */
function problemFromBody(bodyText: string): ApiProblem | null {
  try {
    const body = JSON.parse(bodyText) as {
      error?: { code?: unknown; message?: unknown; details?: { field?: unknown } };
      errors?: ErrorShape[];
    };
    if (body.error) return problemFrom({ message: body.error.message, extensions: { code: body.error.code, details: body.error.details } });
    return problemFrom(body.errors?.[0]);
  } catch {
    return null;
  }
}

/** The first coded problem in an error, or null when it carries none (network failure, unparseable body). */
export function apiProblemOf(error: unknown): ApiProblem | null {
  if (CombinedGraphQLErrors.is(error)) {
    for (const entry of error.errors) {
      const problem = problemFrom(entry as ErrorShape);
      if (problem) return problem;
    }
    return null;
  }
  if (ServerError.is(error)) {
    const fromBody = problemFromBody(error.bodyText);
    if (fromBody) return fromBody;
    if (error.statusCode === 401) return { code: 'UNAUTHENTICATED', field: null, serverMessage: null };
    if (error.statusCode === 429) return { code: 'RATE_LIMITED', field: null, serverMessage: null };
    return null;
  }
  return null;
}

export function errorCodeOf(error: unknown): string | null {
  return apiProblemOf(error)?.code ?? null;
}

/** True when the request was refused for want of a valid sign-in (expired or revoked access token). */
export function isUnauthenticated(error: unknown): boolean {
  if (ServerError.is(error) && error.statusCode === 401) return true;
  return errorCodeOf(error) === 'UNAUTHENTICATED';
}
