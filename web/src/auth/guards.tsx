import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Alert } from '../ui/Alert';
import { UNAVAILABLE_MESSAGE } from '../ui/friendly-error';
import { Loading } from '../ui/Loading';
import { hasAnyRole, useAuth } from './AuthProvider';

const BASE = 'http://spa.invalid';

/**
 * Where to go after signing in: a path of this app only, never another origin (no open redirect). Parsed as a
 * URL, as the browser would (which drops tabs and newlines, so "/\t/evil.example" is "//evil.example"), and kept
 * only when it stays on the same origin.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/account'): string {
  if (!next || !next.startsWith('/')) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The session could not be checked (the platform did not answer): say so, and offer to ask again. */
function SessionUnavailable() {
  const { retryStart } = useAuth();
  return (
    <div className="stack">
      <title>Not answering · Chat Bot Pro V2</title>
      <Alert tone="error">{UNAVAILABLE_MESSAGE}</Alert>
      <p>
        <button type="button" className="button button--primary" onClick={retryStart}>
          Try again
        </button>
      </p>
    </div>
  );
}

/** Pages for signed-in people: others go to the sign-in page, which brings them back here afterwards. */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'starting') return <Loading label="Checking your session…" />;
  if (status === 'unavailable') return <SessionUnavailable />;
  if (status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children ?? <Outlet />;
}

/**
 * Pages for holders of one of `roles`. The guard only decides what the SPA shows: every field behind it is
 * checked again by the subgraph that resolves it, so a plain user who forges their way past gets nothing.
 */
export function RequireRole({ roles, children }: { roles: readonly string[]; children?: ReactNode }) {
  const { status, viewer } = useAuth();
  const location = useLocation();
  if (status === 'starting') return <Loading label="Checking your session…" />;
  if (status === 'unavailable') return <SessionUnavailable />;
  if (status === 'signed-out') return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!hasAnyRole(viewer, roles)) return <Forbidden />;
  return children ?? <Outlet />;
}

/** Sign-in and sign-up pages: a signed-in person goes straight on. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'starting') return <Loading label="Checking your session…" />;
  if (status === 'signed-in') return <Navigate to={safeNextPath(new URLSearchParams(location.search).get('next'))} replace />;
  return children;
}

export function Forbidden() {
  return (
    <div role="alert">
      <title>Not available · Chat Bot Pro V2</title>
      <div className="page-heading">
        <h1>Not available</h1>
        <p>This part of the platform is for administrators and support staff. Your account does not have those roles.</p>
      </div>
    </div>
  );
}
