import type { EntityManager } from '@cbp/db';
import type { SubgraphContext } from '@cbp/service-kit';
import type { AnalyticsServices } from './container.js';

/** The context of one analytics request: the verified caller, a request-scoped EntityManager and the services. */
export interface AnalyticsContext extends SubgraphContext {
  em: EntityManager;
  services: AnalyticsServices;
}
