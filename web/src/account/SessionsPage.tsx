import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Alert } from '../ui/Alert';
import { ConfirmStep } from '../ui/ConfirmStep';
import { describeUserAgent, formatDateTime } from '../ui/format';
import { friendlyApiError } from '../ui/friendly-error';
import { LoadError } from '../ui/LoadError';
import { EmptyState, Loading } from '../ui/Loading';
import { LOGOUT_OTHERS_MUTATION, MY_SESSIONS_QUERY } from './operations';
import type { Device, Session } from './operations';
import { evictSession } from './session-cache';
import { SessionRow } from './SessionRow';

type Outcome = { tone: 'success' | 'error'; message: string } | null;

export function signedOutMessage(count: number): string {
  if (count === 0) return 'There were no other sessions to sign out.';
  return `Signed out ${count} other session${count === 1 ? '' : 's'}.`;
}

/** `/account/sessions`: where the account is signed in now, ending any of those sessions, and the known devices. */
export function SessionsPage() {
  const { data, loading, error, refetch } = useQuery(MY_SESSIONS_QUERY, { fetchPolicy: 'cache-and-network' });
  const [outcome, setOutcome] = useState<Outcome>(null);
  const sessions = data?.mySessions ?? null;

  return (
    <div className="stack">
      <title>Sessions and devices · Chat Bot Pro V2</title>
      <div className="page-heading">
        <h1>Sessions and devices</h1>
        <p className="muted">Where your account is signed in now. Revoke any session you do not recognise.</p>
      </div>
      {outcome ? <Alert tone={outcome.tone}>{outcome.message}</Alert> : null}
      {error && !sessions ? (
        <LoadError message={friendlyApiError(error)} onRetry={refetch} retrying={loading} />
      ) : sessions ? (
        <>
          <SessionsCard sessions={sessions} onOutcome={setOutcome} />
          <DevicesCard devices={data?.me?.devices ?? []} />
        </>
      ) : (
        <Loading label="Loading your sessions…" />
      )}
    </div>
  );
}

function SessionsCard({ sessions, onOutcome }: { sessions: Session[]; onOutcome(outcome: Outcome): void }) {
  const others = sessions.filter((session) => !session.current);
  return (
    <section className="card" aria-labelledby="sessions-heading">
      <div className="card__header">
        <h2 id="sessions-heading">Active sessions</h2>
        {others.length > 0 ? <SignOutOthers sessions={others} onOutcome={onOutcome} /> : null}
      </div>
      {sessions.length === 0 ? (
        <EmptyState title="No active sessions" />
      ) : (
        <div className="table-wrap">
          <table className="table sessions-table" aria-labelledby="sessions-heading">
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">IP address</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last seen</th>
                <th scope="col">Signed in with</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <SessionRow key={session.id} session={session} onOutcome={onOutcome} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">To end the session on this device, use Sign out at the top of the page.</p>
    </section>
  );
}

/** "Sign out everywhere else", with a confirm step: it ends every session but this one. */
function SignOutOthers({ sessions, onOutcome }: { sessions: Session[]; onOutcome(outcome: Outcome): void }) {
  const client = useApolloClient();
  const [confirming, setConfirming] = useState(false);
  const [logoutOthers, { loading }] = useMutation(LOGOUT_OTHERS_MUTATION);

  async function signOutOthers() {
    onOutcome(null);
    try {
      const { data } = await logoutOthers();
      // Those sessions are over on the server; the current one stays.
      for (const session of sessions) evictSession(client.cache, session.id);
      onOutcome({ tone: 'success', message: signedOutMessage(data?.logoutOthers ?? 0) });
    } catch (error) {
      onOutcome({ tone: 'error', message: friendlyApiError(error) });
    } finally {
      setConfirming(false);
    }
  }

  if (!confirming) {
    return (
      <button type="button" className="button" onClick={() => setConfirming(true)}>
        Sign out everywhere else
      </button>
    );
  }
  const question = `${sessions.length === 1 ? 'Sign out the other session?' : `Sign out all ${sessions.length} other sessions?`} You stay signed in here.`;
  return (
    <ConfirmStep
      className="confirm"
      label="Confirm signing out everywhere else"
      question={question}
      confirmLabel="Yes, sign out everywhere else"
      busyLabel="Signing out…"
      tone="danger"
      busy={loading}
      onConfirm={() => void signOutOthers()}
      onCancel={() => setConfirming(false)}
    />
  );
}

function DevicesCard({ devices }: { devices: Device[] }) {
  return (
    <section className="card" aria-labelledby="devices-heading">
      <h2 id="devices-heading">Known devices</h2>
      <p className="muted">Every browser your account has signed in from. A new one counts towards the risk score of a sign-in.</p>
      {devices.length === 0 ? (
        <EmptyState title="No devices recorded yet" />
      ) : (
        <div className="table-wrap">
          <table className="table" aria-labelledby="devices-heading">
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">First seen</th>
                <th scope="col">Last seen</th>
                <th scope="col">Last IP address</th>
              </tr>
            </thead>
            <tbody>
              {devices.map((device) => (
                <tr key={device.id}>
                  <td>{describeUserAgent(device.userAgent)}</td>
                  <td>{formatDateTime(device.firstSeenAt)}</td>
                  <td>{formatDateTime(device.lastSeenAt)}</td>
                  <td className="code">{device.lastIp ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
