import type DataLoader from 'dataloader';
import type { EntityManager } from '@cbp/db';
import type { SubgraphContext } from '@cbp/service-kit';
import type { IdentityServices } from './container.js';
import type { Device } from './sessions/session.entity.js';

/** The context of one identity request: the verified caller, a request-scoped EntityManager and the services. */
export interface IdentityContext extends SubgraphContext {
  em: EntityManager;
  services: IdentityServices;
  loaders: { device: DataLoader<string, Device | null> };
}
