import { useQuery } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { formatDate } from '../../ui/format';
import { EmptyState, Loading } from '../../ui/Loading';
import { StatusBadge } from '../../ui/StatusBadge';
import { yesNo } from '../shared/console-format';
import { CursorPager } from '../shared/CursorPager';
import { FilterSelect, YES_NO_ANY } from './FilterSelect';
import { usersParamsOf, usersVariablesOf, usersViewFrom } from './users-search-params';
import type { UsersView, YesNoAny } from './users-search-params';
import type { AccountSummary } from '../shared/account-summary.fragment';
import { ALL_ROLES, consoleErrorOf } from '../shared/console-access';
import { USERS_QUERY } from './users.operations';

const ROLE_OPTIONS = [{ value: '', label: 'Any' }, ...ALL_ROLES.map((role) => ({ value: role, label: role }))];

/** /console/users: accounts, searched and filtered through the URL, a page at a time. */
export function UsersPage() {
  const [params, setParams] = useSearchParams();
  const view = usersViewFrom(params);
  const { data, error, loading } = useQuery(USERS_QUERY, { variables: usersVariablesOf(view) });
  const page = data?.users;

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    // New filters start again from the first page.
    setParams(
      usersParamsOf({
        q: text('q').trim(),
        verified: text('verified') as YesNoAny,
        totp: text('totp') as YesNoAny,
        locked: text('locked') as YesNoAny,
        role: text('role'),
        after: null,
      }),
    );
  }

  const goTo = (after: string | null) => setParams(usersParamsOf({ ...view, after }));
  const filtered = usersParamsOf({ ...view, after: null }).toString() !== '';

  return (
    <>
      <title>Users · Chat Bot Pro V2</title>
      <div className="page-heading">
        <h1>Users</h1>
        <p className="muted">Accounts, oldest first.</p>
      </div>
      <section className="card" aria-labelledby="user-filters-title">
        <h2 id="user-filters-title">Find accounts</h2>
        {/* Keyed on the URL, so that Back (or a link) puts the form back as the list is. */}
        <UserFilters
          key={usersParamsOf({ ...view, after: null }).toString()}
          view={view}
          onSubmit={applyFilters}
          onClear={() => setParams(new URLSearchParams())}
          filtered={filtered}
        />
      </section>
      <section className="card" aria-labelledby="users-title" aria-busy={loading}>
        <h2 id="users-title">Accounts</h2>
        {error ? <Alert tone="error">{consoleErrorOf(error)}</Alert> : null}
        {loading && !page ? <Loading label="Loading accounts…" /> : null}
        {page && page.edges.length === 0 ? (
          <EmptyState title="No accounts match">{filtered ? 'Try a shorter search or fewer filters.' : null}</EmptyState>
        ) : null}
        {page && page.edges.length > 0 ? <UsersTable accounts={page.edges.map((edge) => edge.node)} /> : null}
        {page ? (
          <CursorPager label="Pages of accounts" firstLabel="First page" after={view.after} pageInfo={page.pageInfo} onGo={goTo} />
        ) : null}
      </section>
    </>
  );
}

function UserFilters({
  view,
  onSubmit,
  onClear,
  filtered,
}: {
  view: UsersView;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onClear: () => void;
  filtered: boolean;
}) {
  return (
    <form role="search" aria-label="Search accounts" onSubmit={onSubmit}>
      <div className="filters">
        <Field label="Email contains" name="q" type="search" defaultValue={view.q} maxLength={320} autoComplete="off" />
        <FilterSelect label="Verified" name="verified" options={YES_NO_ANY} defaultValue={view.verified} />
        <FilterSelect label="2FA" name="totp" options={YES_NO_ANY} defaultValue={view.totp} />
        <FilterSelect label="Locked" name="locked" options={YES_NO_ANY} defaultValue={view.locked} />
        <FilterSelect label="Role" name="role" options={ROLE_OPTIONS} defaultValue={view.role} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary">
          Search
        </button>
        {filtered ? (
          <button type="button" className="button" onClick={onClear}>
            Clear filters
          </button>
        ) : null}
      </div>
    </form>
  );
}

function UsersTable({ accounts }: { accounts: AccountSummary[] }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-labelledby="users-title">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Verified</th>
            <th scope="col">2FA</th>
            <th scope="col">Locked</th>
            <th scope="col">Roles</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id}>
              <td>
                <Link to={`/console/users/${encodeURIComponent(account.id)}`}>{account.email}</Link>
              </td>
              <td>{yesNo(account.emailVerified)}</td>
              <td>{yesNo(account.totpEnabled)}</td>
              <td>{account.locked ? <StatusBadge tone="failed">Locked</StatusBadge> : 'No'}</td>
              <td>{account.roles.join(', ') || '—'}</td>
              <td>{formatDate(account.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
