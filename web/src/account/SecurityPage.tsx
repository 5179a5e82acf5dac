import { useState } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { Alert } from '../ui/Alert';
import { Loading } from '../ui/Loading';
import { StatusBadge } from '../ui/StatusBadge';
import { EnableTotp } from './mfa/EnableTotp';
import { RecoveryCodes } from './mfa/RecoveryCodes';
import { TotpOn } from './mfa/TotpOn';

/** Recovery codes on their one showing, and why they are being shown. */
interface ShownCodes {
  codes: string[];
  reason: 'enabled' | 'regenerated';
}

/**
 * `/account/security`: two-factor authentication (TOTP) and its recovery codes. The secret and the codes live
 * only in the state of these components (the mutations bypass the cache) and go when the view is left.
 */
export function SecurityPage() {
  const { viewer } = useAuth();
  const [shown, setShown] = useState<ShownCodes | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (!viewer) return <Loading />;

  const body = shown ? (
    <RecoveryCodes
      codes={shown.codes}
      email={viewer.email}
      intro={
        <Alert tone="success">
          {shown.reason === 'enabled'
            ? 'Two-factor authentication is on. Every other session of your account has been signed out.'
            : 'New recovery codes are ready. The old ones no longer work.'}
        </Alert>
      }
      onDone={() => setShown(null)}
    />
  ) : viewer.totpEnabled ? (
    <TotpOn
      onCodes={(codes) => {
        setNotice(null);
        setShown({ codes, reason: 'regenerated' });
      }}
      onDisabled={() => setNotice('Two-factor authentication is off. Every other session of your account has been signed out.')}
    />
  ) : (
    <EnableTotp
      onEnabled={(codes) => {
        setNotice(null);
        setShown({ codes, reason: 'enabled' });
      }}
    />
  );

  return (
    <div className="stack">
      <title>Security · Chat Bot Pro V2</title>
      <div className="page-heading">
        <h1>Security</h1>
        <p className="muted">How you prove it is you when you sign in.</p>
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {shown ? (
        body
      ) : (
        <section className="card" aria-labelledby="security-totp-heading">
          <div className="card__header">
            <h2 id="security-totp-heading">Two-factor authentication</h2>
            <StatusBadge tone={viewer.totpEnabled ? 'ok' : 'unknown'}>{viewer.totpEnabled ? 'On' : 'Off'}</StatusBadge>
          </div>
          {body}
        </section>
      )}
    </div>
  );
}
