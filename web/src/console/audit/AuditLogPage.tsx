import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { Alert } from '../../ui/Alert';
import { EmptyState, Loading } from '../../ui/Loading';
import { AuditFilters } from './AuditFilters';
import { auditParamsOf, auditVariablesOf, auditViewFrom } from './audit-search-params';
import { AUDIT_LOG_QUERY } from './audit.operations';
import { AuditTable } from './AuditTable';
import { consoleErrorOf } from '../shared/console-access';
import { CursorPager } from '../shared/CursorPager';
import { VerifyChainCard } from './VerifyChainCard';

/** /console/audit: the tamper-evident audit log, filtered through the URL, newest first, and its verification. */
export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const view = auditViewFrom(params);
  const { data, error, loading } = useQuery(AUDIT_LOG_QUERY, { variables: auditVariablesOf(view) });
  const page = data?.auditLog;
  const filterKey = auditParamsOf({ ...view, after: null }).toString();

  return (
    <>
      <title>Audit log · Chat Bot Pro V2</title>
      <div className="page-heading">
        <h1>Audit log</h1>
        <p className="muted">Every recorded event, newest first.</p>
      </div>
      <VerifyChainCard />
      <section className="card" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">Filter</h2>
        {/* Keyed on the URL, so that Back (or a link) puts the form back as the list is. */}
        <AuditFilters
          key={filterKey}
          view={view}
          onApply={(next) => setParams(auditParamsOf(next))}
          onClear={() => setParams(new URLSearchParams())}
        />
      </section>
      <section className="card" aria-labelledby="audit-entries-title" aria-busy={loading}>
        <h2 id="audit-entries-title">Entries</h2>
        {error ? <Alert tone="error">{consoleErrorOf(error)}</Alert> : null}
        {loading && !page ? <Loading label="Loading the audit log…" /> : null}
        {page && page.edges.length === 0 ? (
          <EmptyState title="No entries match">{filterKey ? 'Try fewer filters or a wider time range.' : null}</EmptyState>
        ) : null}
        {page && page.edges.length > 0 ? <AuditTable entries={page.edges.map((edge) => edge.node)} /> : null}
        {page ? (
          <CursorPager
            label="Pages of the audit log"
            firstLabel="Newest entries"
            after={view.after}
            pageInfo={page.pageInfo}
            onGo={(after) => setParams(auditParamsOf({ ...view, after }))}
          />
        ) : null}
      </section>
    </>
  );
}
