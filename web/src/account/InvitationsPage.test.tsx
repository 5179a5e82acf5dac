/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
// Invitations: the link (it carries the code, whose hash alone is stored) is shown once; the list says who accepted.
import '@testing-library/jest-dom/jest-globals';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PLAIN_USER, renderApp } from '../testing/render-app';
import { CREATE_INVITATION_MUTATION, MY_INVITATIONS_QUERY } from './operations';

const LINK = 'https://chat.example.com/register?inviteCode=inv_Zx81kQ';

function invitation(id: string, fields: Record<string, unknown>) {
  return {
    __typename: 'Invitation',
    id,
    email: null,
    status: 'PENDING',
    createdAt: '2026-11-20T09:00:00.000Z',
    expiresAt: '2026-11-27T09:00:00.000Z',
    acceptedAt: null,
    acceptedBy: null,
    ...fields,
  };
}

const accepted = invitation('inv-1', {
  email: 'grace@example.com',
  status: 'ACCEPTED',
  acceptedAt: '2026-11-21T12:00:00.000Z',
  acceptedBy: { __typename: 'User', id: 'user-grace', email: 'grace@example.com' },
});
const expired = invitation('inv-0', { status: 'EXPIRED' });
const created = invitation('inv-2', {
  email: 'new@example.com',
  createdAt: '2026-12-01T09:00:00.000Z',
  expiresAt: '2026-12-08T09:00:00.000Z',
});

function listAnswer(invitations: unknown[]): MockLink.MockedResponse {
  return { request: { query: MY_INVITATIONS_QUERY }, result: { data: { invitations } } };
}

let writeText: jest.Mock<(text: string) => Promise<void>>;

beforeEach(() => {
  writeText = jest.fn<(text: string) => Promise<void>>(async () => undefined);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard');
});

describe('account: invitations', () => {
  it('lists the invitations with their status and who accepted them', async () => {
    renderApp('/account/invitations', { signedInAs: PLAIN_USER, mocks: [listAnswer([accepted, expired])] });

    const table = await screen.findByRole('table', { name: 'Your invitations' });
    const [first, second] = within(table).getAllByRole('row').slice(1);
    expect(first).toHaveTextContent('Accepted');
    expect(within(first as HTMLElement).getAllByText('grace@example.com')).toHaveLength(2);
    expect(second).toHaveTextContent('Anyone with the link');
    expect(second).toHaveTextContent('Expired');
    expect(document.body).not.toHaveTextContent(/ACCEPTED|EXPIRED|PENDING/);
    expect(document.title).toBe('Invitations · Chat Bot Pro V2');
  });

  it('shows an empty state when there are none', async () => {
    renderApp('/account/invitations', { signedInAs: PLAIN_USER, mocks: [listAnswer([])] });

    expect(await screen.findByText('No invitations yet')).toBeInTheDocument();
  });

  it('creates an invitation, shows its link once with a Copy button, and reads the list again', async () => {
    const create = jest.fn((_variables: Record<string, unknown>) => ({
      data: {
        createInvitation: {
          __typename: 'CreateInvitationPayload',
          code: 'inv_Zx81kQ',
          link: LINK,
          invitation: {
            __typename: 'Invitation',
            id: 'inv-2',
            email: 'new@example.com',
            status: 'PENDING',
            createdAt: created.createdAt,
            expiresAt: created.expiresAt,
          },
        },
      },
    }));
    renderApp('/account/invitations', {
      signedInAs: PLAIN_USER,
      mocks: [
        listAnswer([accepted]),
        { request: { query: CREATE_INVITATION_MUTATION, variables: { email: 'new@example.com', expiresInHours: 72 } }, result: create },
        listAnswer([created, accepted]),
      ],
    });
    await screen.findByRole('table', { name: 'Your invitations' });

    fireEvent.change(screen.getByLabelText('Email (optional)'), { target: { value: ' new@example.com ' } });
    fireEvent.change(screen.getByLabelText('Expires after'), { target: { value: '72' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create invitation' }));

    expect(await screen.findByLabelText('Invitation link')).toHaveTextContent(LINK);
    expect(create).toHaveBeenCalledWith({ email: 'new@example.com', expiresInHours: 72 });
    expect(screen.getByText(/shown only this once/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(LINK));

    const table = screen.getByRole('table', { name: 'Your invitations' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('Pending');
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('new@example.com');

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('Invitation link')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('inv_Zx81kQ');
  });

  it('says so, in our words, when only administrators may invite', async () => {
    renderApp('/account/invitations', {
      signedInAs: PLAIN_USER,
      mocks: [
        listAnswer([]),
        {
          request: { query: CREATE_INVITATION_MUTATION, variables: { email: null, expiresInHours: 168 } },
          result: {
            errors: [{ message: 'Only administrators may invite. (policy INVITATIONS_ADMIN_ONLY)', extensions: { code: 'FORBIDDEN' } }],
          },
        },
      ],
    });
    await screen.findByText('No invitations yet');

    fireEvent.click(screen.getByRole('button', { name: 'Create invitation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('On this platform only administrators can create invitations.');
    expect(document.body).not.toHaveTextContent('INVITATIONS_ADMIN_ONLY');
  });
});
