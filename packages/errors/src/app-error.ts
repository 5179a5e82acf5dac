/**
 * The error model shared by every service. An error code is stable: once published it never changes meaning.
 * Domain catalogues live in `catalogue.ts`; services throw `new AppError(AUTH_ERRORS.INVALID_CREDENTIALS)`.
 */
export interface ErrorDefinition<C extends string = string> {
  readonly code: C;
  /** The HTTP status the REST face answers with (GraphQL carries the code in `extensions.code`). */
  readonly status: number;
  /** A human message that is safe to show to anyone: no secrets, no internals. */
  readonly message: string;
}

type Catalogue<T extends Record<string, { status: number; message: string }>> = {
  readonly [K in keyof T & string]: ErrorDefinition<K>;
};

/** Builds a frozen catalogue whose keys are the codes (better-auth `defineErrorCodes`). */
export function defineErrorCodes<T extends Record<string, { status: number; message: string }>>(group: T): Catalogue<T> {
  const out: Record<string, ErrorDefinition> = {};
  for (const [code, def] of Object.entries(group)) out[code] = Object.freeze({ code, ...def });
  return Object.freeze(out) as Catalogue<T>;
}

export interface AppErrorOptions {
  /** Overrides the catalogue message, e.g. to name the offending field. Must stay safe to show. */
  message?: string;
  /** Overrides the catalogue status where the contract gives one code two statuses. */
  status?: number;
  /** Safe, structured detail (e.g. `{ field: 'email' }`, `retryAfterSeconds`); exposed to clients. */
  details?: Record<string, unknown>;
  /** The underlying error; logged, never exposed. */
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(def: ErrorDefinition, options: AppErrorOptions = {}) {
    super(options.message ?? def.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = def.code;
    this.status = options.status ?? def.status;
    this.details = options.details;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
