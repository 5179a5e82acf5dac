import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Alert } from '../../ui/Alert';
import { ConfirmStep } from '../../ui/ConfirmStep';
import { Field } from '../../ui/Field';
import { formErrorsOf } from '../../ui/form-errors';
import { consoleErrorOf, useIsAdmin } from '../shared/console-access';
import { LOCK_USER_MUTATION, UNLOCK_USER_MUTATION } from './user-detail.operations';
import type { AccountDetail } from './user-detail.operations';

type Outcome = { tone: 'success' | 'error'; text: string } | null;

/** Locking (with a reason, after a confirm step) and unlocking an account: admins only (users:lock). */
export function UserLockCard({ user, isSelf }: { user: AccountDetail; isSelf: boolean }) {
  const isAdmin = useIsAdmin();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [lock, locking] = useMutation(LOCK_USER_MUTATION);
  const [unlock, unlocking] = useMutation(UNLOCK_USER_MUTATION);

  function askToLock(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOutcome(null);
    if (!reason.trim()) {
      setReasonError('Say why the account is being locked: the reason goes into the audit log.');
      return;
    }
    setReasonError(null);
    setConfirming(true);
  }

  async function lockNow() {
    try {
      await lock({
        variables: { userId: user.id, reason: reason.trim() },
        // A lock ends every session of the account at once (the answer's `locked` updates the cache itself).
        update: (cache) => cache.modify({ id: cache.identify({ __typename: 'User', id: user.id }), fields: { sessions: () => [] } }),
      });
      setReason('');
      setOutcome({ tone: 'success', text: 'Locked. Every session of the account has ended; login is refused until it is unlocked.' });
    } catch (error) {
      const problems = formErrorsOf(error, (field) => (field === 'reason' ? 'reason' : null));
      if (problems.fields.reason) setReasonError(problems.fields.reason);
      else setOutcome({ tone: 'error', text: consoleErrorOf(error) });
    } finally {
      setConfirming(false);
    }
  }

  async function unlockNow() {
    setOutcome(null);
    try {
      await unlock({ variables: { userId: user.id } });
      setOutcome({ tone: 'success', text: 'Unlocked. The account can sign in again.' });
    } catch (error) {
      setOutcome({ tone: 'error', text: consoleErrorOf(error) });
    }
  }

  let body;
  if (user.locked) {
    body = (
      <>
        <p>This account is locked: an operator locked it, or too many logins failed.</p>
        {isAdmin ? (
          <div className="button-row">
            <button type="button" className="button" onClick={() => void unlockNow()} disabled={unlocking.loading}>
              {unlocking.loading ? 'Unlocking…' : 'Unlock account'}
            </button>
          </div>
        ) : null}
      </>
    );
  } else if (!isAdmin) {
    body = <p className="muted">Only admins can lock accounts.</p>;
  } else if (isSelf) {
    body = <p className="muted">You cannot lock your own account.</p>;
  } else {
    const lockQuestion = `Lock ${user.email}? Every session ends now and login is refused until an admin unlocks it.`;
    body = (
      <form onSubmit={askToLock} noValidate aria-label="Lock the account">
        <Field
          label="Reason for the lock"
          name="reason"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={reasonError}
          hint="Recorded in the audit log. Locking ends every session of the account now."
          maxLength={500}
          required
          disabled={confirming}
        />
        {confirming ? (
          <ConfirmStep
            className="console-confirm"
            question={lockQuestion}
            confirmLabel="Confirm lock"
            busyLabel="Locking…"
            tone="danger"
            busy={locking.loading}
            onConfirm={() => void lockNow()}
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <div className="button-row">
            <button type="submit" className="button button--danger">
              Lock account
            </button>
          </div>
        )}
      </form>
    );
  }

  return (
    <section className="card" aria-labelledby="lock-title">
      <h2 id="lock-title">Lock</h2>
      {outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null}
      {body}
    </section>
  );
}
