import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { Alert } from '../../ui/Alert';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { StatusBadge } from '../../ui/StatusBadge';
import { AnalyticsCard } from './AnalyticsCard';
import { consoleErrorOf, useIsAdmin } from '../shared/console-access';
import { ComponentsCard, ConsumersCard } from './SystemHealthCards';
import { SigningKeysCard } from './SigningKeysCard';
import { SYSTEM_OVERVIEW_QUERY } from './system.operations';

/** /console: the operator's overview (health, consumers, signing keys) and a week of auth analytics. */
export function SystemPage() {
  const isAdmin = useIsAdmin();
  return (
    <>
      <title>System overview · Chat Bot Pro V2</title>
      <div className="page-heading">
        <h1>System overview</h1>
        <p className="muted">The platform's components, its event consumers and its signing keys.</p>
      </div>
      {isAdmin ? (
        <>
          <SystemOverviewSections />
          <AnalyticsCard />
        </>
      ) : (
        <SupportWelcome />
      )}
    </>
  );
}

/**
 * Support staff hold no system:read nor analytics:read: rather than ask and be refused, point them at what
 * their role is for.
 */
function SupportWelcome() {
  return (
    <section className="card" aria-labelledby="support-welcome-title">
      <h2 id="support-welcome-title">Support</h2>
      <p>The system overview and analytics are for admins. With your role you can:</p>
      <ul>
        <li>
          <Link to="/console/users">look up accounts</Link> and end their sessions;
        </li>
        <li>
          read the <Link to="/console/audit">audit log</Link>.
        </li>
      </ul>
    </section>
  );
}

function SystemOverviewSections() {
  const { data, error, loading, refetch } = useQuery(SYSTEM_OVERVIEW_QUERY, {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const overview = data?.systemOverview;

  const refresh = () => {
    // The hook renders the outcome, error included.
    refetch().catch(() => undefined);
  };

  return (
    <>
      <section className="card" aria-labelledby="overview-title" aria-busy={loading}>
        <div className="card__header">
          <h2 id="overview-title">Health</h2>
          <button type="button" className="button" onClick={refresh} disabled={loading}>
            {loading && overview ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
        {error ? <Alert tone="error">{consoleErrorOf(error)}</Alert> : null}
        {overview ? (
          <div className="button-row">
            <StatusBadge tone={overview.ok ? 'ok' : 'failed'}>{overview.ok ? 'Every component is OK' : 'Something is failing'}</StatusBadge>
            <span className="muted">Checked {formatDateTime(overview.checkedAt)}</span>
          </div>
        ) : loading ? (
          <Loading label="Checking the platform…" />
        ) : null}
      </section>
      {overview ? (
        <>
          <ComponentsCard components={overview.components} />
          <ConsumersCard consumers={overview.eventConsumers} />
          <SigningKeysCard keys={overview.signingKeys} onRotated={refresh} />
        </>
      ) : null}
    </>
  );
}
