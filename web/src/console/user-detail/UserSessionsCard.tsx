import { useMutation } from '@apollo/client/react';
import { forgetSession } from '../../auth/session-refresher';
import { Alert } from '../../ui/Alert';
import { ConfirmStep } from '../../ui/ConfirmStep';
import { describeAmr, describeUserAgent, formatDateTime } from '../../ui/format';
import { EmptyState } from '../../ui/Loading';
import { useConfirmedAction } from '../shared/confirmed-action';
import { countOf } from '../shared/console-format';
import { REVOKE_USER_SESSIONS_MUTATION } from './user-detail.operations';
import type { AccountDetail } from './user-detail.operations';

/** The account's active sessions, and ending them all (sessions:revoke: admin and support). */
export function UserSessionsCard({ user, isSelf, onRevoked }: { user: AccountDetail; isSelf: boolean; onRevoked: () => void }) {
  const [revokeAll, { loading }] = useMutation(REVOKE_USER_SESSIONS_MUTATION);
  const { sessions } = user;
  const revocation = useConfirmedAction(async () => {
    const result = await revokeAll({ variables: { userId: user.id } });
    const ended = result.data?.revokeUserSessions ?? 0;
    // The viewer's own sessions include this one: it is over on the server, so forget it here too.
    if (isSelf) {
      forgetSession({ broadcast: true });
      return null;
    }
    onRevoked();
    return `Ended ${countOf(ended, 'session')}.`;
  });
  const question = isSelf
    ? `End all ${countOf(sessions.length, 'session')} of your own account, this one included? You will have to sign in again.`
    : `End all ${countOf(sessions.length, 'session')} of ${user.email}? They will have to sign in again.`;

  return (
    <section className="card" aria-labelledby="sessions-title">
      <div className="card__header">
        <h2 id="sessions-title">Active sessions</h2>
        {sessions.length > 0 && !revocation.confirming ? (
          <button type="button" className="button button--danger" onClick={revocation.ask}>
            Revoke all sessions
          </button>
        ) : null}
      </div>
      {revocation.confirming ? (
        <ConfirmStep
          className="console-confirm"
          question={question}
          confirmLabel="Confirm: end every session"
          busyLabel="Ending…"
          tone="danger"
          busy={loading}
          onConfirm={() => void revocation.confirm()}
          onCancel={revocation.cancel}
        />
      ) : null}
      {revocation.outcome ? <Alert tone={revocation.outcome.tone}>{revocation.outcome.text}</Alert> : null}
      {sessions.length === 0 ? (
        <EmptyState title="No active sessions" />
      ) : (
        <div className="table-wrap">
          <table className="table" aria-labelledby="sessions-title">
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">IP</th>
                <th scope="col">Signed in with</th>
                <th scope="col">Started</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <tr key={session.id}>
                  <td>{describeUserAgent(session.userAgent)}</td>
                  <td className="code">{session.ip ?? '—'}</td>
                  <td>{describeAmr(session.amr)}</td>
                  <td>{formatDateTime(session.createdAt)}</td>
                  <td>{formatDateTime(session.lastSeenAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
