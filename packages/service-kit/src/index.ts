export { ANONYMOUS, hasScope } from './identity.js';
export type { RequestIdentity, RequestMeta } from './identity.js';
export {
  GATEWAY_ASSERTION_HEADER,
  GATEWAY_ASSERTION_LIFETIME_SECONDS,
  REQUEST_ID_HEADER,
  signGatewayAssertion,
  verifyGatewayAssertion,
} from './gateway-assertion.js';
export type { GatewayAssertion } from './gateway-assertion.js';
export { applyAuthzDirectives, assertAllowed, AUTHZ_DIRECTIVES_SDL } from './authz-directives.js';
export { createHttpApp, finishHttpApp, mapBodyParserError, runReadiness } from './http-app.js';
export type { HttpAppOptions, ReadinessCheck } from './http-app.js';
export { listen } from './http-server.js';
export type { RunningServer } from './http-server.js';
export { stopOnSignals } from './shutdown.js';
export { mountSubgraph, requireGatewayAssertion } from './subgraph-server.js';
export type { GraphQLResolverMap, SubgraphContext, SubgraphServerOptions } from './subgraph-server.js';
export { mergeResolvers } from './merge-resolvers.js';
export type { ResolverPart } from './merge-resolvers.js';
export { startInfrastructure } from './service-infrastructure.js';
export type { InfrastructureOptions, ServiceInfrastructure } from './service-infrastructure.js';
export { loadSubgraphTypeDefs, SCHEMA_DIR } from './type-defs.js';
export { SESSION_CACHE_TTL_MS, SessionCache } from './session-cache.js';
export type { SessionPrincipal } from './session-cache.js';
export { ACCESS_TOKEN_TYPE, AccessTokenError, createAccessTokenVerifier } from './access-token-verifier.js';
export type { AccessTokenClaims, AccessTokenRejection, AccessTokenVerifier, AccessTokenVerifierOptions } from './access-token-verifier.js';
export { assertScope, assertSelfOrScope, checkPageSize } from './authorization.js';
export { serveSubgraph } from './subgraph-service.js';
export type { BackgroundWorker, RunningSubgraph, ServeSubgraphOptions } from './subgraph-service.js';
export { KEYS_ROTATED_CHANNEL } from './key-rotation.js';
export { DEPENDENCY_CALL_TIMEOUT_MS, dependencyCall } from './dependency-call.js';
