import { useQuery } from '@apollo/client/react';
import { formatDateTime } from '../ui/format';
import { friendlyApiError } from '../ui/friendly-error';
import { LoadError } from '../ui/LoadError';
import { EmptyState, Loading } from '../ui/Loading';
import { StatusBadge } from '../ui/StatusBadge';
import type { BadgeTone } from '../ui/StatusBadge';
import { InvitationForm } from './InvitationForm';
import { MY_INVITATIONS_QUERY } from './operations';
import type { Invitation, InvitationStatus } from './operations';

const STATUS: Readonly<Record<InvitationStatus, { label: string; tone: BadgeTone }>> = {
  PENDING: { label: 'Pending', tone: 'pending' },
  ACCEPTED: { label: 'Accepted', tone: 'ok' },
  EXPIRED: { label: 'Expired', tone: 'unknown' },
};

/** `/account/invitations`: invite someone (the link is shown once), and the invitations sent so far. */
export function InvitationsPage() {
  const { data, loading, error, refetch } = useQuery(MY_INVITATIONS_QUERY, { fetchPolicy: 'cache-and-network' });
  const invitations = data?.invitations ?? null;

  return (
    <div className="stack">
      <title>Invitations · Chat Bot Pro V2</title>
      <div className="page-heading">
        <h1>Invitations</h1>
        <p className="muted">Invite someone to create an account.</p>
      </div>
      <InvitationForm onCreated={() => void refetch().catch(() => undefined)} />
      <section className="card" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">Your invitations</h2>
        {error && !invitations ? (
          <LoadError message={friendlyApiError(error)} onRetry={refetch} retrying={loading} />
        ) : !invitations ? (
          <Loading label="Loading your invitations…" />
        ) : invitations.length === 0 ? (
          <EmptyState title="No invitations yet">The invitations you create appear here, with who accepted them.</EmptyState>
        ) : (
          <InvitationsTable invitations={invitations} />
        )}
      </section>
    </div>
  );
}

function InvitationsTable({ invitations }: { invitations: Invitation[] }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-labelledby="invitations-heading">
        <thead>
          <tr>
            <th scope="col">For</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Accepted by</th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => {
            const status = STATUS[invitation.status] ?? { label: 'Unknown', tone: 'unknown' };
            return (
              <tr key={invitation.id}>
                <td>{invitation.email ?? <span className="muted">Anyone with the link</span>}</td>
                <td>
                  <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
                </td>
                <td>{formatDateTime(invitation.createdAt)}</td>
                <td>{formatDateTime(invitation.expiresAt)}</td>
                <td>
                  {invitation.acceptedBy ? (
                    <>
                      {invitation.acceptedBy.email}
                      {invitation.acceptedAt ? <span className="muted"> on {formatDateTime(invitation.acceptedAt)}</span> : null}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
