import { randomUUID } from 'node:crypto';
import type { RequestMeta } from '@cbp/service-kit';
import type { User } from '../users/user.entity.js';

/** The fixed "now" of unit tests and contract cases (whole seconds, so PostgreSQL's microseconds lose nothing). */
export const T0 = new Date('2026-11-25T12:00:00.000Z');

/** `T0` plus `seconds` (negative for the past). */
export const at = (seconds: number, from: Date = T0): Date => new Date(from.getTime() + seconds * 1000);

export const testMeta: RequestMeta = { requestId: 'req-test', ip: '203.0.113.7', userAgent: 'jest' };

let counter = 0;

/** A user row with a unique mixed-case email (normalised: lower-cased), verified unless overridden. */
export function newUser(overrides: Partial<User> = {}): User {
  counter += 1;
  const email = overrides.email ?? `User-${counter}-${randomUUID().slice(0, 8)}@Example.com`;
  return {
    id: randomUUID(),
    email,
    emailNormalized: email.trim().toLowerCase(),
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$placeholder$placeholder',
    emailVerifiedAt: T0,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** Sorted copy, for comparing sets of ids whose order is unspecified. */
export const sorted = (values: readonly string[]): string[] => [...values].sort();
