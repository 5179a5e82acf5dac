// Rule: requests spread over a subgraph's replicas; a refused connection marks the replica down and the request
// goes once to another replica; a broken connection marks it down but is never resent (it may have run there).
import { describe, expect, it } from '@jest/globals';
import { createLogger } from '@cbp/logging';
import type { Fetcher } from './replica-fetcher.js';
import { replicaFetcher } from './replica-fetcher.js';
import { ReplicaSet } from './replica-set.js';

const A = 'http://127.0.0.1:4001/graphql';
const B = 'http://127.0.0.1:4011/graphql';
const logger = createLogger({ service: 'test', level: 'silent' });

class SystemError extends Error {
  constructor(readonly code: string) {
    super(`request failed, reason: ${code}`);
  }
}

/** A transport that records where each request went and fails the way `failures` says for those URLs. */
function transport(failures: Record<string, string>) {
  const sent: string[] = [];
  const fetcher = (async (url: string) => {
    sent.push(url);
    const code = failures[url];
    if (code) throw new SystemError(code);
    return { ok: true, status: 200, url } as unknown as Awaited<ReturnType<Fetcher>>;
  }) as Fetcher;
  return { sent, fetcher };
}

describe('replicaFetcher', () => {
  it('sends requests round robin, whatever URL the data source names', async () => {
    const { sent, fetcher } = transport({});
    const fetch = replicaFetcher(new ReplicaSet([A, B]), fetcher, logger);
    for (let i = 0; i < 4; i++) await fetch('http://ignored/graphql', { method: 'POST' });
    expect(sent).toEqual([A, B, A, B]);
  });

  it('resends a refused request once to another replica and skips the refusing one afterwards', async () => {
    const { sent, fetcher } = transport({ [A]: 'ECONNREFUSED' });
    const replicas = new ReplicaSet([A, B]);
    const fetch = replicaFetcher(replicas, fetcher, logger);
    const response = await fetch(A, { method: 'POST' });
    expect(response.url).toBe(B);
    expect(replicas.down()).toEqual([A]);
    await fetch(A, { method: 'POST' });
    expect(sent).toEqual([A, B, B]);
  });

  it('treats a connect timeout like a refusal', async () => {
    const { sent, fetcher } = transport({ [A]: 'ECONNECTIONTIMEOUT' });
    await replicaFetcher(new ReplicaSet([A, B]), fetcher, logger)(A, { method: 'POST' });
    expect(sent).toEqual([A, B]);
  });

  it('marks a replica whose connection broke down, but does not resend the request', async () => {
    const { sent, fetcher } = transport({ [A]: 'ECONNRESET' });
    const replicas = new ReplicaSet([A, B]);
    await expect(replicaFetcher(replicas, fetcher, logger)(A, { method: 'POST' })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(sent).toEqual([A]);
    expect(replicas.down()).toEqual([A]);
  });

  it('resends at most once', async () => {
    const { sent, fetcher } = transport({ [A]: 'ECONNREFUSED', [B]: 'ECONNREFUSED' });
    await expect(replicaFetcher(new ReplicaSet([A, B]), fetcher, logger)(A, { method: 'POST' })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    expect(sent).toEqual([A, B]);
  });

  it('passes other errors through untouched, replica still up', async () => {
    const { sent, fetcher } = transport({ [A]: 'ERESPONSETIMEOUT' });
    const replicas = new ReplicaSet([A, B]);
    await expect(replicaFetcher(replicas, fetcher, logger)(A, { method: 'POST' })).rejects.toMatchObject({ code: 'ERESPONSETIMEOUT' });
    expect(sent).toEqual([A]);
    expect(replicas.down()).toEqual([]);
  });
});
