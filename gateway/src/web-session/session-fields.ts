import { Kind, visit } from 'graphql';
import type { ASTVisitor, DocumentNode, FragmentDefinitionNode, GraphQLFormattedError, OperationDefinitionNode } from 'graphql';
import { AUTH_PAYLOAD_REFRESH_TOKEN, IDENTITY_ARGUMENTS, IDENTITY_MUTATIONS } from '@cbp/contracts';
import { forEachField, fragmentsOf } from '../graphql/selections.js';

const { LOGIN, REFRESH_SESSION, LOGOUT, LOGOUT_ALL } = IDENTITY_MUTATIONS;

/** The root mutations whose outcome moves the refresh cookie. */
const SESSION_FIELDS = [LOGIN, REFRESH_SESSION, LOGOUT, LOGOUT_ALL] as const;
export type SessionFieldName = (typeof SESSION_FIELDS)[number];

const isSessionField = (name: string): name is SessionFieldName => (SESSION_FIELDS as readonly string[]).includes(name);

/** One session root field of the operation, as it appears in the response. */
export interface SessionField {
  name: SessionFieldName;
  /** Its key in `data` (the alias, or the name). */
  responseKey: string;
  /** login / refreshSession: every key under which the payload's `refreshToken` is selected (aliases included). */
  refreshTokenKeys: string[];
}

export interface SessionOperation {
  /** In document order, which is the order a mutation's root fields run in; one entry per response key. */
  fields: SessionField[];
  /**
   * Variables the gateway may fill from the cookie: each is the `refreshToken` argument of a `refreshSession` and
   * appears nowhere else in the document, so the cookie's value can reach only that resolver (never an echoing
   * field, an error message about another argument, or a second refresh that would count as reuse).
   */
  cookieVariables: string[];
}

/**
 * Finds the session root fields of a resolved operation: names decide (not aliases), fragments are expanded
 * (cycles cut), and a response key selected twice is one field, as in GraphQL's own field collection.
 */
export function sessionOperationOf(document: DocumentNode, operation: OperationDefinitionNode): SessionOperation {
  if (operation.operation !== 'mutation') return { fields: [], cookieVariables: [] };
  const fragments = fragmentsOf(document);
  const byKey = new Map<string, SessionField>();
  const refreshArgVariables = new Set<string>();
  forEachField(operation.selectionSet, fragments, (field) => {
    const name = field.name.value;
    if (!isSessionField(name)) return;
    const responseKey = field.alias?.value ?? name;
    const entry = byKey.get(responseKey) ?? { name, responseKey, refreshTokenKeys: [] };
    byKey.set(responseKey, entry);
    if (name !== LOGIN && name !== REFRESH_SESSION) return;
    if (field.selectionSet) {
      forEachField(field.selectionSet, fragments, (sub) => {
        const key = sub.alias?.value ?? sub.name.value;
        if (sub.name.value === AUTH_PAYLOAD_REFRESH_TOKEN && !entry.refreshTokenKeys.includes(key)) entry.refreshTokenKeys.push(key);
      });
    }
    const arg = field.arguments?.find((a) => a.name.value === IDENTITY_ARGUMENTS.REFRESH_TOKEN);
    if (name === REFRESH_SESSION && arg?.value.kind === Kind.VARIABLE) refreshArgVariables.add(arg.value.name.value);
  });

  const uses = variableUses(operation, fragments.values());
  const eligible = [...refreshArgVariables].filter((v) => uses.get(v) === 1);
  // One refresh per cookie: two refreshSession fields filled from it would present the same token twice, and the
  // second would count as reuse and revoke the session. Such an operation gets no cookie at all.
  return { fields: [...byKey.values()], cookieVariables: eligible.length === 1 ? eligible : [] };
}

/** How many times each variable is referenced in the operation and in every fragment of the document. */
function variableUses(operation: OperationDefinitionNode, fragments: Iterable<FragmentDefinitionNode>): Map<string, number> {
  const uses = new Map<string, number>();
  const visitor: ASTVisitor = {
    // A definition `$t: String!` declares the variable; it is not a use.
    VariableDefinition: () => false,
    Variable: (node) => {
      uses.set(node.name.value, (uses.get(node.name.value) ?? 0) + 1);
    },
  };
  visit(operation, visitor);
  for (const fragment of fragments) visit(fragment, visitor);
  return uses;
}

/** What the response does to the refresh cookie. */
export type CookieAction = { kind: 'set'; refreshToken: string } | { kind: 'clear' };

export interface ExecutionResultLike {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * Takes every refresh token out of the result (each selected `refreshToken` becomes "", so JavaScript never sees
 * one) and says what to do with the cookie. Root fields are read in the order they ran; the last one that moves
 * the cookie decides:
 * - a `login` / `refreshSession` payload with a refresh token → set it;
 * - `refreshSession` failing with INVALID_TOKEN (when `clearOnInvalidToken`: the refresh ran on the cookie, or
 *   there was none) → clear it;
 * - `logout` / `logoutAll`, whatever the outcome → clear it: the person asked to be signed out, and a browser that
 *   keeps the cookie after a failed sign-out (expired token, identity unreachable) would stay signed in.
 * Mutates `result.data` in place.
 */
export function takeRefreshTokens(
  fields: readonly SessionField[],
  result: ExecutionResultLike,
  { clearOnInvalidToken = true } = {},
): CookieAction | null {
  let action: CookieAction | null = null;
  for (const field of fields) {
    const value = result.data?.[field.responseKey];
    const errors = (result.errors ?? []).filter((e) => e.path?.[0] === field.responseKey);
    if (field.name === LOGIN || field.name === REFRESH_SESSION) {
      if (isRecord(value)) {
        let token: string | null = null;
        for (const key of field.refreshTokenKeys) {
          const raw = value[key];
          if (typeof raw === 'string' && raw !== '') token ??= raw;
          if (key in value) value[key] = '';
        }
        if (token) action = { kind: 'set', refreshToken: token };
      } else if (field.name === REFRESH_SESSION && clearOnInvalidToken && errors.some((e) => e.extensions?.code === 'INVALID_TOKEN')) {
        action = { kind: 'clear' };
      }
    } else {
      action = { kind: 'clear' };
    }
  }
  return action;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
