import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { forgetSession } from '../auth/session-refresher';
import { Alert } from '../ui/Alert';
import { describeUserAgent, formatDateTime } from '../ui/format';
import { EmptyState } from '../ui/Loading';
import { consoleErrorOf } from './console-access';
import { countOf, describeAmr } from './console-format';
import { REVOKE_USER_SESSIONS_MUTATION } from './users.operations';
import type { AccountDetail } from './users.operations';

type Outcome = { tone: 'success' | 'error'; text: string } | null;

/** The account's active sessions, and ending them all (sessions:revoke: admin and support). */
export function UserSessionsCard({ user, isSelf, onRevoked }: { user: AccountDetail; isSelf: boolean; onRevoked: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [revokeAll, { loading }] = useMutation(REVOKE_USER_SESSIONS_MUTATION);
  const { sessions } = user;

  async function revokeNow() {
    try {
      const result = await revokeAll({ variables: { userId: user.id } });
      const ended = result.data?.revokeUserSessions ?? 0;
      // The viewer's own sessions include this one: it is over on the server, so forget it here too.
      if (isSelf) {
        forgetSession({ broadcast: true });
        return;
      }
      setOutcome({ tone: 'success', text: `Ended ${countOf(ended, 'session')}.` });
      onRevoked();
    } catch (error) {
      setOutcome({ tone: 'error', text: consoleErrorOf(error) });
    } finally {
      setConfirming(false);
    }
  }

  return (
    <section className="card" aria-labelledby="sessions-title">
      <div className="card__header">
        <h2 id="sessions-title">Active sessions</h2>
        {sessions.length > 0 && !confirming ? (
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              setOutcome(null);
              setConfirming(true);
            }}
          >
            Revoke all sessions
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="console-confirm" role="group" aria-labelledby="revoke-sessions-confirm-text">
          <p id="revoke-sessions-confirm-text">
            {isSelf
              ? `End all ${countOf(sessions.length, 'session')} of your own account, this one included? You will have to sign in again.`
              : `End all ${countOf(sessions.length, 'session')} of ${user.email}? They will have to sign in again.`}
          </p>
          <div className="button-row">
            <button type="button" className="button button--danger" onClick={() => void revokeNow()} disabled={loading}>
              {loading ? 'Ending…' : 'Confirm: end every session'}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)} disabled={loading}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null}
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
