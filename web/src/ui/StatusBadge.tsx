export type BadgeTone = 'ok' | 'failed' | 'unknown' | 'pending';

const TEXT: Record<BadgeTone, string> = { ok: 'OK', failed: 'Failed', unknown: 'Unknown', pending: 'Checking…' };

/** A state shown as text and colour both, so that it never depends on colour alone. */
export function StatusBadge({ tone, children }: { tone: BadgeTone; children?: string }) {
  return (
    <span className={`badge badge--${tone}`} data-state={tone}>
      <span className="badge__dot" aria-hidden="true" />
      {children ?? TEXT[tone]}
    </span>
  );
}
