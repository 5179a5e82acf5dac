import type { FormEvent } from 'react';
import { useId } from 'react';
import { Field } from '../../ui/Field';
import { toLocalInput } from './audit-search-params';
import type { AuditView } from './audit-search-params';

/** The event types an operator looks for most (packages/events EVENT_TYPES); any other type can be typed. */
const COMMON_TYPES = [
  'auth.login.succeeded',
  'auth.login.failed',
  'user.registered',
  'user.email_verified',
  'role.granted',
  'role.revoked',
  'account.locked',
  'account.unlocked',
  'session.revoked',
  'session.revoked_all',
  'session.refresh_reuse_detected',
  'password.reset',
  'mfa.enabled',
  'mfa.disabled',
  'key.rotated',
  'invitation.created',
  'invitation.accepted',
] as const;

/** The audit log's filters; the page puts what is submitted into the URL. */
export function AuditFilters({ view, onApply, onClear }: { view: AuditView; onApply: (view: AuditView) => void; onClear: () => void }) {
  const typesId = useId();
  const filtered = Boolean(view.type || view.actorId || view.subjectId || view.from || view.to);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    // New filters start again from the newest entry.
    onApply({
      type: text('type'),
      actorId: text('actorId'),
      subjectId: text('subjectId'),
      from: text('from'),
      to: text('to'),
      after: null,
    });
  }

  return (
    <form role="search" aria-label="Search the audit log" onSubmit={submit}>
      <div className="filters">
        <Field label="Event type" name="type" list={typesId} defaultValue={view.type} autoComplete="off" hint="Exact, e.g. role.granted" />
        <datalist id={typesId}>
          {COMMON_TYPES.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        <Field label="Actor id" name="actorId" defaultValue={view.actorId} autoComplete="off" spellCheck={false} />
        <Field label="Subject id" name="subjectId" defaultValue={view.subjectId} autoComplete="off" spellCheck={false} />
        <Field label="From" name="from" type="datetime-local" defaultValue={toLocalInput(view.from)} />
        <Field label="Until (not included)" name="to" type="datetime-local" defaultValue={toLocalInput(view.to)} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary">
          Apply filters
        </button>
        {filtered ? (
          <button type="button" className="button" onClick={onClear}>
            Clear filters
          </button>
        ) : null}
      </div>
    </form>
  );
}
