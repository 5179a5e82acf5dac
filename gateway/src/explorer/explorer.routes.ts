import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import type { Response } from 'express';

/**
 * The admins' GraphQL explorer: GraphiQL at /explorer, every byte served from this process (npm packages and
 * ./static), so it works with no internet access. GraphiQL 3 is the last major with a prebuilt browser bundle;
 * it needs React 18 (React 19 ships no UMD build), which the gateway workspace pins for itself.
 */
export const EXPLORER_PATH = '/explorer';
export const EXPLORER_ASSETS_PATH = `${EXPLORER_PATH}/assets`;

/**
 * No inline script anywhere, and nothing from another origin. `style-src 'unsafe-inline'` is needed: GraphiQL's
 * dialogs (radix-ui → react-remove-scroll-bar) insert a <style> element whose text depends on the scrollbar
 * width, so no fixed hash fits (measured: with `style-src 'self'` Chromium blocks it when Settings opens).
 */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

interface Asset {
  file: string;
  type: string;
}

const require = createRequire(import.meta.url);

/** A file inside an installed package; checks the major version, since the bundles below exist only in these. */
function packageFile(name: string, major: number, file: string): string {
  const manifest = require.resolve(`${name}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  if (Number(version.split('.')[0]) !== major) {
    throw new Error(`explorer: ${name}@${major} is required beside the gateway, found ${name}@${version} (${manifest})`);
  }
  return join(dirname(manifest), file);
}

/** ./static beside this module in src/; from dist/ (tsc copies no assets) the one in src/, which images keep. */
function staticDir(): string {
  const candidates = [new URL('./static/', import.meta.url), new URL('../../src/explorer/static/', import.meta.url)].map((u) =>
    fileURLToPath(u),
  );
  const found = candidates.find((dir) => existsSync(join(dir, 'explorer.js')));
  if (!found) throw new Error(`explorer: static files not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Every file the page may load, by public name: a fixed table, so no request path ever reaches the file system. */
export function explorerAssets(): Record<string, Asset> {
  const own = staticDir();
  const assets: Record<string, Asset> = {
    'react.production.min.js': { file: packageFile('react', 18, 'umd/react.production.min.js'), type: JS },
    'react-dom.production.min.js': { file: packageFile('react-dom', 18, 'umd/react-dom.production.min.js'), type: JS },
    'graphiql.min.js': { file: packageFile('graphiql', 3, 'graphiql.min.js'), type: JS },
    'graphiql.min.css': { file: packageFile('graphiql', 3, 'graphiql.min.css'), type: CSS },
    'explorer.js': { file: join(own, 'explorer.js'), type: JS },
    'explorer.css': { file: join(own, 'explorer.css'), type: CSS },
  };
  for (const [name, asset] of Object.entries(assets)) {
    if (!existsSync(asset.file)) throw new Error(`explorer: asset ${name} is missing (${asset.file})`);
  }
  return assets;
}

export const EXPLORER_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>GraphQL explorer · admin</title>
<link rel="stylesheet" href="${EXPLORER_ASSETS_PATH}/graphiql.min.css">
<link rel="stylesheet" href="${EXPLORER_ASSETS_PATH}/explorer.css">
<script defer src="${EXPLORER_ASSETS_PATH}/react.production.min.js"></script>
<script defer src="${EXPLORER_ASSETS_PATH}/react-dom.production.min.js"></script>
<script defer src="${EXPLORER_ASSETS_PATH}/graphiql.min.js"></script>
<script defer src="${EXPLORER_ASSETS_PATH}/explorer.js"></script>
</head>
<body>
<noscript>The explorer needs JavaScript.</noscript>
<div id="explorer"></div>
</body>
</html>
`;

/** Headers for everything the explorer serves: its own CSP whatever the app-wide defaults are. */
function secure(res: Response): void {
  res.setHeader('content-security-policy', EXPLORER_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
}

export function explorerRoutes(): Router {
  const assets = explorerAssets();
  const router = Router();
  router.get(EXPLORER_PATH, (_req, res) => {
    secure(res);
    res.setHeader('cache-control', 'no-store');
    res.type('html').send(EXPLORER_HTML);
  });
  router.get(`${EXPLORER_ASSETS_PATH}/:name`, (req, res, next) => {
    const asset = Object.hasOwn(assets, req.params.name) ? assets[req.params.name] : undefined;
    if (!asset) return next();
    secure(res);
    // Revalidated every time (ETag / Last-Modified from sendFile): file names carry no version.
    res.sendFile(asset.file, { headers: { 'content-type': asset.type, 'cache-control': 'no-cache' }, dotfiles: 'deny' }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  });
  return router;
}
