import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { GENERIC_MESSAGE } from '../ui/friendly-error';
import { NotFoundPage } from './NotFoundPage';

/**
 * What a route shows when rendering it throws. The error itself is never rendered (it can carry internals);
 * the person gets a sentence and a way back.
 */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div role="alert">
      <title>Something went wrong · Chat Bot Pro V2</title>
      <div className="page-heading">
        <h1>Something went wrong</h1>
        <p>{GENERIC_MESSAGE}</p>
      </div>
      <p>
        <Link to="/" className="button">
          Go to the platform status
        </Link>
      </p>
    </div>
  );
}
