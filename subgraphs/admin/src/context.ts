import type { EntityManager } from '@cbp/db';
import type { SubgraphContext } from '@cbp/service-kit';
import type { AdminServices } from './container.js';

/** The context of one admin request: the verified caller, a request-scoped EntityManager and the services. */
export interface AdminContext extends SubgraphContext {
  em: EntityManager;
  services: AdminServices;
}
