import { StatusBadge } from '../ui/StatusBadge';
import { useReadiness } from './use-readiness';

function formatTime(date: Date): string {
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** The gateway's readiness checks (identity, admin, analytics, redis), each shown as OK or failed. */
export function PlatformStatus({ pollMs }: { pollMs?: number }) {
  const { result, checking, refresh } = useReadiness(pollMs);

  let summary: string;
  let summaryTone: 'ok' | 'failed' | 'pending';
  if (result === null) {
    summary = 'Checking the platform…';
    summaryTone = 'pending';
  } else if (result.kind === 'unavailable') {
    summary = result.message;
    summaryTone = 'failed';
  } else if (result.ready) {
    summary = 'All parts of the platform are ready.';
    summaryTone = 'ok';
  } else {
    const failed = result.checks.filter((check) => check.state !== 'ok').length;
    summary = failed === 1 ? 'One part of the platform is not ready.' : `${failed} parts of the platform are not ready.`;
    summaryTone = 'failed';
  }

  return (
    <section className="card" aria-labelledby="platform-status-title" aria-busy={checking}>
      <div className="card__header">
        <h2 id="platform-status-title">Platform</h2>
        {/* Never disabled while a check runs: a disabled button would drop the keyboard focus on every poll. */}
        <button type="button" className="button" onClick={refresh}>
          Check again
        </button>
      </div>
      <p className={`summary summary--${summaryTone}`} role="status" data-testid="platform-summary">
        {summary}
      </p>
      {result !== null && (
        <>
          <ul className="checks" aria-label="Readiness checks">
            {result.checks.map((check) => (
              <li key={check.name} className="checks__item" data-check={check.name}>
                <span className="checks__label">{check.label}</span>
                <StatusBadge tone={check.state} />
              </li>
            ))}
          </ul>
          <p className="muted">
            Last checked at <time dateTime={result.checkedAt.toISOString()}>{formatTime(result.checkedAt)}</time>
          </p>
        </>
      )}
    </section>
  );
}
