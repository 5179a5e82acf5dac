import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import type { ApolloClient } from '@apollo/client';
import { Link } from 'react-router';
import { Alert } from '../ui/Alert';
import { errorCodeOf } from '../ui/api-error';
import { friendlyApiError } from '../ui/friendly-error';
import { Loading } from '../ui/Loading';
import { useAuth } from './AuthProvider';
import { CONFIRM_EMAIL_CHANGE_MUTATION } from './operations';
import { useSecretParam } from './use-secret-param';

type Outcome =
  | { kind: 'confirming' }
  | { kind: 'changed'; email: string }
  | { kind: 'invalid' }
  | { kind: 'taken' }
  | { kind: 'failed'; message: string };

/**
 * A token is single use, and React runs effects twice in development: one confirmation per token per page
 * load, shared by every render that asks.
 */
const confirmations = new Map<string, Promise<Outcome>>();

function confirm(client: ApolloClient, token: string): Promise<Outcome> {
  let pending = confirmations.get(token);
  if (!pending) {
    pending = client
      .mutate({ mutation: CONFIRM_EMAIL_CHANGE_MUTATION, variables: { token } })
      .then(({ data }): Outcome => (data ? { kind: 'changed', email: data.confirmEmailChange.email } : { kind: 'invalid' }))
      .catch((error: unknown): Outcome => {
        const code = errorCodeOf(error);
        if (code === 'INVALID_TOKEN') return { kind: 'invalid' };
        if (code === 'EMAIL_IN_USE') return { kind: 'taken' };
        return { kind: 'failed', message: friendlyApiError(error) };
      });
    confirmations.set(token, pending);
  }
  return pending;
}

/** `/confirm-email-change?token=…`: the link mailed to the new address; the change happens here. */
export function ConfirmEmailChangePage() {
  const client = useApolloClient();
  const { status, reloadViewer } = useAuth();
  const signedIn = status === 'signed-in';
  const token = useSecretParam('token');
  const [outcome, setOutcome] = useState<Outcome>(token ? { kind: 'confirming' } : { kind: 'invalid' });

  useEffect(() => {
    if (!token) return;
    let live = true;
    void confirm(client, token).then((result) => {
      if (!live) return;
      setOutcome(result);
      // A signed-in tab shows the account's address: read it again.
      if (result.kind === 'changed') void reloadViewer().catch(() => undefined);
    });
    return () => {
      live = false;
    };
  }, [client, token, reloadViewer]);

  const again = (
    <Link to="/account/credentials" className="button button--block">
      Ask for the change again
    </Link>
  );

  return (
    <div className="auth-page">
      <title>Confirm your new email · Chat Bot Pro V2</title>
      <div className="card auth-card">
        <h1>Confirm your new email</h1>
        {outcome.kind === 'confirming' ? <Loading label="Changing your email address…" /> : null}
        {outcome.kind === 'changed' ? (
          <>
            <Alert tone="success">
              Your email address is now <strong className="break-anywhere">{outcome.email}</strong>. Sign in with it from now on.
            </Alert>
            <Link to={signedIn ? '/account' : '/login'} className="button button--primary button--block">
              {signedIn ? 'Back to your account' : 'Sign in'}
            </Link>
          </>
        ) : null}
        {outcome.kind === 'invalid' ? (
          <>
            <Alert tone="error">This link is invalid, has expired or was already used. Your email address has not changed.</Alert>
            {again}
          </>
        ) : null}
        {outcome.kind === 'taken' ? (
          <>
            <Alert tone="error">Another account uses this email address now. Your email address has not changed.</Alert>
            {again}
          </>
        ) : null}
        {outcome.kind === 'failed' ? <Alert tone="error">{outcome.message}</Alert> : null}
      </div>
    </div>
  );
}
