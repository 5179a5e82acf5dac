import { startSubgraphHarness } from '@cbp/testing';
import type { SubgraphHarness } from '@cbp/testing';
import { loadAdminConfig } from '../src/config.js';
import type { AdminConfig } from '../src/config.js';
import { ADMIN_ENTITIES, startAdmin } from '../src/server.js';
import type { RunningAdmin } from '../src/server.js';

export { ANONYMOUS, codes, userIdentity, waitFor } from '@cbp/testing';
export type { GraphQLResult } from '@cbp/testing';

/** One admin service on a database and Redis prefix of this test file's own; `count()` is the audit log's rows. */
export type AdminHarness = SubgraphHarness<AdminConfig, RunningAdmin>;

export function startAdminHarness(): Promise<AdminHarness> {
  return startSubgraphHarness({
    service: 'admin',
    schema: 'admin',
    portVariable: 'ADMIN_PORT',
    entities: ADMIN_ENTITIES,
    loadConfig: loadAdminConfig,
    start: startAdmin,
    countSql: 'select count(*)::int as n from "admin"."audit_log"',
  });
}
