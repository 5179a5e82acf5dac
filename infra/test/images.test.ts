// Container images: every third-party base image pinned by digest or listed (and reported) in
// infra/TODO-digest.txt, and each service image carrying only its own workspace's production dependencies.
import { describe, it, expect } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { loadCompose, readRepoFile, repoPath } from './tools.js';

const DIGEST = /@sha256:[0-9a-f]{64}$/;
const todo = readRepoFile('infra/TODO-digest.txt')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

/** Third-party images named by the Dockerfiles (ARG defaults and literal FROMs) and by compose. */
function thirdPartyImages(): { where: string; image: string }[] {
  const found: { where: string; image: string }[] = [];
  for (const name of readdirSync(repoPath('infra/docker')).filter((n) => n.endsWith('.Dockerfile'))) {
    const text = readRepoFile('infra/docker', name);
    const stages = new Set([...text.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]));
    for (const [, image] of text.matchAll(/^ARG \w+_IMAGE=(\S+)$/gm)) found.push({ where: name, image: image ?? '' });
    for (const [, image] of text.matchAll(/^FROM (\S+)/gm)) {
      if (!image || image.startsWith('${') || stages.has(image)) continue;
      found.push({ where: name, image });
    }
  }
  for (const [service, spec] of Object.entries(loadCompose().services)) {
    if (!spec.build && spec.image) found.push({ where: `docker-compose.yml ${service}`, image: spec.image });
  }
  return found;
}

describe('base image pinning', () => {
  const images = thirdPartyImages();

  it('finds the images of every Dockerfile and of compose', () => {
    expect(images.map((i) => i.image)).toEqual(
      expect.arrayContaining(['node:20.19-bookworm-slim', 'postgres:16.4-bookworm', 'nginxinc/nginx-unprivileged:1.27.5-alpine']),
    );
  });

  it('pins each image by digest, or lists it in infra/TODO-digest.txt (and says so)', () => {
    const unpinned = images.filter(({ image }) => !DIGEST.test(image));
    for (const { where, image } of unpinned) expect({ where, image, listed: todo.includes(image) }).toEqual({ where, image, listed: true });
    if (unpinned.length > 0) {
      process.stderr.write(
        `TODO-digest: ${new Set(unpinned.map((i) => i.image)).size} third-party images are pinned by tag only ` +
          `(infra/TODO-digest.txt): ${[...new Set(unpinned.map((i) => i.image))].join(', ')}\n`,
      );
    }
  });

  it('lists nothing that is no longer used unpinned (the list shrinks as digests land)', () => {
    const unpinned = new Set(images.filter(({ image }) => !DIGEST.test(image)).map((i) => i.image));
    for (const image of todo) expect({ image, used: unpinned.has(image) }).toEqual({ image, used: true });
  });

  it('marks every unpinned image in compose with a TODO-digest comment on its line', () => {
    for (const line of readRepoFile('docker-compose.yml').split('\n')) {
      const match = /^\s+image: ([^\s$#][^\s#]*)/.exec(line);
      if (!match || DIGEST.test(match[1] ?? '')) continue;
      expect({ line: line.trim(), marked: line.includes('# TODO-digest') }).toEqual({ line: line.trim(), marked: true });
    }
  });
});

// ------------------------------------------------------------------------------------------------
// Per-workspace production dependencies
// ------------------------------------------------------------------------------------------------
interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}
const root = JSON.parse(readRepoFile('package.json')) as { workspaces: string[] };
const byName = new Map<string, { path: string; manifest: Manifest }>(
  root.workspaces.map((path) => {
    const manifest = JSON.parse(readRepoFile(path, 'package.json')) as Manifest;
    return [manifest.name, { path, manifest }];
  }),
);

/** Third-party production dependencies of a workspace, through the workspaces it depends on (what npm ci -w installs). */
function productionClosure(workspace: string): { thirdParty: Map<string, string>; workspaces: Set<string> } {
  const thirdParty = new Map<string, string>();
  const workspaces = new Set<string>();
  const visit = (path: string): void => {
    if (workspaces.has(path)) return;
    workspaces.add(path);
    const entry = [...byName.values()].find((e) => e.path === path);
    for (const dep of Object.keys(entry?.manifest.dependencies ?? {})) {
      const child = byName.get(dep);
      if (child) visit(child.path);
      else if (!thirdParty.has(dep)) thirdParty.set(dep, path);
    }
  };
  visit(workspace);
  return { thirdParty, workspaces };
}

describe('node-service images carry their own workspace production dependencies only', () => {
  const dockerfile = readRepoFile('infra/docker/node-service.Dockerfile');

  it('installs node_modules for the chosen workspace alone, without dev dependencies or the root', () => {
    expect(dockerfile).toMatch(/^FROM deps AS prod-deps$/m);
    expect(dockerfile).toContain('npm ci --omit=dev --workspace=${SERVICE} --include-workspace-root=false');
    expect(dockerfile).toContain('COPY --from=prod-deps /app/node_modules ./node_modules');
    expect(dockerfile).not.toMatch(/COPY --from=build \/app\/node_modules/);
  });

  it.each(['subgraphs/identity', 'subgraphs/admin', 'subgraphs/analytics'])('%s gets no React, GraphiQL or web packages', (workspace) => {
    const { thirdParty, workspaces } = productionClosure(workspace);
    for (const banned of ['react', 'react-dom', 'graphiql', 'vite', '@apollo/gateway']) {
      expect({ workspace, banned, included: thirdParty.has(banned) }).toEqual({ workspace, banned, included: false });
    }
    expect(workspaces.has('web')).toBe(false);
    expect(workspaces.has('gateway')).toBe(false);
  });

  it('the gateway gets React and GraphiQL: it serves the explorer from them', () => {
    const { thirdParty } = productionClosure('gateway');
    expect(thirdParty.has('graphiql')).toBe(true);
    expect(thirdParty.has('react')).toBe(true);
  });

  it('no service depends on the test harness or the SPA', () => {
    for (const workspace of ['subgraphs/identity', 'subgraphs/admin', 'subgraphs/analytics', 'gateway']) {
      const { workspaces } = productionClosure(workspace);
      expect({ workspace, testing: workspaces.has('packages/testing'), web: workspaces.has('web') }).toEqual({
        workspace,
        testing: false,
        web: false,
      });
    }
  });

  it('PGlite (the one-process npm start default) is in no service image: an optional peer of @cbp/db, loaded lazily', () => {
    for (const workspace of ['subgraphs/identity', 'subgraphs/admin', 'subgraphs/analytics', 'gateway']) {
      const closure = productionClosure(workspace).thirdParty;
      expect({ workspace, pglite: closure.get('@electric-sql/pglite'), socket: closure.get('@electric-sql/pglite-socket') }).toEqual({
        workspace,
        pglite: undefined,
        socket: undefined,
      });
    }
  });
});
