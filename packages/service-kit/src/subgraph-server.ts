import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin, BaseContext as ApolloBaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import express from 'express';
import type { KeyObject } from 'node:crypto';
import type { Express, NextFunction, Request, Response } from 'express';
import type { DocumentNode } from 'graphql';
import { formatGraphQLError, isAppError } from '@cbp/errors';
import type { Logger } from '@cbp/logging';
import { applyAuthzDirectives } from './authz-directives.js';
import { GATEWAY_ASSERTION_HEADER, REQUEST_ID_HEADER, verifyGatewayAssertion } from './gateway-assertion.js';
import type { GatewayAssertion } from './gateway-assertion.js';
import type { RequestIdentity, RequestMeta } from './identity.js';

export type { GraphQLResolverMap };

/** What every subgraph resolver gets in its context; services add their own members. */
export interface SubgraphContext extends ApolloBaseContext {
  identity: RequestIdentity;
  meta: RequestMeta;
  logger: Logger;
}

export interface SubgraphServerOptions<TContext extends SubgraphContext> {
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  /** The gateway's public key, and this subgraph's name: the audience its assertions must name. */
  gatewayPublicKey: KeyObject;
  audience: string;
  logger: Logger;
  production: boolean;
  /** Adds the service's own members (a forked EntityManager, loaders…) to the base context. */
  createContext: (base: SubgraphContext) => TContext | Promise<TContext>;
}

/** Refuses every request that does not carry a valid gateway assertion; stores the verified assertion. */
export function requireGatewayAssertion(publicKey: KeyObject, audience: string, logger: Logger) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers[GATEWAY_ASSERTION_HEADER];
    const token = Array.isArray(header) ? header[0] : header;
    const requestId = req.headers[REQUEST_ID_HEADER];
    try {
      if (!token) throw new Error('missing');
      res.locals.assertion = await verifyGatewayAssertion(publicKey, audience, token, Array.isArray(requestId) ? requestId[0] : requestId);
      next();
    } catch (err) {
      logger.warn(
        { reason: (err as Error).message, ip: req.socket.remoteAddress },
        'subgraph call without a valid gateway assertion refused',
      );
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Subgraphs accept requests from the gateway only.' } });
    }
  };
}

function errorLoggingPlugin(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (isAppError(original)) contextValue.logger.info({ code: original.code, path: error.path }, 'operation refused');
            else if (!error.extensions?.code || error.extensions.code === 'INTERNAL_SERVER_ERROR')
              contextValue.logger.error({ err: original, path: error.path }, 'resolver failed');
          }
        },
      };
    },
  };
}

/**
 * Builds the subgraph's Apollo Server from SDL and resolvers, enforces the authz directives in the subgraph
 * itself, and mounts it at `/graphql` behind the gateway-assertion guard. Returns a stop function.
 */
export async function mountSubgraph<TContext extends SubgraphContext>(
  app: Express,
  options: SubgraphServerOptions<TContext>,
): Promise<() => Promise<void>> {
  const schema = applyAuthzDirectives(
    buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    (context) => (context as SubgraphContext).identity,
  );
  const server = new ApolloServer<TContext>({
    schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (graceful, ordered); Apollo's own signal handler would race it and re-raise the signal.
    stopOnTerminationSignals: false,
    hideSchemaDetailsFromClientErrors: options.production,
    formatError: (formatted, error) => formatGraphQLError(formatted, unwrapResolverError(error)),
    // No Apollo Studio: federated inline traces would only cost time and print a notice at start.
    plugins: [errorLoggingPlugin() as ApolloServerPlugin<TContext>, ApolloServerPluginInlineTraceDisabled()],
    logger: options.logger,
  });
  await server.start();
  app.use(
    '/graphql',
    requireGatewayAssertion(options.gatewayPublicKey, options.audience, options.logger),
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ req, res }) => {
        const assertion = res.locals.assertion as GatewayAssertion;
        const logger = ((req as Request & { log?: Logger }).log ?? options.logger).child({
          requestId: assertion.meta.requestId,
          userId: assertion.identity.kind === 'user' ? assertion.identity.userId : undefined,
          operationName: (req.body as { operationName?: unknown } | undefined)?.operationName,
        });
        return options.createContext({ identity: assertion.identity, meta: assertion.meta, logger });
      },
    }),
  );
  return () => server.stop();
}
