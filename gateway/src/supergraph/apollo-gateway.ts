import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Logger } from '@cbp/logging';
import { GATEWAY_ASSERTION_HEADER, REQUEST_ID_HEADER } from '@cbp/service-kit';
import type { GatewayContext } from '../context.js';
import { replicaFetcher, startReplicaProbe } from './replica-fetcher.js';
import { ReplicaSet } from './replica-set.js';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('../../../schema/supergraph.graphql', import.meta.url));

/** Forwards each subgraph fetch with the request's gateway assertion for that subgraph, and the request id. */
class AssertingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly subgraph: string,
  ) {
    super(config);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health checks and schema loading run without a request context; they carry no identity and need none.
    if (!('assertion' in context) || typeof context.assertion !== 'function') return;
    request.http?.headers.set(GATEWAY_ASSERTION_HEADER, await context.assertion(this.subgraph));
    request.http?.headers.set(REQUEST_ID_HEADER, context.meta.requestId);
  }
}

/**
 * The gateway on the checked-in, composed supergraph. Subgraph URLs come from configuration (by subgraph name),
 * not from the URLs written into the supergraph file. A subgraph with several URLs is a set of replicas that its
 * data source spreads requests over (docs/design.md §2 (Processes and ports)); one URL is used as it is.
 */
export function createApolloGateway(urls: Record<string, readonly string[]>, logger: Logger): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl: fs.readFileSync(SUPERGRAPH_PATH, 'utf8'),
    logger: logger.child({ module: 'apollo-gateway' }),
    buildService: ({ name, url }) => {
      const configured = urls[name] ?? [];
      if (configured.length === 0) logger.warn({ subgraph: name }, 'no configured URL for subgraph; using the supergraph URL');
      const source = new AssertingDataSource({ url: configured[0] ?? url }, name);
      if (configured.length > 1) {
        const replicas = new ReplicaSet(configured);
        source.fetcher = replicaFetcher(replicas, source.fetcher, logger.child({ module: 'replicas', subgraph: name }));
        startReplicaProbe(replicas);
      }
      return source;
    },
  });
}
