/** Stream ids (`<ms>-<seq>`) for the in-process store, ordered as Redis orders them. */

export interface StreamId {
  ms: number;
  seq: number;
}

export const ZERO_ID: StreamId = { ms: 0, seq: 0 };

const ID_PATTERN = /^(\d+)(?:-(\d+))?$/;

/** Parses `<ms>-<seq>` or `<ms>` (seq 0). @throws the error Redis gives for a malformed id. */
export function parseStreamId(text: string): StreamId {
  const match = ID_PATTERN.exec(text);
  const ms = match ? Number(match[1]) : NaN;
  const seq = match?.[2] === undefined ? 0 : Number(match[2]);
  if (!Number.isSafeInteger(ms) || !Number.isSafeInteger(seq)) {
    throw new Error('ERR Invalid stream ID specified as stream command argument');
  }
  return { ms, seq };
}

export function formatStreamId(id: StreamId): string {
  return `${id.ms}-${id.seq}`;
}

export function compareStreamIds(a: StreamId, b: StreamId): number {
  return a.ms === b.ms ? a.seq - b.seq : a.ms - b.ms;
}

/**
 * The id XADD `*` would assign: the current time, or — when the clock has not moved on or went
 * backwards — the last id's time with the next sequence number, so ids stay strictly increasing.
 */
export function nextStreamId(last: StreamId, nowMs: number): StreamId {
  return nowMs > last.ms ? { ms: nowMs, seq: 0 } : { ms: last.ms, seq: last.seq + 1 };
}
