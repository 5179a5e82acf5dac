import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Alert } from '../ui/Alert';
import { errorCodeOf } from '../ui/api-error';
import { Field } from '../ui/Field';
import { formErrorsOf, NO_ERRORS } from '../ui/form-errors';
import type { FormErrors } from '../ui/form-errors';
import { formatDateTime } from '../ui/format';
import { GENERIC_MESSAGE } from '../ui/friendly-error';
import { CopyButton } from './CopyButton';
import { CREATE_INVITATION_MUTATION } from './operations';
import type { CreatedInvitation } from './operations';

type InvitationField = 'email' | 'expiresInHours';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const EXPIRY_CHOICES = [
  { hours: 24, label: '1 day' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: '7 days' },
  { hours: 720, label: '30 days' },
] as const;
const DEFAULT_EXPIRY_HOURS = 168;

/** Creates an invitation and shows its link this once (only the code's hash is stored). */
export function InvitationForm({ onCreated }: { onCreated(): void }) {
  const [email, setEmail] = useState('');
  const [expiresInHours, setExpiresInHours] = useState(DEFAULT_EXPIRY_HOURS);
  const [errors, setErrors] = useState<FormErrors<InvitationField>>(NO_ERRORS);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  // no-cache: the answer carries the invitation code, shown once; the list is read again instead.
  const [createInvitation, { loading, reset }] = useMutation(CREATE_INVITATION_MUTATION, { fetchPolicy: 'no-cache' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = email.trim();
    if (address && !EMAIL_SHAPE.test(address))
      return setErrors({ form: null, fields: { email: 'Enter an email address like name@example.com, or leave it empty.' } });
    setErrors(NO_ERRORS);
    setCreated(null);
    try {
      const { data } = await createInvitation({ variables: { email: address || null, expiresInHours } });
      reset();
      if (!data) return setErrors({ form: GENERIC_MESSAGE, fields: {} });
      setCreated(data.createInvitation);
      setEmail('');
      onCreated();
    } catch (error) {
      if (errorCodeOf(error) === 'FORBIDDEN')
        return setErrors({ form: 'On this platform only administrators can create invitations.', fields: {} });
      setErrors(formErrorsOf<InvitationField>(error, (field) => (field === 'email' || field === 'expiresInHours' ? field : null)));
    }
  }

  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      {created ? <CreatedLink created={created} onDone={() => setCreated(null)} /> : null}
      <form onSubmit={submit} noValidate>
        <Field
          label="Email (optional)"
          type="email"
          name="email"
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.fields.email}
          hint="With an address, only that address can use the invitation, and we email the link to it. Without one, anyone with the link can use it, once."
        />
        <div className={`field${errors.fields.expiresInHours ? ' field--invalid' : ''}`}>
          <label htmlFor="invite-expiry" className="field__label">
            Expires after
          </label>
          <select
            id="invite-expiry"
            className="select"
            value={expiresInHours}
            onChange={(event) => setExpiresInHours(Number(event.target.value))}
            aria-describedby={errors.fields.expiresInHours ? 'invite-expiry-error' : undefined}
          >
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.hours} value={choice.hours}>
                {choice.label}
              </option>
            ))}
          </select>
          {errors.fields.expiresInHours ? (
            <p id="invite-expiry-error" className="field__error">
              {errors.fields.expiresInHours}
            </p>
          ) : null}
        </div>
        {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={loading}>
            {loading ? 'Creating…' : 'Create invitation'}
          </button>
        </div>
      </form>
    </section>
  );
}

function CreatedLink({ created, onDone }: { created: CreatedInvitation; onDone(): void }) {
  const { invitation } = created;
  return (
    <div className="invite-link" role="status">
      <p>
        <strong>Invitation created{invitation.email ? ` for ${invitation.email}` : ''}.</strong> Copy the link now: it is shown only this
        once. It expires {formatDateTime(invitation.expiresAt)}.
      </p>
      <p className="code invite-link__value" aria-label="Invitation link">
        {created.link}
      </p>
      <div className="button-row">
        <CopyButton text={created.link} label="Copy link" className="button" />
        <button type="button" className="button" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
