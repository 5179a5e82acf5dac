// Rule: in cookie mode JavaScript never sees a refresh token. Root field names (not aliases) decide which fields
// move the cookie; every selection of `refreshToken` under them is blanked, however it is aliased or fragmented;
// the cookie fills only a `refreshSession` variable that nothing else in the document can read.
import { describe, expect, it } from '@jest/globals';
import { Kind, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { sessionOperationOf, takeRefreshTokens } from './session-fields.js';

function plan(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('no operation');
  return sessionOperationOf(document, operation);
}

describe('sessionOperationOf', () => {
  it('finds session root fields by name, with their response keys, through fragments', () => {
    const { fields } = plan(
      'mutation { a: login(input: {}) { refreshToken } ...F ... on Mutation { logout } register(input: {}) { userId } } fragment F on Mutation { refreshSession(refreshToken: "x") { rt: refreshToken } }',
    );
    expect(fields).toEqual([
      { name: 'login', responseKey: 'a', refreshTokenKeys: ['refreshToken'] },
      { name: 'refreshSession', responseKey: 'refreshSession', refreshTokenKeys: ['rt'] },
      { name: 'logout', responseKey: 'logout', refreshTokenKeys: [] },
    ]);
  });

  it('does not treat an alias named like a session field as one', () => {
    expect(plan('mutation { login: register(input: {}) { userId } }').fields).toEqual([]);
  });

  it('collects every key of refreshToken in the payload (aliases, inline and named fragments)', () => {
    const { fields } = plan(
      'mutation { login(input: {}) { refreshToken a: refreshToken ... on AuthPayload { b: refreshToken } ...P } } fragment P on AuthPayload { c: refreshToken refreshToken }',
    );
    expect(fields[0]?.refreshTokenKeys).toEqual(['refreshToken', 'a', 'b', 'c']);
  });

  it('merges a field selected twice under one key, as execution does', () => {
    expect(plan('mutation { ...F ...F } fragment F on Mutation { logout }').fields).toHaveLength(1);
  });

  it('ignores queries', () => {
    expect(plan('query { login }').fields).toEqual([]);
  });

  it('offers the refreshSession variable for the cookie when it is used only there', () => {
    expect(plan('mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } }').cookieVariables).toEqual(['t']);
    expect(
      plan('mutation R($t: String!) { ...F } fragment F on Mutation { refreshSession(refreshToken: $t) { accessToken } }').cookieVariables,
    ).toEqual(['t']);
  });

  it('never offers a variable that another field, directive or second refresh could read', () => {
    expect(
      plan('mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } requestPasswordReset(email: $t) }').cookieVariables,
    ).toEqual([]);
    expect(
      plan(
        'mutation R($t: String!) { a: refreshSession(refreshToken: $t) { accessToken } b: refreshSession(refreshToken: $t) { accessToken } }',
      ).cookieVariables,
    ).toEqual([]);
    expect(plan('mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken @include(if: $t) } }').cookieVariables).toEqual(
      [],
    );
    expect(
      plan(
        'mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } ...F } fragment F on Mutation { requestPasswordReset(email: $t) }',
      ).cookieVariables,
    ).toEqual([]);
  });

  it('offers nothing when two refreshSession fields each have a variable (one cookie, one refresh)', () => {
    expect(
      plan(
        'mutation R($a: String!, $b: String!) { x: refreshSession(refreshToken: $a) { accessToken } y: refreshSession(refreshToken: $b) { accessToken } }',
      ).cookieVariables,
    ).toEqual([]);
  });

  it('offers nothing for a literal argument', () => {
    expect(plan('mutation { refreshSession(refreshToken: "") { accessToken } }').cookieVariables).toEqual([]);
  });
});

describe('takeRefreshTokens', () => {
  const login = { name: 'login' as const, responseKey: 'signIn', refreshTokenKeys: ['refreshToken', 'rt'] };
  const refresh = { name: 'refreshSession' as const, responseKey: 'refreshSession', refreshTokenKeys: ['refreshToken'] };
  const logout = { name: 'logout' as const, responseKey: 'logout', refreshTokenKeys: [] };
  const invalid = { message: 'Invalid token', path: ['refreshSession'], extensions: { code: 'INVALID_TOKEN' } };

  it('takes the issued token out of every selected key and says to set it', () => {
    const result = { data: { signIn: { accessToken: 'at', refreshToken: 'id.secret', rt: 'id.secret' } } };
    expect(takeRefreshTokens([login], result)).toEqual({ kind: 'set', refreshToken: 'id.secret' });
    expect(result.data.signIn).toEqual({ accessToken: 'at', refreshToken: '', rt: '' });
  });

  it('does nothing for a payload without a token, or a failed login', () => {
    expect(takeRefreshTokens([login], { data: { signIn: { accessToken: 'at' } } })).toBeNull();
    expect(
      takeRefreshTokens([login], { data: null, errors: [{ message: 'x', path: ['signIn'], extensions: { code: 'INVALID_CREDENTIALS' } }] }),
    ).toBeNull();
  });

  it('clears the cookie when refresh fails with INVALID_TOKEN, unless told the cookie was not the one tried', () => {
    expect(takeRefreshTokens([refresh], { data: null, errors: [invalid] })).toEqual({ kind: 'clear' });
    expect(takeRefreshTokens([refresh], { data: null, errors: [invalid] }, { clearOnInvalidToken: false })).toBeNull();
    expect(takeRefreshTokens([refresh], { data: null, errors: [{ ...invalid, extensions: { code: 'RATE_LIMITED' } }] })).toBeNull();
  });

  it('clears the cookie after a logout, whether or not it succeeded (the person asked to be signed out)', () => {
    expect(takeRefreshTokens([logout], { data: { logout: true } })).toEqual({ kind: 'clear' });
    expect(
      takeRefreshTokens([logout], {
        data: null,
        errors: [{ message: 'x', path: ['logout'], extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      }),
    ).toEqual({ kind: 'clear' });
  });

  it('lets the last root field that ran decide, and still blanks every token', () => {
    const result = { data: { logout: true, signIn: { refreshToken: 'new.token', rt: 'new.token' } } };
    expect(takeRefreshTokens([logout, login], result)).toEqual({ kind: 'set', refreshToken: 'new.token' });
    expect(takeRefreshTokens([login, logout], { data: { signIn: { refreshToken: 'x.y' }, logout: true } })).toEqual({ kind: 'clear' });
  });
});
