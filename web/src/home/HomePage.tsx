import { ApiStatus } from '../status/ApiStatus';
import { PlatformStatus } from '../status/PlatformStatus';

/** `/`: the live status of the platform. */
export function HomePage({ pollMs }: { pollMs?: number }) {
  return (
    <>
      <title>Platform status · Chat Bot Pro V2</title>
      <div className="page-heading">
        <h1>Platform status</h1>
        <p className="muted">Live readiness of the gateway and the services behind it, refreshed automatically while this page is open.</p>
      </div>
      <div className="grid">
        <PlatformStatus pollMs={pollMs} />
        <ApiStatus />
      </div>
    </>
  );
}
