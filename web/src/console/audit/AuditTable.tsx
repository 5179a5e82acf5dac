import { Link } from 'react-router';
import { describeUserAgent, formatDateTime } from '../../ui/format';
import { shortHash } from '../shared/console-format';
import type { AuditLogEntry } from './audit.operations';

/** A user an entry names: their email when known, else the id; both lead to the account page. */
function UserCell({ id, email, none }: { id: string | null; email: string | undefined; none: string }) {
  if (id === null) return <span className="muted">{none}</span>;
  return (
    <Link to={`/console/users/${encodeURIComponent(id)}`} className={email ? undefined : 'code'}>
      {email ?? id}
    </Link>
  );
}

function EntryDetails({ entry }: { entry: AuditLogEntry }) {
  return (
    <details className="console-entry-details">
      <summary>Details</summary>
      <dl className="details">
        <dt>Recorded</dt>
        <dd>{formatDateTime(entry.recordedAt)}</dd>
        <dt>Browser</dt>
        <dd>{describeUserAgent(entry.userAgent)}</dd>
        <dt>Hash</dt>
        <dd className="code" title={entry.hash}>
          {shortHash(entry.hash)}
        </dd>
      </dl>
      <pre className="code console-json">{JSON.stringify(entry.details, null, 2)}</pre>
    </details>
  );
}

export function AuditTable({ entries }: { entries: AuditLogEntry[] }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-labelledby="audit-entries-title">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">By</th>
            <th scope="col">About</th>
            <th scope="col">IP</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="code">{entry.seq}</td>
              <td>{formatDateTime(entry.occurredAt)}</td>
              <td className="code">{entry.type}</td>
              <td>
                <UserCell id={entry.actorId} email={entry.actor?.email} none="system" />
              </td>
              <td>
                <UserCell id={entry.subjectId} email={entry.subject?.email} none="—" />
              </td>
              <td className="code">{entry.ip ?? '—'}</td>
              <td>
                <EntryDetails entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
