import { GraphQLScalarType } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';

/** A feature's resolvers by type name, as the feature declares them (a generated `Resolvers` map, or a plain one). */
export type ResolverPart = { readonly [typeName: string]: unknown };

const isFieldMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !(value instanceof GraphQLScalarType);

/**
 * One resolver map from a service's feature parts: the fields of a type named by several parts (`Query`,
 * `Mutation`, an entity) are combined; for one field named twice, the later part wins. A scalar is taken as it is.
 * Each part is type-checked where it is declared; the result is the untyped map Apollo's subgraph schema takes.
 */
export function mergeResolvers<TContext>(...parts: readonly ResolverPart[]): GraphQLResolverMap<TContext> {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [type, resolvers] of Object.entries(part)) {
      if (resolvers === undefined) continue;
      const previous = merged[type];
      merged[type] = isFieldMap(previous) && isFieldMap(resolvers) ? { ...previous, ...resolvers } : resolvers;
    }
  }
  return merged as GraphQLResolverMap<TContext>;
}
