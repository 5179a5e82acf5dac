import { z } from 'zod';
import { isEd25519Key } from './ed25519-key.js';

/** Raised by `parseEnv`; its message is one line naming every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Env = Record<string, string | undefined>;

/**
 * Validates the environment against a zod object schema and returns a frozen, typed config.
 * Empty strings count as unset, so a blank line in `.env` falls back to the default.
 * Reports every problem at once, in one line: `identity: invalid configuration: A must be …; B is required`.
 */
export function parseEnv<S extends z.ZodObject>(service: string, schema: S, env: Env): Readonly<z.output<S>> {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') cleaned[key] = value;
  const result = schema.safeParse(cleaned);
  if (result.success) return Object.freeze(result.data);
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const got = issue.path.length > 0 ? cleaned[String(issue.path[0])] : undefined;
    if (got === undefined) return `${name} is required${issue.message.startsWith('Invalid input') ? '' : ` (${issue.message})`}`;
    // Never echo a value that could be a secret back into logs.
    const shown = /SECRET|KEY|PASSWORD|TOKEN|URL/.test(name) ? '' : ` (got ${JSON.stringify(got.slice(0, 40))})`;
    return `${name}: ${issue.message}${shown}`;
  });
  throw new ConfigError(`${service}: invalid configuration: ${problems.join('; ')}`);
}

/**
 * Runs a service's start function; a ConfigError stops the process with its one line and exit code 1.
 * Anything else is rethrown for the caller's own handler.
 */
export async function runWithConfig(start: () => Promise<unknown>): Promise<void> {
  try {
    await start();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

const intFrom = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be an integer from ${min} to ${max}` })
    .int({ error: `must be an integer from ${min} to ${max}` })
    .min(min, { error: `must be an integer from ${min} to ${max}` })
    .max(max, { error: `must be an integer from ${min} to ${max}` });

/** Reusable field schemas; units belong in variable names (`*_SECONDS`, `*_MS`, `*_KIB`). */
export const fields = {
  int: intFrom,
  /** 0 asks the OS for a free port (tests). */
  port: () => intFrom(0, 65535),
  bool: () =>
    z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' }).transform((v) => ['true', '1', 'yes'].includes(v)),
  url: (protocols: readonly string[]) =>
    z.string().refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      { error: `must be a URL (${protocols.map((p) => `${p}://`).join(' or ')})` },
    ),
  secret: (minLength: number) => z.string().min(minLength, { error: `must be at least ${minLength} characters` }),
  /** An Ed25519 key as PEM or JWK JSON (see readEd25519Key); a public one must hold no private part. */
  ed25519Key: (kind: 'private' | 'public') =>
    z.string().refine((v) => isEd25519Key(v, kind), { error: `must be an Ed25519 ${kind} key (PEM or JWK)` }),
  csv: () =>
    z.string().transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  logLevel: () =>
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    }),
  nodeEnv: () => z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }),
};
