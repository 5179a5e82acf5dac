import type { Env } from './env.js';

type Mode = 'development' | 'production' | 'test';

/**
 * The environment a service's own entry point (`main.ts`: containers, `npm run start:services`) validates: with
 * NODE_ENV unset it runs in production, so a forgotten variable never opens introspection or logs reset links in
 * clear. `npm start` asks for development explicitly (docs/design.md §12 (Running it)).
 */
export function productionByDefault(env: Env): Env {
  return { ...env, NODE_ENV: env.NODE_ENV || 'production' };
}

/** The one line a service logs at start: its mode and what that means. */
export function modeLine(mode: Mode): string {
  return mode === 'production'
    ? 'mode: production (GraphQL introspection for admins only, error details hidden, mail through SMTP only, every secret configured)'
    : `mode: ${mode} (GraphQL introspection open, development mailbox: emails and their links are logged in clear, generated development secrets)`;
}
