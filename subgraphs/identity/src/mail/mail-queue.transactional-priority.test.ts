// Rule (docs/design.md §11 (Email)): bulk mail (invitations) never crowds out transactional mail. A queue full of
// invitations still accepts a password-reset mail, and sends it before the invitations still waiting.
import { describe, expect, it } from '@jest/globals';
import { createLogger } from '@cbp/logging';
import { Registry } from '@cbp/metrics';
import { MailQueue } from './mail-queue.js';
import type { Mailer, MailKind, MailMessage } from './mailer.js';

const mail = (kind: MailKind, n: number): MailMessage => ({ to: `user${n}@example.com`, kind, subject: kind, text: `message ${n}` });

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function setup(maxQueued: number) {
  const gate = deferred();
  const sent: MailMessage[] = [];
  // Holds every send until the gate opens, so the queue fills up.
  const mailer: Mailer = { send: async (m) => void (await gate.promise, sent.push(m)) };
  const registry = new Registry();
  const queue = new MailQueue(
    { mailer, log: createLogger({ service: 'identity', level: 'silent' }), registry },
    { maxQueued, concurrency: 1 },
  );
  const failed = async (kind: MailKind) =>
    (await registry.getSingleMetric('mail_sent_total')?.get())?.values.find((v) => v.labels.kind === kind && v.labels.result === 'failed')
      ?.value ?? 0;
  return { queue, gate, sent, failed };
}

describe('MailQueue, transactional before bulk', () => {
  it('accepts a reset mail when invitations fill the queue, and sends it before the waiting invitations', async () => {
    const { queue, gate, sent, failed } = setup(3);
    for (let i = 0; i < 5; i++) queue.enqueue(mail('invitation', i));
    // The bulk lane is full: the last two invitations are dropped (and counted).
    expect(await failed('invitation')).toBe(2);

    queue.enqueue(mail('password-reset', 99));
    expect(await failed('password-reset')).toBe(0);

    gate.resolve();
    await queue.drain();
    // invitation 0 was already being sent; the reset goes next, before invitations 1 and 2.
    expect(sent.map((m) => m.kind)).toEqual(['invitation', 'password-reset', 'invitation', 'invitation']);
  });

  it('bounds the transactional lane on its own', async () => {
    const { queue, gate, failed } = setup(2);
    for (let i = 0; i < 3; i++) queue.enqueue(mail('verify-email', i));
    expect(await failed('verify-email')).toBe(1);
    gate.resolve();
    await queue.drain();
  });
});
