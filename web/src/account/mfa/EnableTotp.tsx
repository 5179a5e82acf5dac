import { useApolloClient, useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { Alert } from '../../ui/Alert';
import { errorCodeOf } from '../../ui/api-error';
import { NO_ERRORS, withoutField } from '../../ui/form-errors';
import type { FormErrors } from '../../ui/form-errors';
import { GENERIC_MESSAGE, messageForCode } from '../../ui/friendly-error';
import { useFocusFirstError } from '../../ui/use-focus-first-error';
import { CopyButton } from '../CopyButton';
import { CurrentPasswordField } from '../CurrentPasswordField';
import { ENABLE_TOTP_MUTATION, SETUP_TOTP_MUTATION } from '../operations';
import type { TotpSetup } from '../operations';
import { MISSING_CURRENT_PASSWORD, reauthFormErrors } from '../reauth';
import { forgetCachedSessions } from '../session-cache';
import { OtpField } from './OtpField';
import { groupSecret, isOtpShape, mfaFormErrors, normaliseOtp, OTP_SHAPE_MESSAGE } from './otp';

/**
 * 2FA is off: offers to turn it on, asks for the current password (a stolen session alone must not enrol an
 * attacker's authenticator), then walks through the enrolment (QR code, manual key, first code).
 */
export function EnableTotp({ onEnabled }: { onEnabled(recoveryCodes: string[]): void }) {
  const { reloadViewer } = useAuth();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [currentPassword, setCurrentPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors<'currentPassword'>>(NO_ERRORS);
  const { formRef, focusFirstError } = useFocusFirstError();
  // no-cache: the answer carries the secret, which must not outlive this component.
  const [startSetup, { loading, reset }] = useMutation(SETUP_TOTP_MUTATION, { fetchPolicy: 'no-cache' });

  function refuse(next: FormErrors<'currentPassword'>) {
    setErrors(next);
    focusFirstError();
  }

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!currentPassword) return refuse({ form: null, fields: { currentPassword: MISSING_CURRENT_PASSWORD } });
    setErrors(NO_ERRORS);
    try {
      const { data } = await startSetup({ variables: { currentPassword } });
      reset();
      if (!data) return refuse({ form: GENERIC_MESSAGE, fields: {} });
      setCurrentPassword('');
      setAsking(false);
      setSetup(data.setupTotp);
    } catch (error) {
      if (errorCodeOf(error) === 'MFA_ALREADY_ENABLED') void reloadViewer();
      refuse(reauthFormErrors(error, 'currentPassword'));
    }
  }

  function leaveSetup(message: string | null) {
    setSetup(null);
    setProblem(message);
  }

  function stopAsking() {
    setAsking(false);
    setCurrentPassword('');
    setErrors(NO_ERRORS);
  }

  if (setup)
    return (
      <TotpEnrolment
        setup={setup}
        onEnabled={onEnabled}
        onStartAgain={() => leaveSetup(messageForCode('MFA_SETUP_REQUIRED'))}
        onCancel={() => leaveSetup(null)}
      />
    );

  if (asking)
    return (
      <form ref={formRef} onSubmit={start} noValidate aria-label="Confirm it is you" className="stack">
        <p>First, confirm it is you: enter the password you sign in with.</p>
        <CurrentPasswordField
          autoFocus
          value={currentPassword}
          onChange={(value) => {
            setCurrentPassword(value);
            setErrors((current) => withoutField(current, 'currentPassword'));
          }}
          error={errors.fields.currentPassword}
        />
        {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={loading}>
            {loading ? 'Checking…' : 'Continue'}
          </button>
          <button type="button" className="button" onClick={stopAsking} disabled={loading}>
            Cancel
          </button>
        </div>
      </form>
    );

  return (
    <div className="stack">
      <p>
        Two-factor authentication is off. Turn it on, and signing in asks for your password and a 6-digit code from an authenticator app on
        your phone (such as Google Authenticator, Microsoft Authenticator, 1Password or Aegis), so that a stolen password alone is not
        enough.
      </p>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            setProblem(null);
            setAsking(true);
          }}
        >
          Turn on two-factor authentication
        </button>
      </div>
    </div>
  );
}

interface TotpEnrolmentProps {
  setup: TotpSetup;
  onEnabled(recoveryCodes: string[]): void;
  /** The pending secret expired (MFA_SETUP_REQUIRED): a fresh setupTotp is needed. */
  onStartAgain(): void;
  onCancel(): void;
}

function TotpEnrolment({ setup, onEnabled, onStartAgain, onCancel }: TotpEnrolmentProps) {
  const { reloadViewer } = useAuth();
  const client = useApolloClient();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormErrors<'code'>>(NO_ERRORS);
  // no-cache: the answer carries the recovery codes.
  const [enable, { loading, reset }] = useMutation(ENABLE_TOTP_MUTATION, { fetchPolicy: 'no-cache' });
  const scanHeadingId = useId();
  const codeHeadingId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const otp = normaliseOtp(code);
    if (!isOtpShape(otp)) return setErrors({ form: null, fields: { code: OTP_SHAPE_MESSAGE } });
    setErrors(NO_ERRORS);
    try {
      const { data } = await enable({ variables: { code: otp } });
      reset();
      if (!data) return setErrors({ form: GENERIC_MESSAGE, fields: {} });
      // The server ended every other session: the cached list is out of date.
      forgetCachedSessions(client.cache);
      onEnabled(data.enableTotp.recoveryCodes);
      void reloadViewer();
    } catch (error) {
      const errorCode = errorCodeOf(error);
      if (errorCode === 'MFA_SETUP_REQUIRED') return onStartAgain();
      if (errorCode === 'MFA_ALREADY_ENABLED') void reloadViewer();
      setErrors(mfaFormErrors(error));
    }
  }

  return (
    <div className="stack totp-setup">
      <section className="totp-setup__step" aria-labelledby={scanHeadingId}>
        <h3 id={scanHeadingId}>1. Add this account to your authenticator app</h3>
        <p>Scan the QR code with the app.</p>
        <img className="qr" src={setup.qrCodeDataUrl} alt="QR code for your authenticator app" width={192} height={192} />
        <p className="muted">
          Cannot scan it? Enter this key in the app instead (time-based, 6 digits)
          {setup.otpauthUrl ? (
            <>
              , or <a href={setup.otpauthUrl}>open it in an authenticator app on this device</a>
            </>
          ) : null}
          .
        </p>
        <div className="totp-key">
          <code className="code totp-key__value" aria-label="Setup key">
            {groupSecret(setup.secret)}
          </code>
          <CopyButton text={setup.secret} label="Copy key" />
        </div>
      </section>
      <section className="totp-setup__step" aria-labelledby={codeHeadingId}>
        <h3 id={codeHeadingId}>2. Enter the code the app shows</h3>
        <form onSubmit={submit} noValidate>
          <OtpField value={code} onChange={setCode} error={errors.fields.code} />
          <Alert tone="info">Turning it on signs you out everywhere else: every other browser and device where you are signed in.</Alert>
          {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={loading}>
              {loading ? 'Checking…' : 'Verify and turn on'}
            </button>
            <button type="button" className="button" onClick={onCancel} disabled={loading}>
              Cancel
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
