// A dependency call that fails or stalls becomes 503 SERVICE_UNAVAILABLE within its timeout; an AppError passes.
import { describe, expect, it } from '@jest/globals';
import { AppError, COMMON_ERRORS } from '@cbp/errors';
import { dependencyCall } from './dependency-call.js';

describe('dependencyCall', () => {
  it('passes a result through', async () => {
    expect(await dependencyCall(async () => 42)).toBe(42);
  });

  it('turns a failure into SERVICE_UNAVAILABLE (503)', async () => {
    await expect(dependencyCall(() => Promise.reject(new Error('ECONNREFUSED')))).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
    });
  });

  it('turns a stall into SERVICE_UNAVAILABLE once the timeout has passed', async () => {
    const began = Date.now();
    await expect(dependencyCall(() => new Promise(() => undefined), 50)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(Date.now() - began).toBeGreaterThanOrEqual(45);
  });

  it('lets an AppError of the call through unchanged', async () => {
    await expect(dependencyCall(() => Promise.reject(new AppError(COMMON_ERRORS.NOT_FOUND)))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
