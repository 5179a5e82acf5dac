/** Who is calling, as verified by the gateway and handed to subgraphs in the gateway assertion. */
export type RequestIdentity =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      /** Role names held now (read from the session record, not from the token, so revocations apply at once). */
      roles: string[];
      /** Permission scopes granted by those roles, e.g. `users:read`. */
      scopes: string[];
      /** Authentication methods of the session: `pwd`, `otp`. */
      amr: string[];
    };

/** Facts about the request that services record (audit, sessions, risk). */
export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

export const ANONYMOUS: RequestIdentity = Object.freeze({ kind: 'anonymous' });

export function hasScope(identity: RequestIdentity, scope: string): boolean {
  return identity.kind === 'user' && identity.scopes.includes(scope);
}
