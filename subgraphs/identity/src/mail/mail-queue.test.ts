// Mail never blocks a response (enqueue returns at once), retries transient failures with exponential backoff,
// gives up after N attempts or on a permanent refusal, bounds concurrency, and logs only the recipient's domain:
// never the address, the body or a token.
import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger } from '@cbp/logging';
import { Registry } from '@cbp/metrics';
import { MailQueue } from './mail-queue.js';
import type { MailQueueOptions } from './mail-queue.js';
import { MailDeliveryError } from './mailer.js';
import type { Mailer, MailMessage } from './mailer.js';

const message = (n = 1): MailMessage => ({
  to: `alice${n}@example.com`,
  kind: 'password-reset',
  subject: 'Reset your password',
  text: `https://app.example.com/reset-password?token=SECRET-TOKEN-${n}`,
});

function setup(mailer: Mailer, options: MailQueueOptions = {}) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const registry = new Registry();
  const queue = new MailQueue(
    { mailer, log: createLogger({ service: 'identity', level: 'debug', destination }), registry },
    { baseDelayMs: 5, ...options },
  );
  const count = async (result: string, kind = 'password-reset') => {
    const metric = await registry.getSingleMetric('mail_sent_total')?.get();
    return metric?.values.find((v) => v.labels.kind === kind && v.labels.result === result)?.value ?? 0;
  };
  return { queue, lines, count };
}

/** A mailer that fails its first `failures` sends with `error`, then succeeds; records every call's time. */
function flakyMailer(failures: number, error: () => unknown = () => new MailDeliveryError({ responseCode: 451, code: 'EENVELOPE' })) {
  const calls: number[] = [];
  const mailer: Mailer & { calls: number[] } = {
    calls,
    async send() {
      calls.push(performance.now());
      if (calls.length <= failures) throw error();
    },
  };
  return mailer;
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('MailQueue', () => {
  it('returns from enqueue before the mailer has finished', async () => {
    const gate = deferred();
    let sent = 0;
    const { queue } = setup({ send: () => gate.promise.then(() => void sent++) });
    const start = performance.now();
    queue.enqueue(message());
    expect(performance.now() - start).toBeLessThan(20);
    expect(sent).toBe(0);
    expect(queue.pending).toBe(1);
    gate.resolve();
    await queue.drain();
    expect(sent).toBe(1);
    expect(queue.pending).toBe(0);
  });

  it('sends each message and counts it', async () => {
    const mailer = flakyMailer(0);
    const { queue, count } = setup(mailer);
    for (let i = 0; i < 3; i++) queue.enqueue(message(i));
    await queue.drain();
    expect(mailer.calls).toHaveLength(3);
    expect(await count('sent')).toBe(3);
  });

  it('retries a transient failure and then succeeds', async () => {
    const mailer = flakyMailer(2);
    const { queue, count } = setup(mailer);
    queue.enqueue(message());
    await queue.drain();
    expect(mailer.calls).toHaveLength(3);
    expect(await count('retry')).toBe(2);
    expect(await count('sent')).toBe(1);
    expect(await count('failed')).toBe(0);
  });

  const gapsOf = (calls: number[]) => calls.slice(1).map((t, i) => t - (calls[i] ?? t));

  it('backs off exponentially', async () => {
    const mailer = flakyMailer(3);
    // random() = 0.999…: each wait is (almost) the full step: 30, 60, 120 ms.
    const { queue } = setup(mailer, { baseDelayMs: 30, random: () => 0.999 });
    queue.enqueue(message());
    await queue.drain();
    const [g1 = 0, g2 = 0, g3 = 0] = gapsOf(mailer.calls);
    expect(g1).toBeGreaterThanOrEqual(28);
    expect(g2).toBeGreaterThanOrEqual(58);
    expect(g3).toBeGreaterThanOrEqual(118);
    expect(g3).toBeGreaterThan(g1 * 2.5);
  });

  it('never waits longer than the cap', async () => {
    const mailer = flakyMailer(4);
    // Uncapped the waits would be 20, 40, 80, 160 ms; capped they are all 20.
    const { queue } = setup(mailer, { baseDelayMs: 20, maxDelayMs: 20, random: () => 0.999 });
    queue.enqueue(message());
    await queue.drain();
    const gaps = gapsOf(mailer.calls);
    expect(gaps).toHaveLength(4);
    expect(gaps[3]).toBeLessThan(120);
    expect(gaps.reduce((a, b) => a + b, 0)).toBeLessThan(250);
  });

  it('gives up after maxAttempts, counts it failed, and logs the domain only', async () => {
    const mailer = flakyMailer(Infinity);
    const { queue, count, lines } = setup(mailer, { maxAttempts: 3 });
    queue.enqueue(message(7));
    await queue.drain();
    expect(mailer.calls).toHaveLength(3);
    expect(await count('retry')).toBe(2);
    expect(await count('failed')).toBe(1);
    const failed = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'mail.send.failed');
    expect(failed).toMatchObject({
      level: 'error',
      kind: 'password-reset',
      recipientDomain: 'example.com',
      attempts: 3,
      reason: 'attempts_exhausted',
      responseCode: 451,
    });
    const all = lines.join('\n');
    expect(all).not.toContain('alice7');
    expect(all).not.toContain('SECRET-TOKEN');
    expect(all).not.toContain('reset-password');
  });

  it('does not retry a permanent (5xx) refusal', async () => {
    const mailer = flakyMailer(Infinity, () => new MailDeliveryError({ responseCode: 550, code: 'EENVELOPE' }));
    const { queue, count } = setup(mailer);
    queue.enqueue(message());
    await queue.drain();
    expect(mailer.calls).toHaveLength(1);
    expect(await count('failed')).toBe(1);
    expect(await count('retry')).toBe(0);
  });

  it('retries unknown errors, including a mailer that throws synchronously', async () => {
    let calls = 0;
    const { queue, count } = setup({
      send(): Promise<void> {
        calls++;
        if (calls === 1) throw new Error('boom');
        return Promise.resolve();
      },
    });
    queue.enqueue(message());
    await queue.drain();
    expect(calls).toBe(2);
    expect(await count('sent')).toBe(1);
  });

  it('never has more than `concurrency` sends in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { queue, count } = setup(
      {
        async send() {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
        },
      },
      { concurrency: 3 },
    );
    for (let i = 0; i < 12; i++) queue.enqueue(message(i));
    await queue.drain();
    expect(maxInFlight).toBe(3);
    expect(await count('sent')).toBe(12);
  });

  it('drain resolves at once when there is nothing to send', async () => {
    const { queue } = setup(flakyMailer(0));
    await expect(queue.drain()).resolves.toBeUndefined();
  });

  it('drops (and counts) messages beyond maxQueued instead of growing without bound', async () => {
    const gate = deferred();
    const { queue, count } = setup({ send: () => gate.promise }, { maxQueued: 2, concurrency: 1 });
    for (let i = 0; i < 5; i++) queue.enqueue(message(i));
    expect(queue.pending).toBe(2);
    expect(await count('failed')).toBe(3);
    gate.resolve();
    await queue.drain();
    expect(await count('sent')).toBe(2);
  });

  it('close abandons messages waiting for a retry, waits for in-flight ones, refuses new ones and closes the mailer', async () => {
    let closed = false;
    const failing = flakyMailer(Infinity);
    const { queue, count } = setup({ send: (m) => failing.send(m), close: async () => void (closed = true) }, { baseDelayMs: 10_000 });
    queue.enqueue(message());
    // Let the first attempt fail and the long backoff start.
    while ((await count('retry')) === 0) await new Promise((r) => setTimeout(r, 1));
    const drained = queue.drain();
    await queue.close();
    await drained;
    expect(closed).toBe(true);
    expect(await count('failed')).toBe(1);
    expect(() => queue.enqueue(message(2))).not.toThrow();
    expect(await count('failed')).toBe(2);
    expect(failing.calls).toHaveLength(1);
  });
});
