import { describe, expect, it } from '@jest/globals';
import { makeEvent } from '@cbp/events';
import { toAuthEvent } from './storable.js';

const RECEIVED = new Date('2026-01-01T00:00:00Z');

describe('toAuthEvent', () => {
  it('maps the subject to userId and keeps the request facts', () => {
    const event = makeEvent({
      type: 'auth.login.failed',
      subjectId: 'AAAAAAAA-1111-4111-8111-111111111111',
      ip: '203.0.113.1',
      userAgent: 'ua',
      data: { reason: 'INVALID_OTP' },
    });
    expect(toAuthEvent(event, RECEIVED)).toEqual({
      eventId: event.id,
      type: 'auth.login.failed',
      occurredAt: new Date(event.occurredAt),
      userId: 'aaaaaaaa-1111-4111-8111-111111111111',
      actorId: null,
      ip: '203.0.113.1',
      userAgent: 'ua',
      data: { reason: 'INVALID_OTP' },
    });
  });

  it('normalises what PostgreSQL could not store instead of wedging the stream', () => {
    const event = { ...makeEvent({ type: 'x\u0000', data: { s: 'a\ud800', n: Infinity } }), actorId: 'not-a-uuid', occurredAt: 'garbage' };
    expect(toAuthEvent(event, RECEIVED)).toMatchObject({
      type: 'x\uFFFD',
      actorId: null,
      occurredAt: RECEIVED,
      data: { s: 'a\uFFFD', n: null },
    });
  });

  it('wraps data that is not an object so JSON paths keep working', () => {
    expect(toAuthEvent({ ...makeEvent({ type: 't' }), data: [1] as unknown as Record<string, unknown> }, RECEIVED).data).toEqual({
      value: [1],
    });
  });
});
