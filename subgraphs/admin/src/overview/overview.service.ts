import { SCOPES } from '@cbp/contracts';
import type { RequestIdentity } from '@cbp/service-kit';
import { assertScope } from '@cbp/service-kit';

/** The result of the service's own readiness checks (`runReadiness` from service-kit). */
export interface ReadinessReport {
  ok: boolean;
  /** check name → `ok` or `failed: <short reason>` */
  checks: Record<string, string>;
}

/** An event consumer whose progress the overview reports. */
export interface ConsumerProbe {
  group: string;
  stream: string;
  /** Pending and lag of the group; null when the group does not exist yet. Rejects when Redis is unreachable. */
  status(): Promise<{ pending: number; lag: number } | null>;
}

export interface ComponentHealth {
  name: string;
  ok: boolean;
  /** Why it failed; null when ok. */
  detail: string | null;
}

export interface ConsumerStatus {
  group: string;
  stream: string;
  /** Entries delivered but not yet acknowledged; null when unknown (see detail). */
  pending: number | null;
  /** Entries on the stream not yet delivered to the group; null when unknown (see detail). */
  lag: number | null;
  detail: string | null;
}

/**
 * What an operator sees on the overview. It is meant to grow: each new part (signing-key status, the other
 * subgraphs, alerts) becomes another component or another field, and `ok` stays "every component is ok".
 */
export interface SystemOverview {
  ok: boolean;
  checkedAt: Date;
  components: ComponentHealth[];
  eventConsumers: ConsumerStatus[];
}

export interface OverviewDeps {
  readiness: () => Promise<ReadinessReport>;
  consumers: ConsumerProbe[];
  clock: () => Date;
}

/** The operator's overview and the admin liveness ping. */
export class OverviewService {
  constructor(private readonly deps: OverviewDeps) {}

  /** `{ ok: true, at }` for a holder of `admin:access`: proves the caller reaches admin with admin rights. */
  ping(identity: RequestIdentity): { ok: true; at: Date } {
    assertScope(identity, SCOPES.ADMIN_ACCESS);
    return { ok: true, at: this.deps.clock() };
  }

  /**
   * Health of what admin depends on, as admin sees it, and the progress of its event consumers. Requires
   * `system:read`. Never throws for a failing dependency: that is what it reports.
   */
  async overview(identity: RequestIdentity): Promise<SystemOverview> {
    assertScope(identity, SCOPES.SYSTEM_READ);
    const readiness = await this.deps.readiness();
    const components = Object.entries(readiness.checks).map(([name, result]) => ({
      name,
      ok: result === 'ok',
      detail: result === 'ok' ? null : result,
    }));
    const eventConsumers = await Promise.all(this.deps.consumers.map((probe) => this.consumerStatus(probe)));
    return { ok: components.every((c) => c.ok), checkedAt: this.deps.clock(), components, eventConsumers };
  }

  private async consumerStatus(probe: ConsumerProbe): Promise<ConsumerStatus> {
    const base = { group: probe.group, stream: probe.stream };
    try {
      const status = await probe.status();
      if (!status) return { ...base, pending: null, lag: null, detail: 'the consumer group does not exist yet' };
      return { ...base, pending: status.pending, lag: status.lag, detail: null };
    } catch (err) {
      return { ...base, pending: null, lag: null, detail: `status unavailable: ${(err as Error).message.split('\n')[0]?.slice(0, 120)}` };
    }
  }
}
