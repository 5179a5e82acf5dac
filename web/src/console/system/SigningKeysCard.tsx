import { useMutation } from '@apollo/client/react';
import { Alert } from '../../ui/Alert';
import { ConfirmStep } from '../../ui/ConfirmStep';
import { formatDateTime } from '../../ui/format';
import { EmptyState } from '../../ui/Loading';
import { StatusBadge } from '../../ui/StatusBadge';
import { useConfirmedAction } from '../shared/confirmed-action';
import { useIsAdmin } from '../shared/console-access';
import { formatAge } from '../shared/console-format';
import { ROTATE_SIGNING_KEY_MUTATION } from './system.operations';
import type { SigningKeyStatus } from './system.operations';

const KEY_STATUS_WORDS: Readonly<Record<string, string>> = { current: 'Current', retired: 'Retired' };

const ROTATE_QUESTION =
  'Make a new current signing key? New tokens are signed with it at once; the old key stays in the JWKS until the tokens it signed have expired.';

/** The signing keys in the JWKS, and (for admins) rotation behind a confirm step. */
export function SigningKeysCard({ keys, onRotated }: { keys: SigningKeyStatus[]; onRotated: () => void }) {
  const isAdmin = useIsAdmin();
  const [rotate, { loading }] = useMutation(ROTATE_SIGNING_KEY_MUTATION);
  const rotation = useConfirmedAction(async () => {
    const result = await rotate();
    const kid = result.data?.rotateSigningKey.kid;
    onRotated();
    return kid ? `Rotated. The new signing key is ${kid}.` : 'Rotated.';
  });

  return (
    <section className="card" aria-labelledby="keys-title">
      <div className="card__header">
        <h2 id="keys-title">Signing keys</h2>
        {isAdmin && !rotation.confirming ? (
          <button type="button" className="button" onClick={rotation.ask}>
            Rotate signing key
          </button>
        ) : null}
      </div>
      {rotation.confirming ? (
        <ConfirmStep
          className="console-confirm"
          question={ROTATE_QUESTION}
          confirmLabel="Confirm rotation"
          busyLabel="Rotating…"
          tone="primary"
          busy={loading}
          onConfirm={() => void rotation.confirm()}
          onCancel={rotation.cancel}
        />
      ) : null}
      {rotation.outcome ? <Alert tone={rotation.outcome.tone}>{rotation.outcome.text}</Alert> : null}
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
                    <StatusBadge tone={key.status === 'current' ? 'ok' : 'unknown'}>
                      {KEY_STATUS_WORDS[key.status] ?? key.status}
                    </StatusBadge>
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
