import type { Request } from 'express';
import { AppError, COMMON_ERRORS } from '@cbp/errors';
import type { RequestIdentity } from '@cbp/service-kit';
import { ANONYMOUS } from '@cbp/service-kit';

/** Turns a bearer token into a verified identity; throws AppError UNAUTHENTICATED for any bad token. */
export interface BearerVerifier {
  verify(token: string): Promise<RequestIdentity>;
}

/** The bearer token of a request, or null; a malformed Authorization header is refused, not ignored. */
export function bearerTokenOf(req: Request): string | null {
  const header = req.headers.authorization;
  if (header === undefined || header === '') return null;
  // The scheme name is case-insensitive (RFC 9110 §11.1); the token itself is not.
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header);
  if (!match?.[1]) throw new AppError(COMMON_ERRORS.UNAUTHENTICATED, { message: 'The Authorization header must be "Bearer <token>".' });
  return match[1];
}

/** Anonymous without a token; otherwise the verifier decides. */
export async function authenticate(req: Request, verifier: BearerVerifier): Promise<RequestIdentity> {
  const token = bearerTokenOf(req);
  return token === null ? ANONYMOUS : verifier.verify(token);
}
