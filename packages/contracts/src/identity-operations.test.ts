// Every identity name other services rely on must exist in identity's schema, with the arguments and types they
// declare: a rename in the schema fails here, not silently in a rate limit or a cookie.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { buildSchema, getNamedType, isInputObjectType, isObjectType } from 'graphql';
import type { GraphQLInputObjectType } from 'graphql';
import {
  AUTH_PAYLOAD_REFRESH_TOKEN,
  IDENTITY_ARGUMENTS,
  IDENTITY_MUTATION_ARGUMENTS,
  IDENTITY_MUTATIONS,
  LOGIN_INPUT_FIELDS,
  REGISTER_INPUT_FIELDS,
} from './identity-operations.js';

// Federation directives (@key, @link) are not defined in a subgraph's SDL; only the shape matters here.
const schema = buildSchema(readFileSync(new URL('../../../schema/identity.graphql', import.meta.url), 'utf8'), { assumeValidSDL: true });
const mutations = schema.getMutationType()?.getFields() ?? {};

function inputObjectOf(mutation: string, argument: string): GraphQLInputObjectType {
  const type = getNamedType(mutations[mutation]?.args.find((a) => a.name === argument)?.type);
  if (!isInputObjectType(type)) throw new Error(`${mutation}(${argument}) is not an input object`);
  return type;
}

describe('identity operation names', () => {
  it('names only mutations identity has, and lists the arguments of each', () => {
    expect(Object.keys(IDENTITY_MUTATION_ARGUMENTS).sort()).toEqual(Object.values(IDENTITY_MUTATIONS).sort());
    for (const name of Object.values(IDENTITY_MUTATIONS)) {
      const field = mutations[name];
      expect({ name, exists: field !== undefined }).toEqual({ name, exists: true });
      const declared = Object.fromEntries(field?.args.map((arg) => [arg.name, String(arg.type)]) ?? []);
      expect({ name, args: declared }).toEqual({ name, args: IDENTITY_MUTATION_ARGUMENTS[name] });
    }
  });

  it('names only arguments some listed mutation takes', () => {
    const used = new Set(Object.values(IDENTITY_MUTATION_ARGUMENTS).flatMap((args) => Object.keys(args)));
    expect(Object.values(IDENTITY_ARGUMENTS).filter((arg) => !used.has(arg))).toEqual([]);
  });

  it('names the fields of the login and register inputs as the schema does', () => {
    const login = inputObjectOf(IDENTITY_MUTATIONS.LOGIN, IDENTITY_ARGUMENTS.INPUT);
    expect(Object.keys(login.getFields()).sort()).toEqual(Object.values(LOGIN_INPUT_FIELDS).sort());
    const register = inputObjectOf(IDENTITY_MUTATIONS.REGISTER, IDENTITY_ARGUMENTS.INPUT);
    expect(Object.keys(register.getFields()).sort()).toEqual(Object.values(REGISTER_INPUT_FIELDS).sort());
  });

  it('finds the refresh token on the payloads of login and refreshSession', () => {
    for (const name of [IDENTITY_MUTATIONS.LOGIN, IDENTITY_MUTATIONS.REFRESH_SESSION]) {
      const payload = getNamedType(mutations[name]?.type);
      expect(isObjectType(payload) && AUTH_PAYLOAD_REFRESH_TOKEN in payload.getFields()).toBe(true);
    }
  });
});
