// The admins' GraphQL explorer (docs/design.md §14 (Decisions)), on a platform running with NODE_ENV=production: the
// page and every asset it loads come from the gateway itself (no CDN, no other origin, no inline script, a strict
// CSP), and introspection, which Apollo would otherwise refuse to everyone in production, works for admins only
// (ASVS 4.3.2).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getIntrospectionQuery } from 'graphql';
import { EXPLORER_CSP } from '../src/explorer/explorer.routes.js';
import { createExplorerAdmin, EXPLORER_ADMIN_EMAIL } from './support/explorer-admin.js';
import { seed } from './support/seed.js';
import type { SeededUser } from './support/seed.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let admin: SeededUser;

beforeAll(async () => {
  platform = await startTestPlatform({ NODE_ENV: 'production', BOOTSTRAP_ADMIN_EMAIL: EXPLORER_ADMIN_EMAIL });
  admin = await createExplorerAdmin(platform);
});

afterAll(async () => {
  await platform?.close();
});

const ASSETS: Record<string, RegExp> = {
  '/explorer/assets/react.production.min.js': /^text\/javascript; charset=utf-8$/,
  '/explorer/assets/react-dom.production.min.js': /^text\/javascript; charset=utf-8$/,
  '/explorer/assets/graphiql.min.js': /^text\/javascript; charset=utf-8$/,
  '/explorer/assets/graphiql.min.css': /^text\/css; charset=utf-8$/,
  '/explorer/assets/explorer.js': /^text\/javascript; charset=utf-8$/,
  '/explorer/assets/explorer.css': /^text\/css; charset=utf-8$/,
};

/** Absolute http(s) URLs, except XML namespace names (an SVG's xmlns is an identifier, never fetched). */
function foreignUrls(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s"'`)<>]+/g)].map((m) => m[0]).filter((url) => !url.startsWith('http://www.w3.org/'));
}

async function get(path: string): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(`${platform.gatewayUrl}${path}`);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('the explorer page', () => {
  it('is an HTML page with a strict CSP, no inline script and only same-origin assets', async () => {
    const page = await get('/explorer');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
    expect(EXPLORER_CSP).toContain("script-src 'self'");
    expect(EXPLORER_CSP).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(EXPLORER_CSP).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');

    expect(foreignUrls(page.text)).toEqual([]);
    const scripts = [...page.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBe(4);
    for (const [, attributes, body] of scripts) {
      expect(body?.trim()).toBe('');
      expect(attributes).toMatch(/\ssrc="\/explorer\/assets\/[\w.-]+"/);
    }
    expect(page.text).not.toMatch(/\son\w+=/i); // no inline event handlers either
    const referenced = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(referenced.sort()).toEqual(Object.keys(ASSETS).sort());
  });

  it.each(Object.entries(ASSETS))('serves %s from the gateway, with its content type and the CSP', async (path, type) => {
    const asset = await get(path);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(type);
    expect(asset.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect(asset.headers.get('etag')).toBeTruthy();
    expect(asset.text.length).toBeGreaterThan(path.endsWith('explorer.css') ? 500 : 2000);
    // No CDN address anywhere (vendor bundles mention GitHub and w3.org in messages, never a CDN).
    expect(
      asset.text.match(
        /(?:https?:)?\/\/[\w.-]*(?:unpkg\.com|jsdelivr\.net|cdnjs\.cloudflare\.com|googleapis\.com|apollographql\.com|esm\.sh)[^\s"'`]*/g,
      ),
    ).toBeNull();
  });

  it('runs our own script without a single URL to another host, and keeps tokens out of browser storage', async () => {
    const script = await get('/explorer/assets/explorer.js');
    expect(foreignUrls(script.text)).toEqual([]);
    expect(script.text).not.toMatch(/localStorage|document\.cookie/);
    expect(script.text).not.toMatch(/\beval\(|new Function\(/);
  });

  it('serves only its fixed list of files', async () => {
    for (const path of [
      '/explorer/assets/package.json',
      '/explorer/assets/..%2F..%2Fpackage.json',
      '/explorer/assets/%2e%2e%2fconfig.ts',
      '/explorer/assets/',
      '/explorer/assets/constructor',
    ]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.text)).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    }
  });
});

describe('introspection in production', () => {
  const SCHEMA = '{ __schema { queryType { name } } }';
  const TYPE = '{ __type(name: "User") { name } }';

  it('is refused to anonymous callers with FORBIDDEN, naming nothing of the schema', async () => {
    for (const query of [SCHEMA, TYPE, getIntrospectionQuery()]) {
      const res = await platform.graphql(query);
      expect(res.status).toBe(403);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toEqual([
        { message: 'Introspection is available to administrators only.', extensions: { code: 'FORBIDDEN' } },
      ]);
    }
  });

  it('is refused to a signed-in user without admin:access, even hidden in a fragment', async () => {
    const user = await seed(platform).user().verified().create();
    const { accessToken } = await user.login();
    const hidden = 'query { me { id } ...Intro } fragment Intro on Query { __schema { types { name } } }';
    for (const query of [SCHEMA, TYPE, hidden]) {
      const res = await platform.graphql(query, {}, accessToken);
      expect(res.status).toBe(403);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // The refusal is about introspection only: the same caller's ordinary queries and __typename still work.
    const me = await platform.graphql<{ __typename: string; me: { id: string; __typename: string } }>(
      '{ __typename me { id __typename } }',
      {},
      accessToken,
    );
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ data: { __typename: 'Query', me: { id: user.userId, __typename: 'User' } } });
  });

  it('works for an admin: the full introspection query GraphiQL sends, and __type', async () => {
    const { accessToken } = await admin.login();
    const full = await platform.graphql<{ __schema: { queryType: { name: string }; types: { name: string }[] } }>(
      getIntrospectionQuery(),
      {},
      accessToken,
    );
    expect(full.status).toBe(200);
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data?.__schema.queryType.name).toBe('Query');
    expect(full.body.data?.__schema.types.map((t) => t.name)).toEqual(expect.arrayContaining(['User', 'AdminPing']));
    const type = await platform.graphql<{ __type: { name: string } }>(TYPE, {}, accessToken);
    expect(type.body).toEqual({ data: { __type: { name: 'User' } } });
  });

  it('gives no field suggestions to anyone in production', async () => {
    const res = await platform.graphql('{ adminPin { ok } }');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(res.body)).not.toMatch(/did you mean/i);
  });
});
