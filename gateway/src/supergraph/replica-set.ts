/**
 * The replicas of one subgraph and which of them are believed reachable (docs/design.md §2 (Processes and ports)).
 * Requests rotate over the reachable ones; a replica that refused a connection is skipped until a health probe
 * sees it again, or until its hold expires when nobody probes.
 */
export interface ReplicaSetOptions {
  /** Milliseconds since any fixed point; tests pass a fake clock. */
  now?: () => number;
  /** How long a replica stays skipped after a failure when no probe says otherwise. */
  holdDownMs?: number;
}

export const DEFAULT_HOLD_DOWN_MS = 5000;

export class ReplicaSet {
  readonly urls: readonly string[];
  private readonly now: () => number;
  private readonly holdDownMs: number;
  private readonly downUntil = new Map<string, number>();
  private cursor = 0;

  constructor(urls: readonly string[], options: ReplicaSetOptions = {}) {
    if (urls.length === 0) throw new Error('a replica set needs at least one URL');
    this.urls = [...urls];
    this.now = options.now ?? Date.now;
    this.holdDownMs = options.holdDownMs ?? DEFAULT_HOLD_DOWN_MS;
  }

  isUp(url: string): boolean {
    const until = this.downUntil.get(url);
    return until === undefined || this.now() >= until;
  }

  /** The replicas currently skipped (what the health probe looks at). */
  down(): string[] {
    return this.urls.filter((url) => !this.isUp(url));
  }

  /**
   * The next replica in rotation, skipping those that are down and those in `exclude` (already tried for this
   * request). When every candidate is down, one of them is still returned: trying beats failing without trying.
   * Undefined only when every replica is excluded.
   */
  pick(exclude: ReadonlySet<string> = new Set()): string | undefined {
    const count = this.urls.length;
    let fallback: number | undefined;
    for (let step = 0; step < count; step++) {
      const index = (this.cursor + step) % count;
      const url = this.urls[index]!;
      if (exclude.has(url)) continue;
      if (this.isUp(url)) {
        this.cursor = (index + 1) % count;
        return url;
      }
      fallback ??= index;
    }
    if (fallback === undefined) return undefined;
    this.cursor = (fallback + 1) % count;
    return this.urls[fallback];
  }

  markDown(url: string): void {
    this.downUntil.set(url, this.now() + this.holdDownMs);
  }

  markUp(url: string): void {
    this.downUntil.delete(url);
  }

  /** Asks `healthy` about every replica that is down: a yes brings it back, a no keeps it out for another hold. */
  async probeDown(healthy: (url: string) => Promise<boolean>): Promise<void> {
    await Promise.all(
      this.down().map(async (url) => {
        const ok = await healthy(url).catch(() => false);
        if (ok) this.markUp(url);
        else this.markDown(url);
      }),
    );
  }
}
