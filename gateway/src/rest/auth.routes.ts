import type { ApolloServer } from '@apollo/server';
import { Router } from 'express';
import type { Request, Response } from 'express';
import { z } from '@cbp/config';
import {
  IDENTITY_ARGUMENTS,
  IDENTITY_MUTATION_ARGUMENTS,
  IDENTITY_MUTATIONS,
  LOGIN_INPUT_FIELDS,
  REGISTER_INPUT_FIELDS,
} from '@cbp/contracts';
import type { IdentityMutation } from '@cbp/contracts';
import { AppError, COMMON_ERRORS, statusForCode } from '@cbp/errors';
import type { GatewayContext } from '../context.js';
import { executeOperation } from './graphql-executor.js';

/** One REST route = one GraphQL operation of the supergraph (docs/design.md §8 (REST contract), §14 (Decisions)). */
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
  /** Where the REST contract gives a code a different status on this route (INVALID_TOKEN is 401 on refresh). */
  statusOverrides?: Record<string, number>;
}

const str = (max: number) => z.string({ error: 'must be a string' }).max(max, { error: `must be at most ${max} characters` });
const optionalStr = (max: number) => str(max).nullish();

const M = IDENTITY_MUTATIONS;
const ARG = IDENTITY_ARGUMENTS;
const LOGIN = LOGIN_INPUT_FIELDS;
const REGISTER = REGISTER_INPUT_FIELDS;

/**
 * `mutation <operationName>($arg: Type, …) { <field>(arg: $arg, …) { <selection> } }`: one call of an identity
 * mutation, passing every argument it takes from the variable of the same name, typed as the schema types it.
 */
export function identityMutation(operationName: string, field: IdentityMutation, selection?: string): string {
  const args = Object.entries(IDENTITY_MUTATION_ARGUMENTS[field] as Readonly<Record<string, string>>);
  const declared = args.length > 0 ? `(${args.map(([name, type]) => `$${name}: ${type}`).join(', ')})` : '';
  const passed = args.length > 0 ? `(${args.map(([name]) => `${name}: $${name}`).join(', ')})` : '';
  return `mutation ${operationName}${declared} { ${field}${passed}${selection ? ` { ${selection} }` : ''} }`;
}

const SESSION_PAIR = 'accessToken tokenType expiresIn refreshToken sessionId';

export const AUTH_ROUTES: RestRoute[] = [
  {
    method: 'post',
    path: '/auth/register',
    status: 201,
    body: z.object({ [REGISTER.EMAIL]: str(320), [REGISTER.PASSWORD]: str(4096), [REGISTER.INVITE_CODE]: optionalStr(200) }),
    query: identityMutation('Register', M.REGISTER, 'userId'),
    variables: (b) => ({ [ARG.INPUT]: b }),
    result: (d) => d[M.REGISTER],
  },
  {
    method: 'post',
    path: '/auth/email/verify/request',
    status: 202,
    body: z.object({ [ARG.EMAIL]: str(320) }),
    query: identityMutation('RequestEmailVerification', M.REQUEST_EMAIL_VERIFICATION),
    result: () => ({}),
  },
  {
    method: 'post',
    path: '/auth/email/verify/confirm',
    status: 200,
    body: z.object({ [ARG.TOKEN]: str(200) }),
    query: identityMutation('VerifyEmail', M.VERIFY_EMAIL, 'verified'),
    result: (d) => d[M.VERIFY_EMAIL],
  },
  {
    method: 'post',
    path: '/auth/login',
    status: 200,
    body: z.object({
      [LOGIN.EMAIL]: str(320),
      [LOGIN.PASSWORD]: str(4096),
      [LOGIN.OTP]: optionalStr(16),
      [LOGIN.RECOVERY_CODE]: optionalStr(64),
      [LOGIN.DEVICE_FINGERPRINT]: optionalStr(512),
    }),
    query: identityMutation('Login', M.LOGIN, SESSION_PAIR),
    variables: (b) => ({ [ARG.INPUT]: b }),
    result: (d) => d[M.LOGIN],
  },
  {
    method: 'post',
    path: '/auth/refresh',
    status: 200,
    body: z.object({ [ARG.REFRESH_TOKEN]: str(200) }),
    query: identityMutation('Refresh', M.REFRESH_SESSION, SESSION_PAIR),
    result: (d) => d[M.REFRESH_SESSION],
    statusOverrides: { INVALID_TOKEN: 401 },
  },
  { method: 'post', path: '/auth/logout', status: 204, query: identityMutation('Logout', M.LOGOUT), result: () => undefined },
  { method: 'post', path: '/auth/logout-all', status: 204, query: identityMutation('LogoutAll', M.LOGOUT_ALL), result: () => undefined },
  {
    method: 'post',
    path: '/auth/password-reset/request',
    status: 202,
    body: z.object({ [ARG.EMAIL]: str(320) }),
    query: identityMutation('RequestPasswordReset', M.REQUEST_PASSWORD_RESET),
    result: () => ({}),
  },
  {
    method: 'post',
    path: '/auth/password-reset/confirm',
    status: 200,
    body: z.object({ [ARG.TOKEN]: str(200), [ARG.NEW_PASSWORD]: str(4096) }),
    query: identityMutation('ResetPassword', M.RESET_PASSWORD),
    result: () => ({}),
  },
  {
    method: 'post',
    path: '/auth/2fa/setup',
    status: 200,
    body: z.object({ [ARG.CURRENT_PASSWORD]: str(4096) }),
    query: identityMutation('SetupTotp', M.SETUP_TOTP, 'secret otpauthUrl qrCodeDataUrl'),
    result: (d) => d[M.SETUP_TOTP],
  },
  {
    method: 'post',
    path: '/auth/2fa/verify',
    status: 200,
    body: z.object({ [ARG.CODE]: str(16) }),
    query: identityMutation('EnableTotp', M.ENABLE_TOTP, 'enabled recoveryCodes'),
    result: (d) => d[M.ENABLE_TOTP],
    // docs/design.md §8 (REST contract): a wrong code while enabling is a bad request, not a failed sign-in.
    statusOverrides: { INVALID_OTP: 400 },
  },
  {
    method: 'post',
    path: '/auth/password/change',
    status: 204,
    body: z.object({ [ARG.CURRENT_PASSWORD]: str(4096), [ARG.NEW_PASSWORD]: str(4096) }),
    query: identityMutation('ChangePassword', M.CHANGE_PASSWORD),
    result: () => undefined,
  },
  {
    method: 'post',
    path: '/auth/email/change/request',
    status: 202,
    body: z.object({ [ARG.CURRENT_PASSWORD]: str(4096), [ARG.NEW_EMAIL]: str(320) }),
    query: identityMutation('RequestEmailChange', M.REQUEST_EMAIL_CHANGE),
    result: () => ({}),
  },
  {
    method: 'post',
    path: '/auth/email/change/confirm',
    status: 200,
    body: z.object({ [ARG.TOKEN]: str(200) }),
    query: identityMutation('ConfirmEmailChange', M.CONFIRM_EMAIL_CHANGE, 'email'),
    result: (d) => d[M.CONFIRM_EMAIL_CHANGE],
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
