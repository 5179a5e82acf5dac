import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { errorCodeOf } from '../ui/api-error';
import { ConfirmStep } from '../ui/ConfirmStep';
import { describeAmr, describeUserAgent, formatDateTime } from '../ui/format';
import { friendlyApiError } from '../ui/friendly-error';
import { StatusBadge } from '../ui/StatusBadge';
import { REVOKE_SESSION_MUTATION } from './operations';
import type { Session } from './operations';
import { evictSession } from './session-cache';

interface SessionRowProps {
  session: Session;
  onOutcome(outcome: { tone: 'success' | 'error'; message: string } | null): void;
}

/**
 * One session. Others can be revoked after a confirm step; the current one cannot (the header's Sign out ends
 * it, and forgets it in this tab as well).
 */
export function SessionRow({ session, onOutcome }: SessionRowProps) {
  const client = useApolloClient();
  const [confirming, setConfirming] = useState(false);
  const [revoke, { loading }] = useMutation(REVOKE_SESSION_MUTATION);
  const browser = describeUserAgent(session.userAgent ?? session.device?.userAgent);

  async function revokeNow() {
    onOutcome(null);
    try {
      await revoke({ variables: { id: session.id } });
      evictSession(client.cache, session.id);
      onOutcome({ tone: 'success', message: `Revoked the session of ${browser}. It is signed out.` });
    } catch (error) {
      // Already over (expired, or ended elsewhere): it goes from the list all the same.
      if (errorCodeOf(error) === 'NOT_FOUND') {
        evictSession(client.cache, session.id);
        onOutcome({ tone: 'success', message: `The session of ${browser} had already ended.` });
        return;
      }
      setConfirming(false);
      onOutcome({ tone: 'error', message: friendlyApiError(error) });
    }
  }

  return (
    <tr data-session-id={session.id} aria-current={session.current ? 'true' : undefined}>
      <td>
        <span className="session__browser">{browser}</span> {session.current ? <StatusBadge tone="ok">This device</StatusBadge> : null}
      </td>
      <td className="code">{session.ip ?? '—'}</td>
      <td>{formatDateTime(session.createdAt)}</td>
      <td>{formatDateTime(session.lastSeenAt)}</td>
      <td>{describeAmr(session.amr)}</td>
      <td className="session__actions">
        {session.current ? null : confirming ? (
          <ConfirmStep
            label={`Confirm revoking the session of ${browser}`}
            confirmLabel="Confirm revoke"
            busyLabel="Revoking…"
            tone="danger"
            size="small"
            busy={loading}
            onConfirm={() => void revokeNow()}
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <button type="button" className="button button--small" onClick={() => setConfirming(true)}>
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}
