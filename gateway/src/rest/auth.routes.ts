import type { ApolloServer } from '@apollo/server';
import { Router } from 'express';
import type { Request, Response } from 'express';
import { z } from '@cbp/config';
import { AppError, COMMON_ERRORS, statusForCode } from '@cbp/errors';
import type { GatewayContext } from '../context.js';
import { executeOperation } from './graphql-executor.js';

/** One REST route = one GraphQL operation of the supergraph (DESIGN.md §5 ↔ §6). */
export interface RestRoute {
  method: 'post' | 'get';
  path: string;
  /** Status on success. */
  status: number;
  /** The operation, with its variables built from the validated body. */
  query: string;
  body?: z.ZodObject;
  variables?: (body: Record<string, unknown>, req: Request) => Record<string, unknown>;
  /** Shapes the operation's data into the REST response body (undefined → no body). */
  result: (data: Record<string, unknown>) => unknown;
  /** Where DESIGN.md gives a code a different status on this route (INVALID_TOKEN is 401 on refresh). */
  statusOverrides?: Record<string, number>;
}

const str = (max: number) => z.string({ error: 'must be a string' }).max(max, { error: `must be at most ${max} characters` });
const optionalStr = (max: number) => str(max).nullish();

export const AUTH_ROUTES: RestRoute[] = [
  {
    method: 'post',
    path: '/auth/register',
    status: 201,
    body: z.object({ email: str(320), password: str(4096), inviteCode: optionalStr(200) }),
    query: 'mutation Register($input: RegisterInput!) { register(input: $input) { userId } }',
    variables: (b) => ({ input: b }),
    result: (d) => d.register,
  },
  {
    method: 'post',
    path: '/auth/email/verify/request',
    status: 202,
    body: z.object({ email: str(320) }),
    query: 'mutation RequestEmailVerification($email: String!) { requestEmailVerification(email: $email) }',
    result: () => ({}),
  },
  {
    method: 'post',
    path: '/auth/email/verify/confirm',
    status: 200,
    body: z.object({ token: str(200) }),
    query: 'mutation VerifyEmail($token: String!) { verifyEmail(token: $token) { verified } }',
    result: (d) => d.verifyEmail,
  },
  {
    method: 'post',
    path: '/auth/login',
    status: 200,
    body: z.object({
      email: str(320),
      password: str(4096),
      otp: optionalStr(16),
      recoveryCode: optionalStr(64),
      deviceFingerprint: optionalStr(512),
    }),
    query: 'mutation Login($input: LoginInput!) { login(input: $input) { accessToken tokenType expiresIn refreshToken sessionId } }',
    variables: (b) => ({ input: b }),
    result: (d) => d.login,
  },
  {
    method: 'post',
    path: '/auth/refresh',
    status: 200,
    body: z.object({ refreshToken: str(200) }),
    query:
      'mutation Refresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { accessToken tokenType expiresIn refreshToken sessionId } }',
    result: (d) => d.refreshSession,
    statusOverrides: { INVALID_TOKEN: 401 },
  },
  { method: 'post', path: '/auth/logout', status: 204, query: 'mutation Logout { logout }', result: () => undefined },
  { method: 'post', path: '/auth/logout-all', status: 204, query: 'mutation LogoutAll { logoutAll }', result: () => undefined },
  {
    method: 'post',
    path: '/auth/password-reset/request',
    status: 202,
    body: z.object({ email: str(320) }),
    query: 'mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }',
    result: () => ({}),
  },
  {
    method: 'post',
    path: '/auth/password-reset/confirm',
    status: 200,
    body: z.object({ token: str(200), newPassword: str(4096) }),
    query: 'mutation ResetPassword($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }',
    result: () => ({}),
  },
  {
    method: 'post',
    path: '/auth/2fa/setup',
    status: 200,
    query: 'mutation SetupTotp { setupTotp { secret otpauthUrl qrCodeDataUrl } }',
    result: (d) => d.setupTotp,
  },
  {
    method: 'post',
    path: '/auth/2fa/verify',
    status: 200,
    body: z.object({ code: str(16) }),
    query: 'mutation EnableTotp($code: String!) { enableTotp(code: $code) { enabled recoveryCodes } }',
    result: (d) => d.enableTotp,
    // DESIGN.md §5: a wrong code while enabling is a bad request, not a failed sign-in.
    statusOverrides: { INVALID_OTP: 400 },
  },
];

/** Validates a JSON body against the route's schema; VALIDATION_FAILED names the first bad field. */
function parseBody(route: RestRoute, req: Request): Record<string, unknown> {
  if (!route.body) return {};
  if (!req.is('application/json')) throw new AppError(COMMON_ERRORS.UNSUPPORTED_MEDIA_TYPE);
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'The request body must be a JSON object.' });
  }
  const parsed = route.body.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    const message =
      issue?.code === 'invalid_type' && (body as Record<string, unknown>)[field] === undefined
        ? `${field} is required.`
        : `${field} ${issue?.message ?? 'is invalid'}.`;
    throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message, details: { field } });
  }
  // Drop nulls: GraphQL treats an explicit null like an absent optional argument anyway.
  return Object.fromEntries(Object.entries(parsed.data as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined));
}

/** Mounts the route table; each handler validates, runs its operation, and maps codes to statuses. */
export function restRouter(
  routes: RestRoute[],
  apollo: ApolloServer<GatewayContext>,
  contextOf: (req: Request, res: Response) => Promise<GatewayContext>,
): Router {
  const router = Router();
  for (const route of routes) {
    router[route.method](route.path, async (req, res) => {
      const body = parseBody(route, req);
      const context = await contextOf(req, res);
      const variables = route.variables ? route.variables(body, req) : body;
      const { data, errors, retryAfter } = await executeOperation(apollo, route.query, variables, context);
      const first = errors[0];
      if (first) {
        if (retryAfter) res.setHeader('retry-after', retryAfter);
        const raw = typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
        // Variable coercion and document errors are the caller's input problems on the REST face.
        const code = ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED'].includes(raw) ? 'VALIDATION_FAILED' : raw;
        const status = route.statusOverrides?.[code] ?? statusForCode(code);
        const details = first.extensions?.details as Record<string, unknown> | undefined;
        res.status(status).json({ error: { code, message: first.message, ...(details ? { details } : {}) } });
        return;
      }
      const result = route.result(data ?? {});
      if (result === undefined) res.status(route.status).end();
      else res.status(route.status).json(result);
    });
  }
  return router;
}
