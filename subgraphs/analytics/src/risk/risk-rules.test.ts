import { describe, expect, it } from '@jest/globals';
import { MAX_RISK_SCORE, RISK_POINTS, scoreLogin } from './risk-rules.js';

describe('scoreLogin', () => {
  it('scores a familiar login 0 with no reasons', () => {
    expect(scoreLogin({ newDevice: false, ipSeenBefore: true, recentFailures: 0 })).toEqual({ score: 0, reasons: [] });
  });

  it('adds 40 for a new device', () => {
    expect(scoreLogin({ newDevice: true, ipSeenBefore: true, recentFailures: 0 })).toEqual({ score: 40, reasons: ['NEW_DEVICE'] });
  });

  it('adds 25 for an IP never seen for this user, and does not judge a login without an IP', () => {
    expect(scoreLogin({ newDevice: false, ipSeenBefore: false, recentFailures: 0 })).toEqual({ score: 25, reasons: ['NEW_IP'] });
    expect(scoreLogin({ newDevice: false, ipSeenBefore: null, recentFailures: 0 })).toEqual({ score: 0, reasons: [] });
  });

  it('adds 25 from the third recent failure on, not before', () => {
    expect(scoreLogin({ newDevice: false, ipSeenBefore: true, recentFailures: 2 }).score).toBe(0);
    expect(scoreLogin({ newDevice: false, ipSeenBefore: true, recentFailures: 3 })).toEqual({ score: 25, reasons: ['RECENT_FAILURES'] });
    expect(scoreLogin({ newDevice: false, ipSeenBefore: true, recentFailures: 50 }).score).toBe(25);
  });

  it('sums every triggered rule, in a stable order, within 0–100', () => {
    expect(scoreLogin({ newDevice: true, ipSeenBefore: false, recentFailures: 3 })).toEqual({
      score: 90,
      reasons: ['NEW_DEVICE', 'NEW_IP', 'RECENT_FAILURES'],
    });
    for (const newDevice of [false, true])
      for (const ipSeenBefore of [null, false, true])
        for (const recentFailures of [0, 3, 100]) {
          const { score, reasons } = scoreLogin({ newDevice, ipSeenBefore, recentFailures });
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(MAX_RISK_SCORE);
          expect(score).toBe(
            Math.min(
              MAX_RISK_SCORE,
              reasons.reduce((sum, r) => sum + RISK_POINTS[r], 0),
            ),
          );
        }
  });

  it('is deterministic', () => {
    const facts = { newDevice: true, ipSeenBefore: false, recentFailures: 4 };
    expect(scoreLogin(facts)).toEqual(scoreLogin({ ...facts }));
  });
});
