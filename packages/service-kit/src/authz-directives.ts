import { defaultFieldResolver, GraphQLObjectType } from 'graphql';
import type { DirectiveNode, GraphQLField, GraphQLSchema } from 'graphql';
import { AppError, COMMON_ERRORS } from '@cbp/errors';
import type { RequestIdentity } from './identity.js';

/**
 * SDL for the authorization directives every subgraph declares. They are enforced here, in the subgraph that
 * resolves the field (ASVS 8.3.1), not only at the gateway:
 *  - `@requireAuth`: a signed-in user.
 *  - `@requireScopes(scopes: [...])`: a signed-in user holding every listed scope.
 * On an OBJECT they apply to each of its fields. Object-level rules ("only your own sessions") live in services.
 */
export const AUTHZ_DIRECTIVES_SDL = /* GraphQL */ `
  directive @requireAuth on FIELD_DEFINITION | OBJECT
  directive @requireScopes(scopes: [String!]!) on FIELD_DEFINITION | OBJECT
`;

interface Requirement {
  auth: boolean;
  scopes: string[];
}

function readRequirement(directives: readonly DirectiveNode[] | undefined, into: Requirement): void {
  for (const directive of directives ?? []) {
    if (directive.name.value === 'requireAuth') into.auth = true;
    if (directive.name.value === 'requireScopes') {
      into.auth = true;
      const arg = directive.arguments?.find((a) => a.name.value === 'scopes');
      if (arg?.value.kind === 'ListValue') {
        for (const v of arg.value.values) if (v.kind === 'StringValue') into.scopes.push(v.value);
      }
    }
  }
}

/** Throws UNAUTHENTICATED / FORBIDDEN unless `identity` satisfies the requirement. */
export function assertAllowed(identity: RequestIdentity, requirement: Requirement): void {
  if (!requirement.auth) return;
  if (identity.kind !== 'user') throw new AppError(COMMON_ERRORS.UNAUTHENTICATED);
  const missing = requirement.scopes.filter((s) => !identity.scopes.includes(s));
  if (missing.length > 0) throw new AppError(COMMON_ERRORS.FORBIDDEN, { details: { missingScopes: missing } });
}

/**
 * Wraps, in place, the resolver of every field carrying an authz directive (or on a type carrying one).
 * In place rather than with `mapSchema`, because rebuilding the types would drop the `resolveReference`
 * functions that @apollo/subgraph attaches to entity types.
 */
export function applyAuthzDirectives(schema: GraphQLSchema, identityOf: (context: unknown) => RequestIdentity): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    const typeRequirement: Requirement = { auth: false, scopes: [] };
    readRequirement(type.astNode?.directives, typeRequirement);
    for (const ext of type.extensionASTNodes) readRequirement(ext.directives, typeRequirement);
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      const requirement: Requirement = { auth: typeRequirement.auth, scopes: [...typeRequirement.scopes] };
      readRequirement(field.astNode?.directives, requirement);
      if (!requirement.auth) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        assertAllowed(identityOf(context), requirement);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
