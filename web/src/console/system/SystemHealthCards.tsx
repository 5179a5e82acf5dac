import { EmptyState } from '../../ui/Loading';
import { StatusBadge } from '../../ui/StatusBadge';
import type { ComponentHealth, EventConsumerStatus } from './system.operations';

export function ComponentsCard({ components }: { components: ComponentHealth[] }) {
  return (
    <section className="card" aria-labelledby="components-title">
      <h2 id="components-title">Components</h2>
      {components.length === 0 ? (
        <EmptyState title="No components reported" />
      ) : (
        <ul className="checks" aria-label="Components">
          {components.map((component) => (
            <li key={component.name} className="checks__item" data-component={component.name}>
              <span>
                <span className="console-name">{component.name}</span>
                {/* An operator's diagnostic, written by the admin subgraph for this page. */}
                {component.detail ? <span className="muted console-detail">{component.detail}</span> : null}
              </span>
              <StatusBadge tone={component.ok ? 'ok' : 'failed'} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function countOrUnknown(value: number | null): string {
  return value === null ? 'unknown' : String(value);
}

export function ConsumersCard({ consumers }: { consumers: EventConsumerStatus[] }) {
  return (
    <section className="card" aria-labelledby="consumers-title">
      <div>
        <h2 id="consumers-title">Event consumers</h2>
        <p className="muted">Pending: delivered but not yet acknowledged. Lag: on the stream, not yet delivered.</p>
      </div>
      {consumers.length === 0 ? (
        <EmptyState title="No consumer groups reported" />
      ) : (
        <div className="table-wrap">
          <table className="table" aria-labelledby="consumers-title">
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Stream</th>
                <th scope="col">Pending</th>
                <th scope="col">Lag</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {consumers.map((consumer) => (
                <tr key={`${consumer.stream}/${consumer.group}`}>
                  <td className="code">{consumer.group}</td>
                  <td className="code">{consumer.stream}</td>
                  <td>{countOrUnknown(consumer.pending)}</td>
                  <td>{countOrUnknown(consumer.lag)}</td>
                  <td className="muted">{consumer.detail ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
