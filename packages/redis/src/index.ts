export { DEFAULT_KEY_PREFIX } from './redis-store.js';
export type {
  EventStreams,
  GroupInfo,
  MessageHandler,
  ReadGroupOptions,
  RedisLogger,
  RedisStore,
  SetOptions,
  StreamAddOptions,
  StreamEntry,
  Unsubscribe,
} from './redis-store.js';
export { createRedisStore } from './redis-store.factory.js';
export type { AnyRedisStore, CreateRedisStoreOptions } from './redis-store.factory.js';
export { DEFAULT_IOREDIS_OPTIONS, IoRedisStore } from './io-redis-store.js';
export type { IoRedisStoreOptions } from './io-redis-store.js';
export { InProcessRedisStore } from './in-process-redis-store.js';
export type { InProcessRedisStoreOptions } from './in-process-redis-store.js';
export type { Clock } from './in-process-backend.js';
