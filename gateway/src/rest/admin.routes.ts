import type { RestRoute } from './auth.routes.js';

/**
 * The REST faces of admin operations (docs/design.md §8 (REST contract)), each one GraphQL operation of the
 * supergraph: the scope is checked by the subgraph that resolves it (anonymous → 401 UNAUTHENTICATED, no scope → 403
 * FORBIDDEN). Path parameters become variables.
 */
export const ADMIN_ROUTES: RestRoute[] = [
  { method: 'get', path: '/admin/ping', status: 200, query: 'query AdminPing { adminPing { ok } }', result: () => ({ ok: true }) },
  {
    method: 'post',
    path: '/auth/keys/rotate',
    status: 200,
    query: 'mutation RotateSigningKey { rotateSigningKey { kid } }',
    result: (d) => d.rotateSigningKey,
  },
  {
    method: 'post',
    path: '/admin/users/:id/sessions/revoke',
    status: 200,
    query: 'mutation RevokeUserSessions($userId: ID!) { revokeUserSessions(userId: $userId) }',
    variables: (_body, req) => ({ userId: String(req.params.id) }),
    result: (d) => ({ revoked: d.revokeUserSessions }),
  },
];
