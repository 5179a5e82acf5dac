import type { Logger } from '@cbp/logging';
import { Gauge } from '@cbp/metrics';
import type { Registry } from '@cbp/metrics';
import type { RedisStore } from '@cbp/redis';
import type { AuditChainKey, AuditCheckpoint } from './audit-chain-key.js';
import type { AuditLogRepository } from './audit-log.repository.js';
import { GENESIS_HASH } from './audit-hash.js';

/** The Redis key (under the service's prefix) of the latest checkpoint. */
export const AUDIT_CHECKPOINT_KEY = 'admin:audit:checkpoint';

/**
 * The latest checkpoint, kept in Redis: outside the database, so whoever rewrites the database does not rewrite
 * it too; and it carries its own MAC, so whoever writes Redis cannot forge one either.
 */
export class AuditCheckpointStore {
  constructor(private readonly redis: Pick<RedisStore, 'get' | 'set'>) {}

  async latest(): Promise<AuditCheckpoint | null> {
    const raw = await this.redis.get(AUDIT_CHECKPOINT_KEY);
    if (!raw) return null;
    try {
      const value = JSON.parse(raw) as Partial<AuditCheckpoint>;
      const { seq, link, hmacFromSeq, at, mac } = value;
      if (
        typeof seq === 'number' &&
        typeof link === 'string' &&
        typeof hmacFromSeq === 'number' &&
        typeof at === 'string' &&
        typeof mac === 'string'
      )
        return { seq, link, hmacFromSeq, at, mac };
    } catch {
      // Not JSON: reported below as a checkpoint that does not verify.
    }
    return { seq: 0, link: '', hmacFromSeq: 0, at: '', mac: '' };
  }

  async save(checkpoint: AuditCheckpoint): Promise<void> {
    await this.redis.set(AUDIT_CHECKPOINT_KEY, JSON.stringify(checkpoint));
  }
}

export interface AuditCheckpointerDeps {
  /** Reads the head and the anchor (each call may use a fresh EntityManager). */
  log: () => AuditLogRepository;
  key: AuditChainKey;
  store: AuditCheckpointStore;
  logger: Logger;
  registry?: Registry;
  intervalSeconds: number;
  clock: () => Date;
}

/**
 * Exports a signed checkpoint of the chain's head every `intervalSeconds` and on shutdown: one structured log
 * line (`audit chain checkpoint`, with the signed value, for the log pipeline to keep), the gauges
 * `audit_chain_head_seq` and `audit_chain_checkpoint_timestamp_seconds`, and the latest copy in Redis, which
 * verification compares the chain with. It never moves the stored checkpoint backwards: a head below it means
 * entries were removed, which is logged as an error and left for verification to report.
 */
export class AuditCheckpointer {
  private timer: NodeJS.Timeout | null = null;
  /** Checkpoints are taken one after the other, never two at once. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly headSeq: Gauge | null;
  private readonly checkpointTime: Gauge | null;

  constructor(private readonly deps: AuditCheckpointerDeps) {
    const registers = deps.registry ? [deps.registry] : [];
    this.headSeq = deps.registry
      ? new Gauge({ name: 'audit_chain_head_seq', help: 'Sequence number of the audit chain head at the last checkpoint.', registers })
      : null;
    this.checkpointTime = deps.registry
      ? new Gauge({
          name: 'audit_chain_checkpoint_timestamp_seconds',
          help: 'Unix time of the last signed audit chain checkpoint.',
          registers,
        })
      : null;
  }

  start(): void {
    this.timer = setInterval(() => void this.checkpoint(), this.deps.intervalSeconds * 1000);
    this.timer.unref();
    void this.checkpoint();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checkpoint();
  }

  /** Takes one checkpoint after any in progress; returns it, or null when none was taken. Never throws. */
  checkpoint(): Promise<AuditCheckpoint | null> {
    const next = this.queue
      .then(() => this.take())
      .catch((err: unknown) => {
        this.deps.logger.error({ err }, 'audit chain checkpoint failed');
        return null;
      });
    this.queue = next;
    return next;
  }

  private async take(): Promise<AuditCheckpoint | null> {
    const { key, store, logger } = this.deps;
    const log = this.deps.log();
    const anchor = await log.anchor();
    if (!anchor || !key.isAnchorGenuine(anchor)) {
      logger.error({ anchor: anchor ? 'invalid' : 'missing' }, 'audit chain anchor is missing or forged; no checkpoint taken');
      return null;
    }
    const head = await log.head();
    const previous = await store.latest();
    if (previous && key.isCheckpointGenuine(previous) && (head?.seq ?? 0) < previous.seq) {
      logger.error(
        { headSeq: head?.seq ?? 0, checkpointSeq: previous.seq, checkpointAt: previous.at },
        'audit chain head is behind the last checkpoint: entries were removed; the checkpoint is kept',
      );
      return null;
    }
    const checkpoint = key.checkpoint({
      seq: head?.seq ?? 0,
      link: head?.hash ?? GENESIS_HASH,
      hmacFromSeq: anchor.hmacFromSeq,
      at: this.deps.clock().toISOString(),
    });
    await store.save(checkpoint);
    this.headSeq?.set(checkpoint.seq);
    this.checkpointTime?.set(Math.floor(Date.parse(checkpoint.at) / 1000));
    logger.info({ auditCheckpoint: checkpoint }, 'audit chain checkpoint');
    return checkpoint;
  }
}
