import { describe, expect, it } from '@jest/globals';
import type { RequestIdentity } from '@cbp/service-kit';
import { OverviewService } from './overview.service.js';
import type { OverviewDeps } from './overview.service.js';

const NOW = new Date('2026-04-01T12:00:00Z');
const operator: RequestIdentity = {
  kind: 'user',
  userId: 'u',
  sessionId: 's',
  roles: ['admin'],
  scopes: ['system:read', 'admin:access'],
  amr: ['pwd'],
};
const plain: RequestIdentity = { ...operator, scopes: [] };

function service(patch: Partial<OverviewDeps> = {}) {
  return new OverviewService({
    readiness: async () => ({ ok: true, checks: { postgres: 'ok', redis: 'ok' } }),
    consumers: [{ group: 'admin-audit', stream: 'events:auth', status: async () => ({ pending: 2, lag: 5 }) }],
    clock: () => NOW,
    ...patch,
  });
}

describe('OverviewService', () => {
  it('reports each component and consumer', async () => {
    expect(await service().overview(operator)).toEqual({
      ok: true,
      checkedAt: NOW,
      components: [
        { name: 'postgres', ok: true, detail: null },
        { name: 'redis', ok: true, detail: null },
      ],
      eventConsumers: [{ group: 'admin-audit', stream: 'events:auth', pending: 2, lag: 5, detail: null }],
    });
  });

  it('reports a failing dependency instead of failing itself', async () => {
    const overview = await service({
      readiness: async () => ({ ok: false, checks: { postgres: 'ok', redis: 'failed: connect ECONNREFUSED' } }),
      consumers: [{ group: 'admin-audit', stream: 'events:auth', status: async () => Promise.reject(new Error('Connection is closed.')) }],
    }).overview(operator);
    expect(overview.ok).toBe(false);
    expect(overview.components[1]).toEqual({ name: 'redis', ok: false, detail: 'failed: connect ECONNREFUSED' });
    expect(overview.eventConsumers[0]).toMatchObject({ pending: null, lag: null, detail: 'status unavailable: Connection is closed.' });
  });

  it('says so when the consumer group does not exist yet', async () => {
    const overview = await service({ consumers: [{ group: 'g', stream: 's', status: async () => null }] }).overview(operator);
    expect(overview.eventConsumers[0]).toMatchObject({ pending: null, lag: null, detail: 'the consumer group does not exist yet' });
  });

  it('requires system:read for the overview and admin:access for the ping', async () => {
    await expect(service().overview(plain)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service().overview({ kind: 'anonymous' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(() => service().ping(plain)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(service().ping(operator)).toEqual({ ok: true, at: NOW });
  });
});
