import type { EntityManager } from '@cbp/db';
import { MikroLoginRiskRepository } from './risk/login-risk.repository.js';
import { RiskService } from './risk/risk.service.js';
import { MikroStatsRepository } from './stats/stats.repository.js';
import { StatsService } from './stats/stats.service.js';

/** Every analytics service, wired for one request's EntityManager. No DI framework: this is the whole graph. */
export interface AnalyticsServices {
  stats: StatsService;
  risk: RiskService;
}

export function createServices(em: EntityManager): AnalyticsServices {
  return {
    stats: new StatsService({ stats: new MikroStatsRepository(em) }),
    risk: new RiskService({ risks: new MikroLoginRiskRepository(em) }),
  };
}
