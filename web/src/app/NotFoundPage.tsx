import { Link } from 'react-router';

/** `*`: any path no route claims. */
export function NotFoundPage() {
  return (
    <>
      <title>Page not found · Chat Bot Pro V2</title>
      <div className="page-heading">
        <h1>Page not found</h1>
        <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      </div>
      <p>
        <Link to="/" className="button button--primary">
          Go to the platform status
        </Link>
      </p>
    </>
  );
}
