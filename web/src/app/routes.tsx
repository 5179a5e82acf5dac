import type { RouteObject } from 'react-router';
import { HomePage } from '../home/HomePage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';

/**
 * The route table, shared by the browser router (main.tsx) and the tests' memory router. Pages go under the
 * pathless child, so that a page that fails keeps the header and navigation around its error message.
 */
export const appRoutes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
