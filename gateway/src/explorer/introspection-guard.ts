import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, visit } from 'graphql';
import type { DocumentNode } from 'graphql';
import { SCOPES } from '@cbp/contracts';
import type { Scope } from '@cbp/contracts';
import { hasScope } from '@cbp/service-kit';
import type { RequestIdentity } from '@cbp/service-kit';

/** The scope that makes a caller an administrator (seeded on the `admin` role). */
export const ADMIN_SCOPE: Scope = SCOPES.ADMIN_ACCESS;

/** The meta-fields that reveal the schema. `__typename` reveals nothing and stays open to everyone. */
const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

/** True when any selection of the document (operations and fragments alike) asks for `__schema` or `__type`. */
export function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (!INTROSPECTION_FIELDS.has(node.name.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/** Outside production everyone may introspect; in production only a caller holding the admin scope. */
export function mayIntrospect(identity: RequestIdentity, production: boolean, scope: Scope = ADMIN_SCOPE): boolean {
  return !production || hasScope(identity, scope);
}

export function introspectionForbidden(): GraphQLError {
  // 403 like the REST face; Apollo drops `extensions.http` from the body. The message names no field or type.
  return new GraphQLError('Introspection is available to administrators only.', {
    extensions: { code: 'FORBIDDEN', http: { status: 403 } },
  });
}

/**
 * Introspection for admins only (ASVS 4.3.2). The server runs with `introspection: true`; this plugin refuses
 * `__schema` / `__type` per request, once the caller is known. A validation rule cannot do this: Apollo caches
 * validation per document, not per caller, and validation rules see no context.
 */
export function introspectionGuard<TContext extends { identity: RequestIdentity }>(options: {
  production: boolean;
  scope?: Scope;
}): ApolloServerPlugin<TContext> {
  const scope = options.scope ?? ADMIN_SCOPE;
  return {
    async requestDidStart() {
      if (!options.production) return undefined;
      return {
        async didResolveOperation({ document, contextValue }) {
          if (usesIntrospection(document) && !mayIntrospect(contextValue.identity, true, scope)) throw introspectionForbidden();
        },
      };
    },
  };
}
