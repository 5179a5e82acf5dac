import type { ConsoleUsersQueryVariables, UserFilter } from '../../generated/gql/graphql';

/** A yes/no/any filter as it reads in the URL: "yes", "no", or absent. */
export type YesNoAny = 'yes' | 'no' | '';

/** The users list as the URL describes it, so that a filtered page can be linked and Back works. */
export interface UsersView {
  q: string;
  verified: YesNoAny;
  totp: YesNoAny;
  locked: YesNoAny;
  role: string;
  after: string | null;
}

export const USERS_PAGE_SIZE = 20;

function yesNoAnyOf(value: string | null): YesNoAny {
  return value === 'yes' || value === 'no' ? value : '';
}

export function usersViewFrom(params: URLSearchParams): UsersView {
  return {
    q: params.get('q')?.trim() ?? '',
    verified: yesNoAnyOf(params.get('verified')),
    totp: yesNoAnyOf(params.get('totp')),
    locked: yesNoAnyOf(params.get('locked')),
    role: params.get('role') ?? '',
    after: params.get('after') || null,
  };
}

/** The URL of a view: only what narrows it, so that the plain list stays /console/users. */
export function usersParamsOf(view: UsersView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q) params.set('q', view.q);
  if (view.verified) params.set('verified', view.verified);
  if (view.totp) params.set('totp', view.totp);
  if (view.locked) params.set('locked', view.locked);
  if (view.role) params.set('role', view.role);
  if (view.after) params.set('after', view.after);
  return params;
}

function booleanOf(value: YesNoAny): boolean | undefined {
  return value === '' ? undefined : value === 'yes';
}

export function usersVariablesOf(view: UsersView): ConsoleUsersQueryVariables {
  const filter: UserFilter = {};
  const verified = booleanOf(view.verified);
  const totpEnabled = booleanOf(view.totp);
  const locked = booleanOf(view.locked);
  if (verified !== undefined) filter.verified = verified;
  if (totpEnabled !== undefined) filter.totpEnabled = totpEnabled;
  if (locked !== undefined) filter.locked = locked;
  if (view.role) filter.role = view.role;
  return { search: view.q || null, filter, first: USERS_PAGE_SIZE, after: view.after };
}
