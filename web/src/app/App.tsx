import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import type { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';

export type AppRouter = ReturnType<typeof createBrowserRouter>;

/** The SPA: Apollo Client for the GraphQL API, React Router for the pages. */
export function App({ client, router }: { client: ApolloClient; router: AppRouter }) {
  return (
    <ApolloProvider client={client}>
      <RouterProvider router={router} />
    </ApolloProvider>
  );
}
