// Rule: rate limits count resolver calls. Every root field of the operation is found — each alias, each copy
// inside inline and named fragments — with its arguments resolved from literals and variables.
import { describe, expect, it } from '@jest/globals';
import { buildSchema, Kind, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { accountKeyOfEmail, AUTH_FIELDS, rootFieldCalls } from './auth-fields.js';

const schema = buildSchema(`
  input LoginInput { email: String!, password: String!, otp: String }
  type Query { ok: Boolean }
  type Mutation { login(input: LoginInput!): Boolean, requestPasswordReset(email: String! = "default@example.test"): Boolean, logout: Boolean }
`);

function calls(query: string, variables: Record<string, unknown> = {}, withSchema = false) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('no operation');
  return rootFieldCalls(document, operation, variables, withSchema ? schema : undefined);
}

describe('rootFieldCalls', () => {
  it('counts aliases separately', () => {
    expect(
      calls('mutation { a: login(input: {email: "x"}) { accessToken } b: login(input: {email: "y"}) { accessToken } }').map((c) => c.name),
    ).toEqual(['login', 'login']);
  });

  it('expands inline and named fragments, each spread counting', () => {
    const q =
      'mutation { ...F ...F ... on Mutation { logout } } fragment F on Mutation { register(input: {email: "a", password: "b"}) { userId } }';
    expect(calls(q).map((c) => c.name)).toEqual(['register', 'register', 'logout']);
  });

  it('counts fields under @skip too (never fewer than run)', () => {
    expect(calls('mutation { logout @skip(if: true) logoutAll }')).toHaveLength(2);
  });

  it('resolves arguments from variables', () => {
    const [call] = calls('mutation M($e: String!) { requestPasswordReset(email: $e) }', { e: 'A@Example.test' });
    expect(call?.args).toEqual({ email: 'A@Example.test' });
  });

  it('names each call by its response key', () => {
    expect(calls('mutation { a: logout logout }').map((c) => c.responseKey)).toEqual(['a', 'logout']);
  });

  it('reads arguments given only as variable defaults, with or without the schema', () => {
    const query = 'mutation($i: LoginInput = {email: "victim@example.test", password: "x"}) { login(input: $i) }';
    for (const withSchema of [false, true]) {
      expect(calls(query, {}, withSchema)[0]?.args).toEqual({ input: { email: 'victim@example.test', password: 'x' } });
    }
  });

  it('coerces arguments against the schema: argument defaults apply, given variables win over defaults', () => {
    expect(calls('mutation { requestPasswordReset }', {}, true)[0]?.args).toEqual({ email: 'default@example.test' });
    const query = 'mutation($e: String! = "d@example.test") { requestPasswordReset(email: $e) }';
    expect(calls(query, { e: 'given@example.test' }, true)[0]?.args).toEqual({ email: 'given@example.test' });
  });
});

describe('AUTH_FIELDS', () => {
  it('keys login on the normalised e-mail, and on the OTP budget too when a code is sent', () => {
    expect(AUTH_FIELDS.login?.accounts({ input: { email: ' A@Example.TEST ' } }, null)).toEqual([
      { budget: 'login', account: 'a@example.test' },
    ]);
    expect(AUTH_FIELDS.login?.accounts({ input: { email: 'a@b.c', otp: '123456' } }, null)).toEqual([
      { budget: 'login', account: 'a@b.c' },
      { budget: 'otp', account: 'a@b.c' },
    ]);
  });

  it('keys TOTP management on the signed-in user', () => {
    expect(AUTH_FIELDS.enableTotp?.accounts({ code: '1' }, 'u1')).toEqual([{ budget: 'otp', account: 'user:u1' }]);
  });

  it("keys re-authentication on the signed-in user's login budget (a wrong current password is a failed login)", () => {
    for (const name of ['changePassword', 'setupTotp', 'regenerateRecoveryCodes', 'disableTotp', 'requestEmailChange']) {
      expect(AUTH_FIELDS[name]?.accounts({ currentPassword: 'x' }, 'u1')).toContainEqual({ budget: 'login', account: 'user:u1' });
    }
    expect(AUTH_FIELDS.requestEmailChange?.accounts({}, 'u1')).toContainEqual({ budget: 'email', account: 'user:u1' });
    expect(AUTH_FIELDS.confirmEmailChange?.accounts({ token: 't' }, null)).toEqual([]);
  });

  it('keys every blank address on one shared account, and has none without an email string (null: refused)', () => {
    expect(AUTH_FIELDS.login?.accounts({ input: { email: '  ' } }, null)).toEqual([{ budget: 'login', account: '' }]);
    expect(AUTH_FIELDS.login?.accounts({ input: {} }, null)).toBeNull();
    expect(AUTH_FIELDS.requestPasswordReset?.accounts({}, null)).toBeNull();
  });
});

describe('account keys of an email', () => {
  it('are the address as identity normalises it, so case and full-width letters share one budget', () => {
    const victim = AUTH_FIELDS.login?.accounts({ input: { email: 'VICTIM@example.com' } }, null);
    expect(victim).toEqual([{ budget: 'login', account: 'victim@example.com' }]);
    expect(AUTH_FIELDS.login?.accounts({ input: { email: 'victim@\uff45xample.com' } }, null)).toEqual(victim);
    expect(AUTH_FIELDS.requestPasswordReset?.accounts({ email: 'victim@\uff45xample.com' }, null)).toEqual([
      { budget: 'email', account: 'victim@example.com' },
    ]);
    expect(accountKeyOfEmail('user@B\u00fcCHER.de')).toBe(accountKeyOfEmail('user@xn--bcher-kva.de'));
  });

  it('fall back to the trimmed, lower-cased value for an address identity will refuse', () => {
    expect(accountKeyOfEmail(' Not An Address ')).toBe('not an address');
    expect(accountKeyOfEmail('   ')).toBeNull();
    expect(accountKeyOfEmail(42)).toBeNull();
  });
});
