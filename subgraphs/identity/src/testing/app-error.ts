import { AppError } from '@cbp/errors';

/** What a call failed with: the AppError's code, status and details; throws when it did not fail with an AppError. */
export async function failureOf(call: Promise<unknown>): Promise<{ code: string; status: number; details: unknown; message: string }> {
  try {
    await call;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, status: err.status, details: err.details, message: err.message };
    throw err;
  }
  throw new Error('expected the call to fail, and it succeeded');
}
