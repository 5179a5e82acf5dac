import type { RouteObject } from 'react-router';
import { AccountLayout } from '../account/AccountLayout';
import { CredentialsPage } from '../account/credentials/CredentialsPage';
import { InvitationsPage } from '../account/InvitationsPage';
import { ProfilePage } from '../account/ProfilePage';
import { SecurityPage } from '../account/SecurityPage';
import { SessionsPage } from '../account/SessionsPage';
import { CONSOLE_ROLES } from '../auth/AuthProvider';
import { ConfirmEmailChangePage } from '../auth/ConfirmEmailChangePage';
import { ForgotPasswordPage } from '../auth/ForgotPasswordPage';
import { RedirectIfSignedIn, RequireAuth, RequireRole } from '../auth/guards';
import { LoginPage } from '../auth/LoginPage';
import { RegisterPage } from '../auth/RegisterPage';
import { ResetPasswordPage } from '../auth/ResetPasswordPage';
import { VerifyEmailPage } from '../auth/VerifyEmailPage';
import { AuditLogPage } from '../console/audit/AuditLogPage';
import { ConsoleLayout } from '../console/shared/ConsoleLayout';
import { SystemPage } from '../console/system/SystemPage';
import { UserDetailPage } from '../console/user-detail/UserDetailPage';
import { UsersPage } from '../console/users/UsersPage';
import { HomePage } from '../home/HomePage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';

/**
 * The route table, shared by the browser router (main.tsx) and the tests' memory router. Pages go under the
 * pathless child, so that a page that fails keeps the header and navigation around its error message.
 * The admin console lives at /console: /admin/* and /auth/* belong to the gateway (nginx and the dev proxy).
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
          {
            path: 'login',
            element: (
              <RedirectIfSignedIn>
                <LoginPage />
              </RedirectIfSignedIn>
            ),
          },
          {
            path: 'register',
            element: (
              <RedirectIfSignedIn>
                <RegisterPage />
              </RedirectIfSignedIn>
            ),
          },
          { path: 'verify-email', element: <VerifyEmailPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password', element: <ResetPasswordPage /> },
          { path: 'confirm-email-change', element: <ConfirmEmailChangePage /> },
          {
            path: 'account',
            element: (
              <RequireAuth>
                <AccountLayout />
              </RequireAuth>
            ),
            children: [
              { index: true, element: <ProfilePage /> },
              { path: 'credentials', element: <CredentialsPage /> },
              { path: 'security', element: <SecurityPage /> },
              { path: 'sessions', element: <SessionsPage /> },
              { path: 'invitations', element: <InvitationsPage /> },
            ],
          },
          {
            path: 'console',
            element: (
              <RequireRole roles={CONSOLE_ROLES}>
                <ConsoleLayout />
              </RequireRole>
            ),
            children: [
              { index: true, element: <SystemPage /> },
              { path: 'users', element: <UsersPage /> },
              { path: 'users/:userId', element: <UserDetailPage /> },
              { path: 'audit', element: <AuditLogPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
