// The schema files name scopes as literal strings in `@requireScopes`; code names them through SCOPES. Both must
// agree, or a field would demand a scope no role can be granted.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Kind, parse, visit } from 'graphql';
import type { DirectiveNode } from 'graphql';
import { ALL_SCOPES, isScope, SCOPES } from './scopes.js';
import type { Scope } from './scopes.js';

const SCHEMA_DIR = new URL('../../../schema/', import.meta.url);

/** Scopes that only code checks (self-or-scope rules, optional widening of a list), never a schema directive. */
const CHECKED_IN_CODE_ONLY: readonly Scope[] = [SCOPES.USERS_WRITE, SCOPES.SESSIONS_READ, SCOPES.INVITATIONS_READ];

function scopesRequiredBySchemas(): Set<string> {
  const found = new Set<string>();
  const subgraphSchemas = readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.graphql') && name !== 'supergraph.graphql');
  expect(subgraphSchemas.length).toBeGreaterThan(0);
  for (const name of subgraphSchemas) {
    visit(parse(readFileSync(new URL(name, SCHEMA_DIR), 'utf8')), {
      Directive(node: DirectiveNode) {
        if (node.name.value !== 'requireScopes') return;
        for (const arg of node.arguments ?? []) {
          if (arg.name.value !== 'scopes' || arg.value.kind !== Kind.LIST) continue;
          for (const value of arg.value.values) if (value.kind === Kind.STRING) found.add(value.value);
        }
      },
    });
  }
  return found;
}

describe('SCOPES', () => {
  it('holds every scope a schema requires', () => {
    const required = scopesRequiredBySchemas();
    expect(required.size).toBeGreaterThan(0);
    for (const scope of required) expect(ALL_SCOPES).toContain(scope);
  });

  it('holds no scope that neither a schema nor the code-only list accounts for', () => {
    const required = scopesRequiredBySchemas();
    const unaccounted = ALL_SCOPES.filter((scope) => !required.has(scope) && !CHECKED_IN_CODE_ONLY.includes(scope));
    expect(unaccounted).toEqual([]);
    // A code-only scope that a schema now requires belongs off the list.
    expect(CHECKED_IN_CODE_ONLY.filter((scope) => required.has(scope))).toEqual([]);
  });

  it('names each scope once, as resource:action', () => {
    expect(new Set(ALL_SCOPES).size).toBe(ALL_SCOPES.length);
    for (const scope of ALL_SCOPES) expect(scope).toMatch(/^[a-z]+:[a-z]+$/);
  });

  it('recognises its own scopes only', () => {
    expect(isScope(SCOPES.AUDIT_READ)).toBe(true);
    expect(isScope('audit:write')).toBe(false);
    expect(isScope(undefined)).toBe(false);
  });
});
