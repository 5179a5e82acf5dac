import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format';
import { EmptyState } from '../../ui/Loading';
import type { AccountDetail } from './user-detail.operations';

/** Who did an entry, from the account page's point of view. */
function ActorOf({ actorId, userId, viewerId }: { actorId: string | null; userId: string; viewerId: string | null }) {
  if (actorId === null) return <>system</>;
  if (actorId === userId) return <>this account</>;
  if (actorId === viewerId) return <>you</>;
  return (
    <Link to={`/console/users/${encodeURIComponent(actorId)}`} className="code">
      {actorId}
    </Link>
  );
}

/** The most recent audit entries about (or by) the account, with the way into the full log. */
export function UserAuditTrailCard({ user, viewerId }: { user: AccountDetail; viewerId: string | null }) {
  return (
    <section className="card" aria-labelledby="trail-title">
      <div className="card__header">
        <h2 id="trail-title">Audit trail</h2>
        <Link to={`/console/audit?${new URLSearchParams({ subjectId: user.id }).toString()}`}>See all in the audit log</Link>
      </div>
      {user.auditTrail.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <div className="table-wrap">
          <table className="table" aria-labelledby="trail-title">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">When</th>
                <th scope="col">By</th>
                <th scope="col">IP</th>
              </tr>
            </thead>
            <tbody>
              {user.auditTrail.map((entry) => (
                <tr key={entry.id}>
                  <td className="code">{entry.type}</td>
                  <td>{formatDateTime(entry.occurredAt)}</td>
                  <td>
                    <ActorOf actorId={entry.actorId} userId={user.id} viewerId={viewerId} />
                  </td>
                  <td className="code">{entry.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
