import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import type { ApolloClient } from '@apollo/client';
import { Link } from 'react-router';
import { Alert } from '../ui/Alert';
import { errorCodeOf } from '../ui/api-error';
import { friendlyApiError } from '../ui/friendly-error';
import { Loading } from '../ui/Loading';
import { VERIFY_EMAIL_MUTATION } from './operations';
import { ResendVerificationForm } from './ResendVerificationForm';
import { useSecretParam } from './use-secret-param';

type Outcome = { kind: 'verifying' } | { kind: 'verified' } | { kind: 'invalid' } | { kind: 'failed'; message: string };

/**
 * A token is single use, and React runs effects twice in development: one confirmation per token per page
 * load, shared by every render that asks.
 */
const confirmations = new Map<string, Promise<Outcome>>();

function confirm(client: ApolloClient, token: string): Promise<Outcome> {
  let pending = confirmations.get(token);
  if (!pending) {
    pending = client
      .mutate({ mutation: VERIFY_EMAIL_MUTATION, variables: { token } })
      .then((): Outcome => ({ kind: 'verified' }))
      .catch((error: unknown): Outcome =>
        errorCodeOf(error) === 'INVALID_TOKEN' ? { kind: 'invalid' } : { kind: 'failed', message: friendlyApiError(error) },
      );
    confirmations.set(token, pending);
  }
  return pending;
}

/** `/verify-email?token=…`: the link from the verification email. */
export function VerifyEmailPage() {
  const client = useApolloClient();
  const token = useSecretParam('token');
  const [outcome, setOutcome] = useState<Outcome>(token ? { kind: 'verifying' } : { kind: 'invalid' });

  useEffect(() => {
    if (!token) return;
    let live = true;
    void confirm(client, token).then((result) => {
      if (live) setOutcome(result);
    });
    return () => {
      live = false;
    };
  }, [client, token]);

  return (
    <div className="auth-page">
      <title>Verify your email · Chat Bot Pro V2</title>
      <div className="card auth-card">
        <h1>Verify your email</h1>
        {outcome.kind === 'verifying' ? <Loading label="Confirming your email address…" /> : null}
        {outcome.kind === 'verified' ? (
          <>
            <Alert tone="success">Your email address is verified. You can sign in now.</Alert>
            <Link to="/login" className="button button--primary button--block">
              Sign in
            </Link>
          </>
        ) : null}
        {outcome.kind === 'invalid' ? (
          <>
            <Alert tone="error">This verification link is invalid, has expired or was already used.</Alert>
            <p>Enter your email address and we will send a new link if the account still needs verifying.</p>
            <ResendVerificationForm />
          </>
        ) : null}
        {outcome.kind === 'failed' ? <Alert tone="error">{outcome.message}</Alert> : null}
      </div>
    </div>
  );
}
