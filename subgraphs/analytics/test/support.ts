import { startSubgraphHarness } from '@cbp/testing';
import type { SubgraphHarness } from '@cbp/testing';
import { loadAnalyticsConfig } from '../src/config.js';
import type { AnalyticsConfig } from '../src/config.js';
import { ANALYTICS_ENTITIES, startAnalytics } from '../src/server.js';
import type { RunningAnalytics } from '../src/server.js';

export { ANONYMOUS, codes, waitFor } from '@cbp/testing';
export type { GraphQLResult } from '@cbp/testing';
import { userIdentity as genericUserIdentity } from '@cbp/testing';

/** A caller holding `scopes`; holders of scopes play the `analytics` role. */
export const userIdentity = (userId: string, scopes: string[] = []) => genericUserIdentity(userId, scopes, 'analytics');

/** One analytics service on a database and Redis prefix of this test file's own; `count()` is stored events. */
export type AnalyticsHarness = SubgraphHarness<AnalyticsConfig, RunningAnalytics>;

export function startAnalyticsHarness(): Promise<AnalyticsHarness> {
  return startSubgraphHarness({
    service: 'analytics',
    schema: 'analytics',
    portVariable: 'ANALYTICS_PORT',
    entities: ANALYTICS_ENTITIES,
    loadConfig: loadAnalyticsConfig,
    start: startAnalytics,
    countSql: 'select count(*)::int as n from "analytics"."auth_events"',
  });
}
