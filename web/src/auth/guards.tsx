import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from '../ui/Loading';
import { hasAnyRole, useAuth } from './AuthProvider';

/** Where to go after signing in: a same-app path only (never an absolute URL: no open redirect). */
export function safeNextPath(next: string | null | undefined, fallback = '/account'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

/** Pages for signed-in people: others go to the sign-in page, which brings them back here afterwards. */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'starting') return <Loading label="Checking your session…" />;
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
