import type { RequestIdentity, RequestMeta } from '@cbp/service-kit';
import type { WebSession } from './web-session/refresh-cookie.js';

/** Per request on the gateway: the verified caller and the facts subgraphs record. */
export interface GatewayContext {
  identity: RequestIdentity;
  meta: RequestMeta;
  /** The signed assertion forwarded to the subgraph `audience` on this request (signed once per subgraph, lazily). */
  assertion(audience: string): Promise<string>;
  /** Cookie mode and the refresh cookie of a web client on /graphql; never on for REST routes. */
  webSession: WebSession;
}
