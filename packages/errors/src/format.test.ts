import { describe, expect, it } from '@jest/globals';
import { AppError, AUTH_ERRORS, COMMON_ERRORS, formatGraphQLError, statusForCode, toRestError } from './index.js';

describe('toRestError', () => {
  it('keeps the code, message and status of an AppError', () => {
    const { status, body } = toRestError(new AppError(AUTH_ERRORS.EMAIL_IN_USE));
    expect(status).toBe(409);
    expect(body).toEqual({ error: { code: 'EMAIL_IN_USE', message: AUTH_ERRORS.EMAIL_IN_USE.message } });
  });

  it('lets a throw site override the status where the contract gives one code two statuses', () => {
    expect(toRestError(new AppError(AUTH_ERRORS.INVALID_TOKEN, { status: 401 })).status).toBe(401);
  });

  it('hides anything that is not an AppError behind INTERNAL_SERVER_ERROR', () => {
    const { status, body } = toRestError(new Error('connection to 10.0.0.3 refused, password=hunter2'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(body.error.code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('formatGraphQLError', () => {
  it('maps an AppError to extensions.code with safe details only', () => {
    const err = new AppError(COMMON_ERRORS.VALIDATION_FAILED, { details: { field: 'email' }, cause: new Error('secret') });
    const out = formatGraphQLError({ message: 'x', extensions: { stacktrace: ['at secret'] } }, err);
    expect(out.extensions).toEqual({ code: 'VALIDATION_FAILED', details: { field: 'email' } });
    expect(JSON.stringify(out)).not.toContain('secret');
  });

  it('passes graphql validation errors through without a stack trace', () => {
    const out = formatGraphQLError(
      { message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['s'] } },
      undefined,
    );
    expect(out.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('turns an unknown error into a generic INTERNAL_SERVER_ERROR', () => {
    const out = formatGraphQLError({ message: 'relation "identity.users" does not exist' }, new Error('db'));
    expect(out).toMatchObject({ message: COMMON_ERRORS.INTERNAL_SERVER_ERROR.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});

it('statusForCode maps catalogue codes and defaults unknown ones to 500', () => {
  expect(statusForCode('ACCOUNT_LOCKED')).toBe(423);
  expect(statusForCode('OTP_REQUIRED')).toBe(401);
  expect(statusForCode('NOPE')).toBe(500);
});

describe('formatGraphQLError at the gateway', () => {
  it('passes a catalogue code relayed from a subgraph through, dropping everything but code and details', () => {
    const out = formatGraphQLError(
      {
        message: AUTH_ERRORS.INVALID_CREDENTIALS.message,
        extensions: { code: 'INVALID_CREDENTIALS', serviceName: 'identity', stacktrace: ['x'] },
      },
      new Error('wrapped'),
    );
    expect(out.extensions).toEqual({ code: 'INVALID_CREDENTIALS' });
  });

  it('reports an unreachable subgraph as SERVICE_UNAVAILABLE', () => {
    const out = formatGraphQLError(
      { message: 'connect ECONNREFUSED 127.0.0.1:4001', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } },
      undefined,
    );
    expect(out).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(out.message).not.toContain('127.0.0.1');
  });
});
