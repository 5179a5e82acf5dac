import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { Alert } from '../../ui/Alert';
import { errorCodeOf } from '../../ui/api-error';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { StatusBadge } from '../../ui/StatusBadge';
import { consoleErrorOf, useIsAdmin } from '../shared/console-access';
import { yesNo } from '../shared/console-format';
import { UserAuditTrailCard } from './UserAuditTrailCard';
import { UserLockCard } from './UserLockCard';
import { UserRolesCard } from './UserRolesCard';
import { UserSessionsCard } from './UserSessionsCard';
import { USER_DETAIL_QUERY } from './user-detail.operations';
import type { AccountDetail } from './user-detail.operations';

/** /console/users/:userId: one account, its roles, lock, sessions and audit trail. */
export function UserDetailPage() {
  const { userId = '' } = useParams();
  const { viewer } = useAuth();
  const isAdmin = useIsAdmin();
  const { data, error, loading, refetch } = useQuery(USER_DETAIL_QUERY, {
    variables: { id: userId, withLoginStats: isAdmin },
    fetchPolicy: 'cache-and-network',
  });
  const reload = () => {
    refetch().catch(() => undefined);
  };

  const user = data?.user;
  // An id that is not a UUID is refused as VALIDATION_FAILED; to the person it is the same as an unknown one.
  const absent = user === null || errorCodeOf(error) === 'VALIDATION_FAILED';

  if (absent) return <NoSuchAccount />;
  if (!user) {
    return (
      <>
        <title>Account · Chat Bot Pro V2</title>
        <div className="page-heading">
          <h1>Account</h1>
          <BackToUsers />
        </div>
        {error ? <Alert tone="error">{consoleErrorOf(error)}</Alert> : loading ? <Loading label="Loading the account…" /> : null}
      </>
    );
  }

  const isSelf = viewer?.id === user.id;
  return (
    <>
      <title>{`${user.email} · Chat Bot Pro V2`}</title>
      <div className="page-heading">
        <h1 className="console-break">{user.email}</h1>
        <BackToUsers />
      </div>
      {isSelf ? <Alert tone="info">This is your own account. You cannot lock it, nor revoke your own admin role.</Alert> : null}
      {error ? <Alert tone="error">{consoleErrorOf(error)}</Alert> : null}
      <ProfileCard user={user} />
      <UserRolesCard user={user} isSelf={isSelf} />
      <UserLockCard user={user} isSelf={isSelf} />
      <UserSessionsCard user={user} isSelf={isSelf} onRevoked={reload} />
      <UserAuditTrailCard user={user} viewerId={viewer?.id ?? null} />
    </>
  );
}

function BackToUsers() {
  return (
    <p>
      <Link to="/console/users">Back to users</Link>
    </p>
  );
}

function NoSuchAccount() {
  return (
    <>
      <title>No such account · Chat Bot Pro V2</title>
      <div className="page-heading">
        <h1>No such account</h1>
        <p>There is no account with this id. It may have been mistyped, or the link is out of date.</p>
        <BackToUsers />
      </div>
    </>
  );
}

function ProfileCard({ user }: { user: AccountDetail }) {
  const stats = user.loginStats;
  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <dl className="details">
        <dt>Account id</dt>
        <dd className="code">{user.id}</dd>
        <dt>Email verified</dt>
        <dd>{yesNo(user.emailVerified)}</dd>
        <dt>Two-factor authentication</dt>
        <dd>{user.totpEnabled ? 'On' : 'Off'}</dd>
        <dt>Locked</dt>
        <dd>{user.locked ? <StatusBadge tone="failed">Locked</StatusBadge> : 'No'}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(user.createdAt)}</dd>
        {stats ? (
          <>
            <dt>Successful logins</dt>
            <dd>{stats.successCount}</dd>
            <dt>Failed logins</dt>
            <dd>{stats.failureCount}</dd>
            <dt>Last login</dt>
            <dd>{formatDateTime(stats.lastLoginAt)}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
