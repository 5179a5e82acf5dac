import { useId } from 'react';
import type { ReactNode } from 'react';
import { PRODUCT_NAME } from '../../app/Layout';
import { CopyButton } from '../CopyButton';

export const RECOVERY_CODES_FILENAME = 'chat-bot-pro-recovery-codes.txt';

/** The text of the downloaded file: a header line saying what they are, then one code a line. */
export function recoveryCodesFile(codes: readonly string[], email: string, now: Date = new Date()): string {
  return `${PRODUCT_NAME} recovery codes for ${email}, created ${now.toISOString().slice(0, 10)}. Each code works once.\n\n${codes.join('\n')}\n`;
}

function download(text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = RECOVERY_CODES_FILENAME;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers start reading the blob after click() returns; let them.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The recovery codes, shown this once (the server keeps only their hashes). "I have saved them" leaves the
 * view, and the parent drops the codes from its state, so that they can never be shown again.
 */
export function RecoveryCodes({
  codes,
  email,
  intro,
  onDone,
}: {
  codes: readonly string[];
  email: string;
  intro: ReactNode;
  onDone(): void;
}) {
  const headingId = useId();
  return (
    <section className="card recovery-codes" aria-labelledby={headingId}>
      <h2 id={headingId}>Save your recovery codes</h2>
      {intro}
      <p>
        Each code signs you in once, in place of a code from your authenticator app, if you lose your phone.{' '}
        <strong>They are shown only now:</strong> copy them or download them, and keep them somewhere safe, such as a password manager.
      </p>
      <ol className="code-list" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="button-row">
        <CopyButton text={codes.join('\n')} label="Copy all" className="button" />
        <button type="button" className="button" onClick={() => download(recoveryCodesFile(codes, email))}>
          Download
        </button>
      </div>
      <div className="button-row">
        <button type="button" className="button button--primary" onClick={onDone}>
          I have saved them
        </button>
      </div>
    </section>
  );
}
