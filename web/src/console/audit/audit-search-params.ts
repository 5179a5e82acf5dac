import { localInputToIso } from '../shared/console-format';
import type { AuditFilter, ConsoleAuditLogQueryVariables } from '../../generated/gql/graphql';

/** The audit log as the URL describes it. `from`/`to` are datetime-local values, in the reader's time zone. */
export interface AuditView {
  type: string;
  actorId: string;
  subjectId: string;
  from: string;
  to: string;
  after: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

const FILTER_KEYS = ['type', 'actorId', 'subjectId', 'from', 'to'] as const;

export function auditViewFrom(params: URLSearchParams): AuditView {
  const text = (name: string) => params.get(name)?.trim() ?? '';
  return {
    type: text('type'),
    actorId: text('actorId'),
    subjectId: text('subjectId'),
    from: text('from'),
    to: text('to'),
    after: params.get('after') || null,
  };
}

export function auditParamsOf(view: AuditView): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (view[key]) params.set(key, view[key]);
  if (view.after) params.set('after', view.after);
  return params;
}

export function auditVariablesOf(view: AuditView): ConsoleAuditLogQueryVariables {
  const filter: AuditFilter = {};
  if (view.type) filter.type = view.type;
  if (view.actorId) filter.actorId = view.actorId;
  if (view.subjectId) filter.subjectId = view.subjectId;
  const from = localInputToIso(view.from);
  const to = localInputToIso(view.to);
  if (from) filter.from = from;
  if (to) filter.to = to;
  return { filter, first: AUDIT_PAGE_SIZE, after: view.after };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A time from the URL (local or ISO) as a datetime-local input shows it; "" when it is not a time. */
export function toLocalInput(value: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
