import os from 'node:os';
import argon2 from 'argon2';

export interface Argon2Ceiling {
  params: { memoryKiB: number; timeCost: number; parallelism: number };
  concurrency: number;
  hashes: number;
  seconds: number;
  hashesPerSecond: number;
  p50Ms: number;
}

/**
 * The most logins the machine could ever verify: argon2id verifications per second at the configured parameters,
 * with as many in flight as libuv has threads (argon2 runs there). Measured in the same run as the load test.
 */
export async function measureArgon2Ceiling(params: Argon2Ceiling['params'], seconds = 5): Promise<Argon2Ceiling> {
  const concurrency = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const options = { type: argon2.argon2id, memoryCost: params.memoryKiB, timeCost: params.timeCost, parallelism: params.parallelism };
  const hash = await argon2.hash('benchmark password of decent length', options);
  const durations: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const t = performance.now();
        await argon2.verify(hash, 'benchmark password of decent length');
        durations.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  return {
    params,
    concurrency,
    hashes: durations.length,
    seconds: elapsed,
    hashesPerSecond: durations.length / elapsed,
    p50Ms: durations[Math.floor(durations.length / 2)] ?? 0,
  };
}

export function machine(): { cpus: number; model: string; node: string; memoryGiB: number } {
  return {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
}
