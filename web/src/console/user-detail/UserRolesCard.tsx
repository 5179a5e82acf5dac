import { useMutation } from '@apollo/client/react';
import type { ApolloCache } from '@apollo/client';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { Alert } from '../../ui/Alert';
import { ALL_ROLES, consoleErrorOf, useIsAdmin } from '../shared/console-access';
import { GRANT_ROLE_MUTATION, REVOKE_ROLE_MUTATION } from './user-detail.operations';
import type { AccountDetail } from './user-detail.operations';

type Outcome = { tone: 'success' | 'error'; text: string } | null;

/** Puts the roles a mutation answered with on the cached account, so every view of it shows them at once. */
function writeRoles(cache: ApolloCache, userId: string, roles: string[] | undefined) {
  if (!roles) return;
  cache.modify({ id: cache.identify({ __typename: 'User', id: userId }), fields: { roles: () => roles } });
}

/** The account's roles; admins (roles:grant) can grant and revoke them. */
export function UserRolesCard({ user, isSelf }: { user: AccountDetail; isSelf: boolean }) {
  const isAdmin = useIsAdmin();
  const { reloadViewer } = useAuth();
  const selectId = useId();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [grant, granting] = useMutation(GRANT_ROLE_MUTATION);
  const [revoke, revoking] = useMutation(REVOKE_ROLE_MUTATION);
  const busy = granting.loading || revoking.loading;
  const grantable = ALL_ROLES.filter((role) => !user.roles.includes(role));

  async function change(kind: 'grant' | 'revoke', role: string) {
    setOutcome(null);
    const variables = { userId: user.id, role };
    try {
      const roles =
        kind === 'grant'
          ? (await grant({ variables, update: (cache, { data }) => writeRoles(cache, user.id, data?.grantRole) })).data?.grantRole
          : (await revoke({ variables, update: (cache, { data }) => writeRoles(cache, user.id, data?.revokeRole) })).data?.revokeRole;
      const now = roles && roles.length > 0 ? roles.join(', ') : 'none';
      setOutcome({ tone: 'success', text: `${kind === 'grant' ? 'Granted' : 'Revoked'} ${role}. Roles now: ${now}.` });
      // The viewer's own roles decide what this app shows them.
      if (isSelf) await reloadViewer();
    } catch (error) {
      setOutcome({ tone: 'error', text: consoleErrorOf(error) });
    }
  }

  function grantSelected(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const role = String(new FormData(event.currentTarget).get('role') ?? '');
    if (role) void change('grant', role);
  }

  return (
    <section className="card" aria-labelledby="roles-title">
      <h2 id="roles-title">Roles</h2>
      {user.roles.length === 0 ? (
        <p className="muted">No roles.</p>
      ) : (
        <ul className="checks" aria-label="Roles held">
          {user.roles.map((role) => (
            <li key={role} className="checks__item">
              <span className="console-name">{role}</span>
              {isAdmin ? (
                <button
                  type="button"
                  className="button button--small button--danger"
                  onClick={() => void change('revoke', role)}
                  disabled={busy}
                  aria-label={`Revoke ${role}`}
                >
                  Revoke
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null}
      {!isAdmin ? (
        <p className="muted">Only admins can grant and revoke roles.</p>
      ) : grantable.length === 0 ? (
        <p className="muted">This account holds every role.</p>
      ) : (
        // Keyed on the roles so that the select starts again from the first role still grantable.
        <form key={grantable.join()} className="console-inline-form" onSubmit={grantSelected} aria-label="Grant a role">
          <div className="field">
            <label htmlFor={selectId} className="field__label">
              Role to grant
            </label>
            <select id={selectId} name="role" className="select" defaultValue={grantable[0]}>
              {grantable.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" disabled={busy}>
            Grant
          </button>
        </form>
      )}
    </section>
  );
}
