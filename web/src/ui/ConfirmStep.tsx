import { useId } from 'react';
import type { ReactNode } from 'react';

interface ConfirmStepProps {
  /** What is about to happen, asked as a question. Names the group unless `label` is given. */
  question?: ReactNode;
  /** The group's accessible name, where the question does not say it (or there is no question). */
  label?: string;
  confirmLabel: string;
  /** Shown on the confirm button while the action runs. */
  busyLabel: string;
  tone: 'danger' | 'primary';
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
  size?: 'small';
  /** The box's layout class; with no question, added to the row of buttons that is then the whole group. */
  className?: string;
}

/**
 * The inline "are you sure?" step of an action: a group holding the question, a confirm button and Cancel.
 * Both buttons wait while the action runs, so that it cannot be sent twice nor abandoned halfway.
 */
export function ConfirmStep({
  question,
  label,
  confirmLabel,
  busyLabel,
  tone,
  busy,
  onConfirm,
  onCancel,
  size,
  className,
}: ConfirmStepProps) {
  const questionId = useId();
  const sized = size === 'small' ? ' button--small' : '';
  const buttons = (
    <>
      <button type="button" className={`button button--${tone}${sized}`} disabled={busy} onClick={onConfirm}>
        {busy ? busyLabel : confirmLabel}
      </button>
      <button type="button" className={`button${sized}`} disabled={busy} onClick={onCancel}>
        Cancel
      </button>
    </>
  );

  if (question === undefined) {
    return (
      <div className={className ? `button-row ${className}` : 'button-row'} role="group" aria-label={label}>
        {buttons}
      </div>
    );
  }
  return (
    <div className={className} role="group" aria-label={label} aria-labelledby={label === undefined ? questionId : undefined}>
      <p id={label === undefined ? questionId : undefined}>{question}</p>
      <div className="button-row">{buttons}</div>
    </div>
  );
}
