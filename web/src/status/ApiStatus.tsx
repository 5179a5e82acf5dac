import { useQuery } from '@apollo/client/react';
import { graphql } from '../generated/gql';
import { friendlyApiError } from '../ui/friendly-error';
import { StatusBadge } from '../ui/StatusBadge';

/** The smallest query the supergraph answers; it proves the gateway, its schema and the client all work. */
export const API_PING_QUERY = graphql(`
  query ApiPing {
    __typename
  }
`);

/** Whether the GraphQL API at /graphql answers, through Apollo Client. */
export function ApiStatus() {
  const { data, error, loading, refetch } = useQuery(API_PING_QUERY, {
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: true,
  });

  const again = () => {
    // The hook renders the outcome (error included); the promise's own rejection needs no handling.
    refetch().catch(() => undefined);
  };

  let tone: 'ok' | 'failed' | 'pending';
  let message: string;
  if (loading) {
    tone = 'pending';
    message = 'Asking the GraphQL API…';
  } else if (error) {
    tone = 'failed';
    message = friendlyApiError(error);
  } else if (data?.__typename === 'Query') {
    tone = 'ok';
    message = 'The GraphQL API answers.';
  } else {
    tone = 'failed';
    message = 'The GraphQL API gave an empty answer.';
  }

  return (
    <section className="card" aria-labelledby="api-status-title" aria-busy={loading}>
      <div className="card__header">
        <h2 id="api-status-title">GraphQL API</h2>
        <button type="button" className="button" onClick={again}>
          Check again
        </button>
      </div>
      <div className="checks__item">
        <span className={`summary summary--${tone}`} role="status" data-testid="api-summary">
          {message}
        </span>
        <StatusBadge tone={tone} />
      </div>
    </section>
  );
}
