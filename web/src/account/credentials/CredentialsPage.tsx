import { ChangeEmailForm } from './ChangeEmailForm';
import { ChangePasswordForm } from './ChangePasswordForm';

/** `/account/credentials`: change the password or the email address; both ask for the current password first. */
export function CredentialsPage() {
  return (
    <div className="stack">
      <title>Password and email · Chat Bot Pro V2</title>
      <div className="page-heading">
        <h1>Password and email</h1>
        <p className="muted">What you sign in with. Each change asks for your current password first.</p>
      </div>
      <section className="card" aria-labelledby="credentials-password-heading">
        <div className="card__header">
          <h2 id="credentials-password-heading">Password</h2>
        </div>
        <ChangePasswordForm />
      </section>
      <section className="card" aria-labelledby="credentials-email-heading">
        <div className="card__header">
          <h2 id="credentials-email-heading">Email address</h2>
        </div>
        <ChangeEmailForm />
      </section>
    </div>
  );
}
