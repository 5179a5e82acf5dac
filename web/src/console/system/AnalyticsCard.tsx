import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { CSSProperties } from 'react';
import { Alert } from '../../ui/Alert';
import { EmptyState, Loading } from '../../ui/Loading';
import { consoleErrorOf, useIsAdmin } from '../shared/console-access';
import { CONSOLE_ANALYTICS_QUERY } from './system.operations';
import type { ConsoleAnalyticsQueryVariables } from '../../generated/gql/graphql';
import type { DayCount } from './system.operations';

const DAY_MS = 86_400_000;

/** Today (UTC, so far) and the six UTC days before it: seven rows in signupsByDay. */
export function lastSevenDays(now: Date): ConsoleAnalyticsQueryVariables {
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { from: new Date(startOfToday - 6 * DAY_MS).toISOString(), to: now.toISOString() };
}

/** The reasons of auth.login.failed, in words. */
const FAILURE_REASONS: Readonly<Record<string, string>> = {
  INVALID_CREDENTIALS: 'Wrong email or password',
  EMAIL_NOT_VERIFIED: 'Email not verified',
  OTP_REQUIRED: 'Two-factor code missing',
  INVALID_OTP: 'Wrong two-factor code',
  ACCOUNT_LOCKED: 'Account locked',
  UNKNOWN: 'Not recorded',
};

const dayLabel = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayLabel.format(date);
}

/** Registrations, logins and lockouts of the last seven days. Needs analytics:read, so admins only. */
export function AnalyticsCard() {
  const isAdmin = useIsAdmin();
  // Fixed for the life of the page, so that re-renders do not make a new query.
  const [range] = useState(() => lastSevenDays(new Date()));
  const { data, error, loading } = useQuery(CONSOLE_ANALYTICS_QUERY, { variables: range, skip: !isAdmin });

  if (!isAdmin) return null;
  const stats = data?.authStats;
  return (
    <section className="card" aria-labelledby="analytics-title" aria-busy={loading}>
      <div>
        <h2 id="analytics-title">The last 7 days</h2>
        <p className="muted">UTC days, today so far included.</p>
      </div>
      {error ? <Alert tone="error">{consoleErrorOf(error)}</Alert> : null}
      {loading && !data ? <Loading label="Counting…" /> : null}
      {stats ? (
        <>
          <dl className="details" aria-label="Totals">
            <dt>Registrations</dt>
            <dd>{stats.registrations}</dd>
            <dt>Successful logins</dt>
            <dd>{stats.loginsSucceeded}</dd>
            <dt>Failed logins</dt>
            <dd>{stats.loginsFailed}</dd>
            <dt>Lockouts</dt>
            <dd>{stats.lockouts}</dd>
            <dt>Distinct users signed in</dt>
            <dd>{stats.distinctUsers}</dd>
          </dl>
          <div className="stack console-tight">
            <h3>Failed logins by reason</h3>
            {stats.failuresByReason.length === 0 ? (
              <p className="muted">No failed logins.</p>
            ) : (
              <ul className="checks" aria-label="Failed logins by reason">
                {stats.failuresByReason.map((entry) => (
                  <li key={entry.reason} className="checks__item">
                    <span>{FAILURE_REASONS[entry.reason] ?? entry.reason}</span>
                    <span>{entry.count}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      ) : null}
      {data ? <SignupsByDay days={data.signupsByDay} /> : null}
    </section>
  );
}

/** Sign-ups per day as a bar list: the numbers are text, the bars only echo them. */
function SignupsByDay({ days }: { days: DayCount[] }) {
  const most = Math.max(1, ...days.map((entry) => entry.count));
  return (
    <div className="stack console-tight">
      <h3 id="signups-title">Sign-ups per day</h3>
      {days.length === 0 ? (
        <EmptyState title="No days in the range" />
      ) : (
        <ol className="console-bars" aria-labelledby="signups-title">
          {days.map((entry) => (
            <li key={entry.day} className="console-bars__item">
              <span className="console-bars__label">{formatDay(entry.day)}</span>
              <span className="console-bars__track" aria-hidden="true">
                <span className="console-bars__bar" style={{ '--bar-share': `${(entry.count / most) * 100}%` } as CSSProperties} />
              </span>
              <span className="console-bars__count">{entry.count}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
