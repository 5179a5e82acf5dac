import { describe, expect, it } from '@jest/globals';
import { GraphQLScalarType } from 'graphql';
import { mergeResolvers } from './merge-resolvers.js';

const me = () => 'me';
const users = () => [];
const login = () => 'token';
const logout = () => true;

describe('mergeResolvers', () => {
  it('combines the fields each part gives a type, keeping the types only one part names', () => {
    const merged = mergeResolvers({ Query: { me }, Mutation: { login } }, { Query: { users }, User: { __resolveReference: me } });
    expect(merged).toEqual({ Query: { me, users }, Mutation: { login }, User: { __resolveReference: me } });
  });

  it('lets a later part override a field an earlier one resolved', () => {
    expect(mergeResolvers({ Mutation: { login, logout } }, { Mutation: { login: me } })).toEqual({ Mutation: { login: me, logout } });
  });

  it('leaves the parts untouched', () => {
    const first = { Query: { me } };
    mergeResolvers(first, { Query: { users } });
    expect(first).toEqual({ Query: { me } });
  });

  it('keeps a scalar as the instance it is', () => {
    const scalar = new GraphQLScalarType({ name: 'DateTime' });
    expect(mergeResolvers({ Query: { me } }, { DateTime: scalar }).DateTime).toBe(scalar);
  });

  it('gives an empty map for no parts', () => {
    expect(mergeResolvers()).toEqual({});
  });
});

describe('mergeResolvers with optional types', () => {
  it('skips a type a part declares as undefined', () => {
    const part: { Query?: { me: typeof me }; Mutation?: { login: typeof login } } = { Query: { me }, Mutation: undefined };
    expect(mergeResolvers({ Mutation: { login } }, part)).toEqual({ Query: { me }, Mutation: { login } });
  });
});
