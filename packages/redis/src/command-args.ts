/**
 * Argument checks shared by both stores, so that a bad argument fails the same way in the embedded
 * default as against a real server (where Redis would answer with a less helpful syntax error).
 */
import type { ReadGroupOptions, SetOptions, StreamAddOptions } from './redis-store.js';

function positiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  }
}

function nonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

export function checkSet(options: SetOptions | undefined): void {
  if (options?.ttlMs !== undefined) positiveInteger('ttlMs', options.ttlMs);
}

export function checkTtl(ttlMs: number | undefined): void {
  if (ttlMs !== undefined) positiveInteger('ttlMs', ttlMs);
}

export function checkAdd(fields: Record<string, string>, options: StreamAddOptions | undefined): void {
  if (Object.keys(fields).length === 0) throw new RangeError('a stream entry needs at least one field');
  if (options?.maxLen !== undefined) positiveInteger('maxLen', options.maxLen);
}

export function checkReadGroup(options: ReadGroupOptions): void {
  positiveInteger('count', options.count);
  if (options.blockMs !== undefined) nonNegativeInteger('blockMs', options.blockMs);
}

export function checkCount(count: number): void {
  positiveInteger('count', count);
}

export function checkClaim(minIdleMs: number, count: number): void {
  nonNegativeInteger('minIdleMs', minIdleMs);
  positiveInteger('count', count);
}

/** The error every method of a closed store rejects with. */
export function closedError(): Error {
  return new Error('RedisStore is closed');
}
