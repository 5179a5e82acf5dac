/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { ADMIN_USER, PLAIN_USER, renderApp } from '../testing/render-app';
import { safeNextPath } from './guards';

describe('route guards', () => {
  it('sends a signed-out visitor of /account to the sign-in page, remembering where they were going', async () => {
    const { router } = renderApp('/account/sessions?x=1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/account/sessions?x=1');
  });

  it('keeps a plain user out of the admin console, and offers no link to it', async () => {
    renderApp('/console/users', { signedInAs: PLAIN_USER });
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Console' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Account' })).toBeInTheDocument();
  });

  it('lets an admin into the console and shows the link to it', async () => {
    // The console's own queries are not what this test is about (SystemPage.test.tsx answers them).
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      renderApp('/console', { signedInAs: ADMIN_USER });
      expect(await screen.findByRole('link', { name: 'Console' })).toBeInTheDocument();
      expect(await screen.findByRole('heading', { level: 1, name: 'System overview' })).toBeInTheDocument();
      expect(screen.queryByRole('heading', { name: 'Not available' })).not.toBeInTheDocument();
    } finally {
      warn.mockRestore();
    }
  });

  it('sends a signed-in person away from the sign-in page to where they were going', async () => {
    const { router } = renderApp('/login?next=%2Faccount%2Fsecurity', { signedInAs: PLAIN_USER });
    await waitFor(() => expect(router.state.location.pathname).toBe('/account/security'));
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/account/sessions', '/account/sessions'],
    ['https://evil.example/', '/account'],
    ['//evil.example/', '/account'],
    ['/\\evil.example', '/account'],
    ['', '/account'],
    [null, '/account'],
  ])('%p → %p', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});

describe('safeNextPath against browser URL parsing', () => {
  it.each(['/\t/evil.example', '/\n/evil.example', '/\\/evil.example', '/%0a/evil.example'])('%j never leaves the app', (next) => {
    const path = safeNextPath(next);
    expect(new URL(path, 'https://app.example').origin).toBe('https://app.example');
  });

  it('keeps the query and the hash of a path in the app', () => {
    expect(safeNextPath('/console/audit?subjectId=1#top')).toBe('/console/audit?subjectId=1#top');
  });
});
