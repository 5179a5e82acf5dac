import { useState } from 'react';
import { DisableTotp } from './DisableTotp';
import { RegenerateRecoveryCodes } from './RegenerateRecoveryCodes';

type OpenForm = 'none' | 'regenerate' | 'disable';

/** 2FA is on: make new recovery codes, or turn it off. One form open at a time. */
export function TotpOn({ onCodes, onDisabled }: { onCodes(codes: string[]): void; onDisabled(): void }) {
  const [open, setOpen] = useState<OpenForm>('none');
  const close = () => setOpen('none');

  return (
    <div className="stack">
      <p>
        Signing in asks for your password and a code from your authenticator app. If you lose your phone, a recovery code signs you in
        instead.
      </p>
      <section className="stack totp-action" aria-labelledby="totp-regenerate-heading">
        <h3 id="totp-regenerate-heading">Recovery codes</h3>
        {open === 'regenerate' ? (
          <RegenerateRecoveryCodes onCodes={onCodes} onCancel={close} />
        ) : (
          <>
            <p className="muted">Lost them, or used most of them? Make 10 new ones; the old ones stop working.</p>
            <div className="button-row">
              <button type="button" className="button" onClick={() => setOpen('regenerate')}>
                Regenerate recovery codes
              </button>
            </div>
          </>
        )}
      </section>
      <section className="stack totp-action" aria-labelledby="totp-disable-heading">
        <h3 id="totp-disable-heading">Turn off two-factor authentication</h3>
        {open === 'disable' ? (
          <DisableTotp
            onDisabled={() => {
              close();
              onDisabled();
            }}
            onCancel={close}
          />
        ) : (
          <div className="button-row">
            <button type="button" className="button button--danger" onClick={() => setOpen('disable')}>
              Turn off
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
