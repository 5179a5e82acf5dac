import { InProcessRedisStore } from './in-process-redis-store.js';
import { IoRedisStore } from './io-redis-store.js';
import type { RedisLogger } from './redis-store.js';

/** Either implementation; branch on `kind` to reach implementation-specific members such as `ioredisClient()`. */
export type AnyRedisStore = IoRedisStore | InProcessRedisStore;

/** Options of {@link createRedisStore}. */
export interface CreateRedisStoreOptions {
  /**
   * `redis://…` or `rediss://…`: a real server ({@link IoRedisStore}).
   * `memory://<name>`: the process-wide in-process store registered under `<name>` ({@link InProcessRedisStore}),
   * shared by every store created with the same name.
   */
  url: string;
  /** Prepended to every key, stream and channel. Default `cbp:`. */
  keyPrefix?: string;
  logger?: RedisLogger;
}

const MEMORY_SCHEME = 'memory://';

/**
 * Opens the store a URL names. The connection to a real server is made in the background; call
 * `ping()` to wait for it. Every store returned must be closed.
 * @throws Error when the URL's scheme is not redis, rediss or memory, or a memory URL has no name. The message
 * names the scheme only, never the URL, which may carry a password.
 */
export function createRedisStore(options: CreateRedisStoreOptions): AnyRedisStore {
  const { url, keyPrefix, logger } = options;
  const store = { ...(keyPrefix === undefined ? {} : { keyPrefix }), ...(logger === undefined ? {} : { logger }) };
  if (url.startsWith('redis://') || url.startsWith('rediss://')) return new IoRedisStore({ url, ...store });
  if (url.startsWith(MEMORY_SCHEME)) {
    const name = url.slice(MEMORY_SCHEME.length);
    if (name === '' || name.includes('/')) {
      throw new Error('Redis URL memory://<name> needs a name made of anything but "/", e.g. memory://default');
    }
    return InProcessRedisStore.shared(name, store);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new Error(
    `Unsupported Redis URL scheme ${scheme === undefined ? '(none)' : `"${scheme}:"`}: expected redis://, rediss:// or memory://<name>`,
  );
}
