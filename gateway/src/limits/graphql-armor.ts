import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';

export interface GraphqlLimits {
  maxAliases: number;
  maxDepth: number;
  maxCost: number;
  maxTokens: number;
  maxDirectives: number;
  /** Say the limit in the error message (development only: it tells an attacker exactly how far to go). */
  exposeLimits: boolean;
}

/**
 * graphql-armor's document limits plus a parser token cap, checked while parsing (tokens) and validating (the rest), so an abusive
 * document is refused before the rate-limit plugin charges it and before any resolver runs. Field suggestions
 * ("Did you mean …?") are blocked, since they leak the schema when introspection is off.
 */
export function graphqlArmor(limits: GraphqlLimits): {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
} {
  const { exposeLimits } = limits;
  const armor = new ApolloArmor({
    maxAliases: { n: limits.maxAliases, exposeLimits },
    // Introspection is deep by nature (ofType chains) and guarded on its own (introspection-guard.ts).
    maxDepth: { n: limits.maxDepth, exposeLimits, ignoreIntrospection: true, flattenFragments: true },
    costLimit: { maxCost: limits.maxCost, exposeLimits, ignoreIntrospection: true },
    // Off here: armor's token plugin throws from a hook Apollo answers with 500. graphql-js's own parser
    // limit (parseOptions.maxTokens) gives the same protection as a 400 GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false, n: limits.maxTokens },
    maxDirectives: { n: limits.maxDirectives, exposeLimits },
    blockFieldSuggestion: { enabled: true },
  });
  // protect() also returns allowBatchedHttpRequests: false, which is already Apollo Server's default.
  const { plugins, validationRules } = armor.protect();
  // armor's typings resolve @apollo/server's CJS declarations; the plugin objects are the same plain objects.
  return { plugins: plugins as unknown as ApolloServerPlugin[], validationRules, parseOptions: { maxTokens: limits.maxTokens } };
}
