import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import type { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AuthProvider } from '../auth/AuthProvider';

export type AppRouter = ReturnType<typeof createBrowserRouter>;

/** The SPA: Apollo Client for the GraphQL API, the session, React Router for the pages. */
export function App({ client, router }: { client: ApolloClient; router: AppRouter }) {
  return (
    <ApolloProvider client={client}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </ApolloProvider>
  );
}
