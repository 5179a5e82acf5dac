import fs from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';

// `npm run codegen` writes every generated GraphQL type (the folders named generated/, never edited by hand);
// `npm run codegen:check` fails when what is checked in differs from what this config generates.

/** The schema the SPA sees through the gateway: the supergraph's API schema, without its join__/link__ machinery. */
function apiSchemaSdl(): string {
  const supergraph = Supergraph.build(fs.readFileSync('schema/supergraph.graphql', 'utf8'));
  return printSchema(supergraph.apiSchema().toGraphQLJSSchema());
}

/** Admin and analytics do not own users: their User resolvers get, and return, the entity reference only. */
const USER_REFERENCE = '{ id: string }';

/** Resolver types for one subgraph: resolver maps typed with them fail tsc when the schema and the code part. */
const resolverTypes = (subgraph: string, contextType: string, mappers: Record<string, string> = {}) => ({
  schema: `schema/${subgraph}.graphql`,
  plugins: ['typescript', 'typescript-resolvers'],
  config: {
    // Knows @key and @link, and types __resolveReference on the entities.
    federation: true,
    useTypeImports: true,
    contextType,
    // What a resolver returns where it is a domain object rather than the GraphQL shape; imported as <Name>Model
    // so that it never shadows the generated type of the same name.
    mappers,
    mapperTypeSuffix: 'Model',
    // DateTime travels as an ISO-8601 string: the resolvers convert their Dates.
    scalars: { DateTime: 'string', JSON: 'unknown' },
    enumsAsTypes: true,
  },
});

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    'subgraphs/admin/src/generated/graphql.ts': resolverTypes('admin', '../context.js#AdminContext', {
      AuditEntry: '../audit/audit-entry.entity.js#AuditEntry',
      User: USER_REFERENCE,
    }),
    'subgraphs/analytics/src/generated/graphql.ts': resolverTypes('analytics', '../context.js#AnalyticsContext', { User: USER_REFERENCE }),
    'subgraphs/identity/src/generated/graphql.ts': resolverTypes('identity', '../context.js#IdentityContext', {
      User: '../users/user.parent.js#UserParent',
      Session: '../sessions/session.entity.js#Session',
      Device: '../sessions/session.entity.js#Device',
      Invitation: '../invitations/invitation.service.js#InvitationView',
      // Admin owns the overview; identity adds the signing keys to the reference it is handed.
      SystemOverview: '{ id: string }',
    }),
    'web/src/generated/gql/': {
      schema: apiSchemaSdl(),
      // Test files hold ad-hoc documents for the transport tests, not the app's operations.
      documents: ['web/src/**/*.{ts,tsx}', '!web/src/**/*.test.{ts,tsx}', '!web/src/generated/**'],
      preset: 'client',
      // Components read a spread fragment's fields straight from the query's result, as they always have.
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', JSON: 'unknown' } },
    },
  },
};

export default config;
