import { describe, expect, it } from '@jest/globals';
import type { GraphQLRequestContextDidResolveOperation, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError, parse } from 'graphql';
import { ANONYMOUS } from '@cbp/service-kit';
import type { RequestIdentity } from '@cbp/service-kit';
import { ADMIN_SCOPE, introspectionGuard, mayIntrospect, usesIntrospection } from './introspection-guard.js';

interface Ctx {
  identity: RequestIdentity;
}

const user = (scopes: string[]): RequestIdentity => ({ kind: 'user', userId: 'u1', sessionId: 's1', roles: [], scopes, amr: ['pwd'] });
const admin = user([ADMIN_SCOPE, 'users:read']);

describe('usesIntrospection', () => {
  it.each([
    ['__schema', '{ __schema { queryType { name } } }'],
    ['__type', '{ __type(name: "User") { name fields { name } } }'],
    ['an aliased __schema', '{ s: __schema { types { name } } }'],
    ['__schema beside ordinary fields', 'query Q { me { id } __schema { types { name } } }'],
    ['__schema in a named fragment', 'query { ...Intro } fragment Intro on Query { __schema { types { name } } }'],
    ['__type in an inline fragment', '{ ... on Query { __type(name: "User") { name } } }'],
    ['__schema in a second operation', 'query A { me { id } } query B { __schema { types { name } } }'],
    [
      'GraphiQL-style introspection',
      'query IntrospectionQuery { __schema { queryType { name } types { ...FullType } } } fragment FullType on __Type { kind name }',
    ],
  ])('finds %s', (_name, query) => {
    expect(usesIntrospection(parse(query))).toBe(true);
  });

  it.each([
    ['__typename at the root', '{ __typename }'],
    ['__typename inside a selection', '{ me { __typename id email } }'],
    ['an ordinary query', 'query { adminPing { ok at } }'],
    ['a field merely named like a meta-field prefix', '{ me { id } }'],
  ])('does not flag %s', (_name, query) => {
    expect(usesIntrospection(parse(query))).toBe(false);
  });
});

describe('mayIntrospect', () => {
  it('lets everyone introspect outside production', () => {
    expect(mayIntrospect(ANONYMOUS, false)).toBe(true);
    expect(mayIntrospect(user([]), false)).toBe(true);
  });

  it('lets only holders of admin:access introspect in production', () => {
    expect(mayIntrospect(ANONYMOUS, true)).toBe(false);
    expect(mayIntrospect(user([]), true)).toBe(false);
    expect(mayIntrospect(user(['users:read', 'audit:read']), true)).toBe(false);
    expect(mayIntrospect(admin, true)).toBe(true);
  });
});

describe('introspectionGuard plugin', () => {
  async function run(production: boolean, identity: RequestIdentity, query: string): Promise<unknown> {
    const plugin = introspectionGuard<Ctx>({ production });
    const listener = (await plugin.requestDidStart?.({} as never)) as GraphQLRequestListener<Ctx> | undefined;
    if (!listener?.didResolveOperation) return undefined;
    try {
      await listener.didResolveOperation({
        document: parse(query),
        contextValue: { identity },
      } as unknown as GraphQLRequestContextDidResolveOperation<Ctx>);
      return undefined;
    } catch (err) {
      return err;
    }
  }

  it('refuses __schema and __type to anonymous callers and plain users in production, with FORBIDDEN', async () => {
    for (const identity of [ANONYMOUS, user(['users:read'])]) {
      for (const query of ['{ __schema { types { name } } }', '{ __type(name: "User") { name } }']) {
        const err = await run(true, identity, query);
        expect(err).toBeInstanceOf(GraphQLError);
        expect((err as GraphQLError).extensions).toMatchObject({ code: 'FORBIDDEN', http: { status: 403 } });
        // Names nothing of the schema.
        expect((err as GraphQLError).message).toBe('Introspection is available to administrators only.');
      }
    }
  });

  it('lets admins introspect in production, and lets anyone ask for __typename', async () => {
    expect(await run(true, admin, '{ __schema { types { name } } }')).toBeUndefined();
    expect(await run(true, ANONYMOUS, '{ __typename }')).toBeUndefined();
    expect(await run(true, user([]), '{ me { __typename id } }')).toBeUndefined();
  });

  it('stays out of the way outside production', async () => {
    expect(await run(false, ANONYMOUS, '{ __schema { types { name } } }')).toBeUndefined();
  });
});
