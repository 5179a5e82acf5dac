// A dependency that cannot be reached answers 503 SERVICE_UNAVAILABLE on every path, REST and GraphQL, whatever
// code path threw it; a plain bug stays INTERNAL_SERVER_ERROR (and neither leaks the original message).
import { describe, expect, it } from '@jest/globals';
import { formatGraphQLError, isDependencyUnavailable, toRestError } from './format.js';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });
const named = (message: string, name: string): Error => Object.assign(new Error(message), { name });

const unreachable: [string, Error][] = [
  ['a refused socket', withCode('connect ECONNREFUSED 127.0.0.1:6399', 'ECONNREFUSED')],
  ['a reset socket', withCode('read ECONNRESET', 'ECONNRESET')],
  ['PostgreSQL shutting down (57P01)', withCode('terminating connection due to administrator command', '57P01')],
  ['a PostgreSQL connection failure (08006)', withCode('connection failure', '08006')],
  ['ioredis giving up', named('Reached the max retries per request limit (which is 20).', 'MaxRetriesPerRequestError')],
  ['ioredis after disconnect', new Error('Connection is closed.')],
  ['pg after the server went away', new Error('Connection terminated unexpectedly')],
  ['MikroORM wrapping a refused connection', named('connect failed', 'ConnectionException')],
  ['a pool timeout', named('Knex: Timeout acquiring a connection. The pool is probably full.', 'KnexTimeoutError')],
  ['a cause two levels down', new Error('query failed', { cause: new Error('wrapped', { cause: withCode('x', 'ECONNREFUSED') }) })],
];

describe('an unreachable dependency is 503 SERVICE_UNAVAILABLE', () => {
  it.each(unreachable)('%s', (_label, err) => {
    expect(isDependencyUnavailable(err)).toBe(true);
    const rest = toRestError(err);
    expect(rest.status).toBe(503);
    expect(rest.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(rest.body.error.message).not.toContain(err.message);
    const gql = formatGraphQLError({ message: err.message, path: ['me'] }, err);
    expect(gql.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    expect(gql.message).not.toContain(err.message);
  });
});

describe('a bug stays a 500 without detail', () => {
  it.each([
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error', withCode('syntax error at or near "selec"', '42601')],
    ['not an Error at all', 'boom' as unknown as Error],
  ])('%s', (_label, err) => {
    expect(isDependencyUnavailable(err)).toBe(false);
    expect(toRestError(err)).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL_SERVER_ERROR' } } });
    expect(formatGraphQLError({ message: String(err) }, err).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
