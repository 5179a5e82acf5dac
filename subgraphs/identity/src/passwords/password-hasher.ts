import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { Histogram } from '@cbp/metrics';
import type { Registry } from '@cbp/metrics';

/**
 * Turns passwords into stored hashes and checks them (the shape of Kratos `hash/hasher.go`). Services depend on
 * this interface only, so the algorithm and its parameters stay a wiring decision.
 */
export interface PasswordHasher {
  /**
   * Hashes a password into a self-describing encoded string (PHC format), salted with fresh random bytes.
   * The input is NFC-normalised first, so the same password typed on any platform gives a verifiable hash.
   * Side effects: CPU and memory on the libuv thread pool; records the duration. Throws only on resource failure.
   */
  hash(password: string): Promise<string>;
  /**
   * Whether `password` matches the stored `hash`. Never throws on a malformed, truncated or foreign hash: that is
   * simply `false` (after the same work as a real check, so a broken or password-less account is not told apart
   * by timing). Side effects: records the duration.
   */
  verify(hash: string, password: string): Promise<boolean>;
  /**
   * Whether a stored hash was made with weaker settings than the current ones, so the caller should re-hash the
   * password it has just verified (docs/design.md §5 (Authentication model), OWASP "rehash on login"). Pure; never throws; `true` for a hash it
   * cannot read.
   */
  needsRehash(hash: string): boolean;
}

/**
 * A hasher that can spend the cost of a failed verification without any stored hash: the login path calls it for
 * an unknown email so that unknown email and wrong password take the same time (ASVS 6.3.8).
 */
export interface DummyVerifyingHasher extends PasswordHasher {
  /** Runs one verify against a fixed hash made with the current parameters. Always resolves `false`. */
  verifyAgainstDummy(password: string): Promise<boolean>;
}

/** argon2id cost parameters; memory in KiB, as argon2 counts it. */
export interface Argon2Params {
  memoryKiB: number;
  timeCost: number;
  parallelism: number;
}

/** The OWASP Password Storage minimum, and the project default (docs/design.md §5 (Authentication model)). */
export const DEFAULT_ARGON2_PARAMS: Readonly<Argon2Params> = Object.freeze({ memoryKiB: 19_456, timeCost: 2, parallelism: 1 });

/**
 * OWASP Password Storage Cheat Sheet: the argon2id (memory, iterations) pairs it considers equally strong, all with
 * p=1. A setting is acceptable when it reaches at least one pair in both dimensions.
 */
export const OWASP_ARGON2ID_MINIMUMS: readonly Readonly<{ memoryKiB: number; timeCost: number }>[] = Object.freeze([
  { memoryKiB: 47_104, timeCost: 1 },
  { memoryKiB: 19_456, timeCost: 2 },
  { memoryKiB: 12_288, timeCost: 3 },
  { memoryKiB: 9_216, timeCost: 4 },
  { memoryKiB: 7_168, timeCost: 5 },
]);

/**
 * Upper bounds on what we configure and on what `verify` will compute from a stored hash. A stored hash carries its
 * own parameters, so without a ceiling one corrupted or planted row could make every login on it allocate gigabytes.
 */
export const ARGON2_LIMITS = Object.freeze({ maxMemoryKiB: 1_048_576, maxTimeCost: 20, maxParallelism: 16 });

/** argon2 version 0x13 (1.3), the only one RFC 9106 specifies. */
const ARGON2_VERSION = 0x13;
/** Tag length in bytes (RFC 9106 recommends 32 for password hashing). */
const HASH_LENGTH = 32;
const SALT_LENGTH = 16;

/**
 * Why `params` cannot be used, or `null` when they can: at least one OWASP pair, p ≥ 1, integers, and within
 * {@link ARGON2_LIMITS}. Pure, so `config.ts` can use it in a zod refinement and report it with the other problems.
 */
export function argon2ParamsProblem(params: Argon2Params): string | null {
  const { memoryKiB, timeCost, parallelism } = params;
  if (![memoryKiB, timeCost, parallelism].every((n) => Number.isSafeInteger(n))) return 'argon2id parameters must be integers';
  if (parallelism < 1) return 'argon2id parallelism must be at least 1';
  if (memoryKiB > ARGON2_LIMITS.maxMemoryKiB) return `argon2id memory must be at most ${ARGON2_LIMITS.maxMemoryKiB} KiB`;
  if (timeCost > ARGON2_LIMITS.maxTimeCost) return `argon2id time cost must be at most ${ARGON2_LIMITS.maxTimeCost}`;
  if (parallelism > ARGON2_LIMITS.maxParallelism) return `argon2id parallelism must be at most ${ARGON2_LIMITS.maxParallelism}`;
  // argon2 itself needs 8 KiB per lane.
  if (memoryKiB < 8 * parallelism) return 'argon2id memory must be at least 8 KiB per lane of parallelism';
  const meetsOwasp = OWASP_ARGON2ID_MINIMUMS.some((min) => memoryKiB >= min.memoryKiB && timeCost >= min.timeCost);
  if (!meetsOwasp) {
    const pairs = OWASP_ARGON2ID_MINIMUMS.map((min) => `m=${min.memoryKiB},t=${min.timeCost}`).join('; ');
    return `argon2id m=${memoryKiB},t=${timeCost},p=${parallelism} is below the OWASP minimum (one of: ${pairs}; p=1)`;
  }
  return null;
}

/** The parts of a PHC argon2id string that `verify` and `needsRehash` look at. */
interface ParsedArgon2Hash {
  version: number;
  memoryKiB: number;
  timeCost: number;
  parallelism: number;
  hashBytes: number;
}

// $argon2id$v=19$m=19456,t=2,p=1[,data=…]$<salt b64>$<hash b64> — unpadded standard base64, as argon2 writes it.
const PHC_ARGON2ID =
  /^\$argon2id\$(?:v=(\d{1,3})\$)?m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,8})(?:,data=[A-Za-z0-9+/]*)?\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

const base64Bytes = (b64: string): number => Math.floor((b64.length * 3) / 4);

/**
 * Reads a stored hash strictly. Anything that is not argon2id, or whose parameters, salt or tag are outside sane
 * bounds, is `null`: the argon2 package would otherwise throw on garbage, accept a 0-byte tag, or honour any cost.
 */
function parseArgon2id(encoded: unknown): ParsedArgon2Hash | null {
  if (typeof encoded !== 'string' || encoded.length > 512) return null;
  const match = PHC_ARGON2ID.exec(encoded);
  if (!match) return null;
  const [, v, m, t, p, salt = '', tag = ''] = match;
  const parsed: ParsedArgon2Hash = {
    version: v === undefined ? 0x10 : Number(v),
    memoryKiB: Number(m),
    timeCost: Number(t),
    parallelism: Number(p),
    hashBytes: base64Bytes(tag),
  };
  if (parsed.version !== 0x10 && parsed.version !== ARGON2_VERSION) return null;
  if (parsed.timeCost < 1 || parsed.timeCost > ARGON2_LIMITS.maxTimeCost) return null;
  if (parsed.parallelism < 1 || parsed.parallelism > ARGON2_LIMITS.maxParallelism) return null;
  if (parsed.memoryKiB < 8 * parsed.parallelism || parsed.memoryKiB > ARGON2_LIMITS.maxMemoryKiB) return null;
  // argon2 accepts a salt of 8+ bytes; a short tag would make a match too easy to forge.
  if (base64Bytes(salt) < 8 || parsed.hashBytes < 16 || parsed.hashBytes > 64) return null;
  return parsed;
}

const HISTOGRAM_NAME = 'password_hash_duration_seconds';

/** One histogram per registry, so that several hashers (tests, or a re-wired container) can share a registry. */
function hashDurationHistogram(registry: Registry): Histogram<'op'> {
  const existing = registry.getSingleMetric(HISTOGRAM_NAME);
  if (existing instanceof Histogram) return existing as Histogram<'op'>;
  return new Histogram({
    name: HISTOGRAM_NAME,
    help: 'Time spent in argon2id, by operation (hash or verify). Tune the parameters so that p95 stays well under the login budget.',
    labelNames: ['op'] as const,
    buckets: [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
}

/** What {@link Argon2PasswordHasher} needs from its surroundings. */
export interface Argon2PasswordHasherDeps {
  /** Where `password_hash_duration_seconds` is registered (the service registry behind `/metrics`). */
  registry: Registry;
}

/**
 * argon2id behind {@link PasswordHasher}. The constructor refuses parameters below the OWASP minimum (throws a
 * RangeError naming the problem) and starts computing the dummy hash used by {@link verifyAgainstDummy}; await
 * {@link ready} at start-up to have it done before the first request.
 */
export class Argon2PasswordHasher implements DummyVerifyingHasher {
  readonly params: Readonly<Argon2Params>;
  private readonly duration: Histogram<'op'>;
  private readonly dummyHash: Promise<string>;

  constructor(params: Argon2Params, deps: Argon2PasswordHasherDeps) {
    const problem = argon2ParamsProblem(params);
    if (problem) throw new RangeError(problem);
    this.params = Object.freeze({ memoryKiB: params.memoryKiB, timeCost: params.timeCost, parallelism: params.parallelism });
    this.duration = hashDurationHistogram(deps.registry);
    // Made once, with the live parameters, from a random password nobody knows: verifying against it costs what a
    // real wrong-password check costs and can never succeed.
    this.dummyHash = this.compute(randomBytes(32).toString('base64url'));
    // Keep a failure visible to whoever awaits it (ready / verifyAgainstDummy) without an unhandled rejection now.
    this.dummyHash.catch(() => undefined);
  }

  /** Resolves once the dummy hash exists; rejects if argon2 cannot run with these parameters (e.g. out of memory). */
  async ready(): Promise<void> {
    await this.dummyHash;
  }

  async hash(password: string): Promise<string> {
    const stop = this.duration.startTimer({ op: 'hash' });
    try {
      return await this.compute(password.normalize('NFC'));
    } finally {
      stop();
    }
  }

  async verify(hash: string, password: string): Promise<boolean> {
    if (typeof password !== 'string') return false;
    if (parseArgon2id(hash) === null) {
      // A row without a usable hash (corrupted, foreign, or a "no password" placeholder) must not answer faster
      // than a wrong password, or timing would tell which accounts have no password.
      await this.verifyAgainstDummy(password);
      return false;
    }
    return this.timedVerify(hash, password);
  }

  needsRehash(hash: string): boolean {
    const parsed = parseArgon2id(hash);
    // Unreadable: it cannot have verified, and replacing it is the only fix.
    if (parsed === null) return true;
    const { memoryKiB, timeCost, parallelism } = this.params;
    let differs: boolean;
    try {
      differs = argon2.needsRehash(hash, { memoryCost: memoryKiB, timeCost, parallelism, version: ARGON2_VERSION });
    } catch {
      return true;
    }
    if (!differs) return parsed.hashBytes < HASH_LENGTH;
    // argon2 says "different"; only weaker is worth a write. A hash stronger in every dimension is kept, while a
    // mixed one (e.g. more memory but fewer passes) is brought to the configured shape.
    return (
      parsed.version !== ARGON2_VERSION ||
      parsed.memoryKiB < memoryKiB ||
      parsed.timeCost < timeCost ||
      parsed.parallelism < parallelism ||
      parsed.hashBytes < HASH_LENGTH
    );
  }

  async verifyAgainstDummy(password: string): Promise<boolean> {
    const dummy = await this.dummyHash;
    await this.timedVerify(dummy, typeof password === 'string' ? password : '');
    return false;
  }

  private async timedVerify(hash: string, password: string): Promise<boolean> {
    const stop = this.duration.startTimer({ op: 'verify' });
    try {
      return await argon2.verify(hash, password.normalize('NFC'));
    } catch {
      // The argon2 package throws on strings it cannot deserialize; to the caller that is just "no match".
      return false;
    } finally {
      stop();
    }
  }

  private compute(password: string): Promise<string> {
    return argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: this.params.memoryKiB,
      timeCost: this.params.timeCost,
      parallelism: this.params.parallelism,
      hashLength: HASH_LENGTH,
      salt: randomBytes(SALT_LENGTH),
    });
  }
}
