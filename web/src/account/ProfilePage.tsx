import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { Alert } from '../ui/Alert';
import { formatDate, formatDateTime, describeUserAgent } from '../ui/format';
import { friendlyApiError } from '../ui/friendly-error';
import { LoadError } from '../ui/LoadError';
import { EmptyState, Loading } from '../ui/Loading';
import { StatusBadge } from '../ui/StatusBadge';
import { PROFILE_QUERY } from './operations';
import type { Profile, RiskEvent } from './operations';
import { describeRiskReasons, riskLevel } from './risk';

/** `/account`: who the signed-in person is, and how their recent sign-ins looked. */
export function ProfilePage() {
  const { data, loading, error, refetch } = useQuery(PROFILE_QUERY, {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const profile = data?.me ?? null;

  return (
    <div className="stack">
      <title>Profile · Chat Bot Pro V2</title>
      <div className="page-heading">
        <h1>Profile</h1>
        <p className="muted">Your account and its recent sign-ins.</p>
      </div>
      {error && !profile ? (
        <LoadError message={friendlyApiError(error)} onRetry={refetch} retrying={loading} />
      ) : profile ? (
        <ProfileDetails profile={profile} />
      ) : loading ? (
        <Loading label="Loading your profile…" />
      ) : (
        <Alert tone="error">Your session has ended. Sign in again.</Alert>
      )}
    </div>
  );
}

function ProfileDetails({ profile }: { profile: Profile }) {
  const stats = profile.loginStats;
  return (
    <>
      <section className="card" aria-labelledby="profile-account-heading">
        <h2 id="profile-account-heading">Account</h2>
        <dl className="details">
          <dt>Email</dt>
          <dd className="profile__email">
            <span>{profile.email}</span>{' '}
            <StatusBadge tone={profile.emailVerified ? 'ok' : 'unknown'}>{profile.emailVerified ? 'Verified' : 'Not verified'}</StatusBadge>
          </dd>
          <dt>Member since</dt>
          <dd>{formatDate(profile.createdAt)}</dd>
          <dt>Roles</dt>
          <dd>{profile.roles.length > 0 ? profile.roles.join(', ') : 'none'}</dd>
          <dt>Two-factor authentication</dt>
          <dd className="profile__mfa">
            <StatusBadge tone={profile.totpEnabled ? 'ok' : 'unknown'}>{profile.totpEnabled ? 'On' : 'Off'}</StatusBadge>{' '}
            <Link to="/account/security">
              {profile.totpEnabled ? 'Manage two-factor authentication' : 'Turn on two-factor authentication'}
            </Link>
          </dd>
          {profile.locked ? (
            <>
              <dt>Status</dt>
              <dd>
                <StatusBadge tone="failed">Locked</StatusBadge>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="profile-activity-heading">
        <h2 id="profile-activity-heading">Sign-in activity</h2>
        <dl className="details">
          <dt>Successful sign-ins</dt>
          <dd>{stats.successCount}</dd>
          <dt>Failed attempts</dt>
          <dd>{stats.failureCount}</dd>
          <dt>Last sign-in</dt>
          <dd>{stats.lastLoginAt ? formatDateTime(stats.lastLoginAt) : 'never'}</dd>
          <dt>Last failed attempt</dt>
          <dd>{stats.lastFailureAt ? formatDateTime(stats.lastFailureAt) : 'never'}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="profile-recent-heading">
        <div className="card__header">
          <h2 id="profile-recent-heading">Recent sign-ins</h2>
          <Link to="/account/sessions">Sessions and devices</Link>
        </div>
        {profile.riskEvents.length === 0 ? (
          <EmptyState title="No sign-ins recorded yet">Each sign-in appears here with how unusual it looked.</EmptyState>
        ) : (
          <RecentSignIns events={profile.riskEvents} />
        )}
      </section>
    </>
  );
}

function RecentSignIns({ events }: { events: RiskEvent[] }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-labelledby="profile-recent-heading">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Browser</th>
            <th scope="col">IP address</th>
            <th scope="col">Risk</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const level = riskLevel(event.score);
            return (
              <tr key={event.eventId}>
                <td>{formatDateTime(event.occurredAt)}</td>
                <td>{describeUserAgent(event.userAgent)}</td>
                <td className="code">{event.ip ?? '—'}</td>
                <td>
                  <StatusBadge tone={level.tone}>{`${level.label} (${event.score})`}</StatusBadge>
                </td>
                <td>{describeRiskReasons(event.reasons)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
