import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Alert } from '../ui/Alert';
import { formatDateTime } from '../ui/format';
import { EmptyState } from '../ui/Loading';
import { StatusBadge } from '../ui/StatusBadge';
import { consoleErrorOf, useIsAdmin } from './console-access';
import { formatAge } from './console-format';
import { ROTATE_SIGNING_KEY_MUTATION } from './system.operations';
import type { SigningKeyStatus } from './system.operations';

type Outcome = { tone: 'success' | 'error'; text: string } | null;

/** The signing keys in the JWKS, and (for admins) rotation behind a confirm step. */
export function SigningKeysCard({ keys, onRotated }: { keys: SigningKeyStatus[]; onRotated: () => void }) {
  const isAdmin = useIsAdmin();
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [rotate, { loading }] = useMutation(ROTATE_SIGNING_KEY_MUTATION);

  async function rotateNow() {
    setOutcome(null);
    try {
      const result = await rotate();
      const kid = result.data?.rotateSigningKey.kid;
      setOutcome({ tone: 'success', text: kid ? `Rotated. The new signing key is ${kid}.` : 'Rotated.' });
      onRotated();
    } catch (error) {
      setOutcome({ tone: 'error', text: consoleErrorOf(error) });
    } finally {
      setConfirming(false);
    }
  }

  return (
    <section className="card" aria-labelledby="keys-title">
      <div className="card__header">
        <h2 id="keys-title">Signing keys</h2>
        {isAdmin && !confirming ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setOutcome(null);
              setConfirming(true);
            }}
          >
            Rotate signing key
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="console-confirm" role="group" aria-labelledby="rotate-confirm-text">
          <p id="rotate-confirm-text">
            Make a new current signing key? New tokens are signed with it at once; the old key stays in the JWKS until the tokens it signed
            have expired.
          </p>
          <div className="button-row">
            <button type="button" className="button button--primary" onClick={() => void rotateNow()} disabled={loading}>
              {loading ? 'Rotating…' : 'Confirm rotation'}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)} disabled={loading}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null}
      {keys.length === 0 ? (
        <EmptyState title="No signing keys reported" />
      ) : (
        <div className="table-wrap">
          <table className="table" aria-labelledby="keys-title">
            <thead>
              <tr>
                <th scope="col">Key id</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Age</th>
                <th scope="col">Retired</th>
                <th scope="col">Leaves the JWKS</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.kid}>
                  <td className="code">{key.kid}</td>
                  <td>
                    <StatusBadge tone={key.status === 'current' ? 'ok' : 'unknown'}>{key.status === 'current' ? 'Current' : 'Retired'}</StatusBadge>
                  </td>
                  <td>{formatDateTime(key.createdAt)}</td>
                  <td>{formatAge(key.ageSeconds)}</td>
                  <td>{formatDateTime(key.retiredAt)}</td>
                  <td>{formatDateTime(key.leavesJwksAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
