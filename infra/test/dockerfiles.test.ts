// infra/docker/*.Dockerfile, read as text: multi-stage, non-root final stage, health checks, no remote
// ADD, and the node-service recipe kept in step with the workspaces of the root package.json.
import { describe, it, expect } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import { loadCompose, readRepoFile, repoPath } from './tools.js';

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Splits a Dockerfile into instructions (continuations joined, comments dropped) and stages. */
function parseDockerfile(text: string): { instructions: Instruction[]; stages: Stage[] } {
  const instructions: Instruction[] = [];
  const lines = text.split('\n');
  let buffer = '';
  let startLine = 0;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!buffer && (line === '' || line.startsWith('#'))) return;
    if (buffer && line.startsWith('#')) return;
    if (!buffer) startLine = index + 1;
    if (line.endsWith('\\')) {
      buffer += `${line.slice(0, -1)} `;
      return;
    }
    buffer += line;
    const match = /^(\S+)\s*(.*)$/s.exec(buffer);
    if (match) instructions.push({ keyword: (match[1] ?? '').toUpperCase(), args: (match[2] ?? '').trim(), line: startLine });
    buffer = '';
  });
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [from = '', as, name] = instruction.args.split(/\s+/);
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { instructions, stages };
}

const dockerfileNames = readdirSync(repoPath('infra/docker')).filter((name) => name.endsWith('.Dockerfile'));
const compose = loadCompose();

function load(name: string): { text: string; instructions: Instruction[]; stages: Stage[] } {
  const text = readRepoFile('infra/docker', name);
  return { text, ...parseDockerfile(text) };
}

function finalStage(stages: Stage[]): Stage {
  const stage = stages.at(-1);
  if (!stage) throw new Error('no FROM');
  return stage;
}

function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

describe('every Dockerfile under infra/docker', () => {
  it('includes the node-service, web, migrate and backup recipes', () => {
    expect(dockerfileNames.sort()).toEqual(['backup.Dockerfile', 'migrate.Dockerfile', 'node-service.Dockerfile', 'web.Dockerfile']);
  });

  it.each(dockerfileNames)('%s is multi-stage (at least two FROM)', (name) => {
    expect(load(name).stages.length).toBeGreaterThanOrEqual(2);
  });

  it.each(dockerfileNames)('%s names every stage and uses only earlier stages in COPY --from', (name) => {
    const { stages } = load(name);
    const seen: string[] = [];
    for (const stage of stages) {
      expect(stage.name).toMatch(/^[a-z][a-z0-9-]*$/);
      for (const copy of argsOf(stage, 'COPY')) {
        const from = /--from=(\S+)/.exec(copy)?.[1];
        if (from) expect(seen).toContain(from);
      }
      if (stages.some((s) => s.name === stage.from)) expect(seen).toContain(stage.from);
      seen.push(stage.name ?? '');
    }
  });

  it.each(dockerfileNames)('%s runs its final stage as a non-root user', (name) => {
    const users = argsOf(finalStage(load(name).stages), 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1) ?? '';
    expect(user.split(':')[0]).not.toMatch(/^(root|0)$/);
  });

  it.each(dockerfileNames)('%s never ADDs a remote URL and pins its base images', (name) => {
    const { instructions, text } = load(name);
    for (const add of instructions.filter((i) => i.keyword === 'ADD')) expect(add.args).not.toMatch(/https?:\/\//);
    expect(text).not.toMatch(/\bcurl\b.*\|\s*(sh|bash)/);
    const argDefaults = Object.fromEntries(
      instructions.filter((i) => i.keyword === 'ARG' && i.args.includes('=')).map((i) => i.args.split('=') as [string, string]),
    );
    for (const stage of load(name).stages) {
      const image = stage.from.replace(/^\$\{(\w+)\}$/, (_, arg: string) => argDefaults[arg] ?? '');
      if (load(name).stages.some((s) => s.name === image)) continue;
      expect(image).toMatch(/^[\w./-]+:\d[\w.-]*(@sha256:[0-9a-f]{64})?$/);
    }
  });

  it.each(dockerfileNames)('%s has a HEALTHCHECK in the final stage (compose adds one too; NONE for a one-shot)', (name) => {
    const healthchecks = argsOf(finalStage(load(name).stages), 'HEALTHCHECK');
    expect(healthchecks.length).toBe(1);
    const users = Object.values(compose.services).filter((s) => s.build?.dockerfile === `infra/docker/${name}`);
    expect(users.length).toBeGreaterThan(0);
    for (const service of users) {
      if (healthchecks[0] === 'NONE')
        expect({ restart: service.restart, healthcheck: service.healthcheck }).toEqual({ restart: 'no', healthcheck: undefined });
      else expect(service.healthcheck?.test).toBeDefined();
    }
  });
});

describe('infra/docker/node-service.Dockerfile', () => {
  const { stages, text } = load('node-service.Dockerfile');
  const stage = (name: string): Stage => {
    const found = stages.find((s) => s.name === name);
    if (!found) throw new Error(`no stage ${name}`);
    return found;
  };
  const rootPackage = JSON.parse(readRepoFile('package.json')) as { workspaces: string[] };

  it('has deps, build, prod-deps and runtime stages on glibc node 20 (argon2 prebuilds)', () => {
    expect(stages.map((s) => s.name)).toEqual(['deps', 'build', 'prod-deps', 'runtime']);
    expect(text).toMatch(/^ARG NODE_IMAGE=node:20\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/m);
    expect(stage('deps').from).toBe('${NODE_IMAGE}');
    expect(stage('runtime').from).toBe('${NODE_IMAGE}');
    expect(text).not.toMatch(/alpine/);
  });

  it('copies every workspace manifest before npm ci, so installs cache on manifests alone', () => {
    const deps = stage('deps').instructions;
    const npmCi = deps.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
    expect(npmCi).toBeGreaterThan(0);
    const copiedBefore = deps
      .slice(0, npmCi)
      .filter((i) => i.keyword === 'COPY')
      .map((i) => i.args);
    expect(copiedBefore).toContain('package.json package-lock.json ./');
    for (const workspace of rootPackage.workspaces) {
      expect(copiedBefore).toContain(`${workspace}/package.json ${workspace}/`);
      expect(existsSync(repoPath(workspace, 'package.json'))).toBe(true);
    }
    // Sources come later, in the build stage.
    expect(deps.filter((i) => i.keyword === 'COPY' && !i.args.includes('package'))).toEqual([]);
  });

  it('builds every shared package the four services need (transitively), then the service; prod-deps installs its production deps', () => {
    const build = stage('build').instructions.find((i) => i.keyword === 'RUN' && i.args.includes('npm run build'));
    expect(build).toBeDefined();
    const built = [...(build?.args ?? '').matchAll(/-w (\S+)/g)].map((m) => m[1]);
    expect(built.at(-1)).toBe('${SERVICE}');
    expect(argsOf(stage('prod-deps'), 'RUN').join(' ')).toMatch(
      /npm ci --omit=dev --workspace=\$\{SERVICE\} --include-workspace-root=false/,
    );

    // Map package names to workspace folders, then walk @cbp/* dependencies from each service.
    const byName = new Map<string, { path: string; deps: string[] }>();
    for (const workspace of rootPackage.workspaces) {
      const manifest = JSON.parse(readRepoFile(workspace, 'package.json')) as {
        name: string;
        dependencies?: Record<string, string>;
      };
      byName.set(manifest.name, { path: workspace, deps: Object.keys(manifest.dependencies ?? {}) });
    }
    const needed = new Set<string>();
    const walk = (name: string): void => {
      const entry = byName.get(name);
      if (!entry) return;
      for (const dep of entry.deps) {
        const child = byName.get(dep);
        if (child && !needed.has(child.path)) {
          needed.add(child.path);
          walk(dep);
        }
      }
    };
    for (const [name, entry] of byName) {
      if (['subgraphs/identity', 'subgraphs/admin', 'subgraphs/analytics', 'gateway'].includes(entry.path)) walk(name);
    }
    for (const path of needed) expect(built).toContain(path);
    // Dependencies must compile first (tsc reads their dist/*.d.ts). npm runs `-w` workspaces in the
    // order of the root package.json "workspaces" list, so that list must be topological; keep the
    // command line in the same order for the reader.
    for (const order of [rootPackage.workspaces, built]) {
      for (const [, entry] of byName) {
        if (!built.includes(entry.path)) continue;
        for (const dep of entry.deps) {
          const child = byName.get(dep);
          if (!child) continue;
          expect({ pkg: entry.path, dep: child.path, before: order.indexOf(child.path) < order.indexOf(entry.path) }).toEqual({
            pkg: entry.path,
            dep: child.path,
            before: true,
          });
        }
      }
    }
  });

  it('accepts exactly the four service workspaces as SERVICE', () => {
    expect(argsOf(stage('build'), 'ARG')).toContain('SERVICE');
    const guard = argsOf(stage('build'), 'RUN').find((args) => args.includes('case'));
    expect(guard).toContain('subgraphs/identity|subgraphs/admin|subgraphs/analytics|gateway)');
    expect(argsOf(stage('build'), 'COPY')).toContain('${SERVICE} ./${SERVICE}');
  });

  it('runs dist/main.js from /app/$SERVICE as user node, in production mode, under tini', () => {
    const runtime = stage('runtime');
    expect(argsOf(runtime, 'WORKDIR').at(-1)).toBe('/app/${SERVICE}');
    expect(argsOf(runtime, 'USER')).toEqual(['node']);
    expect(argsOf(runtime, 'ENV').join(' ')).toMatch(/NODE_ENV=production/);
    expect(argsOf(runtime, 'CMD')).toEqual(['["node", "dist/main.js"]']);
    expect(argsOf(runtime, 'ENTRYPOINT')).toEqual(['["/usr/bin/tini", "--"]']);
    expect(argsOf(runtime, 'RUN').join(' ')).toMatch(/apt-get install -y --no-install-recommends tini/);
    // No toolchain or sources beyond the compiled workspaces in the final image.
    const copies = argsOf(runtime, 'COPY');
    for (const copy of copies) expect(copy).toMatch(/^--from=(build|prod-deps) /);
    expect(copies).toContain('--from=prod-deps /app/node_modules ./node_modules');
    expect(copies).toContain('--from=prod-deps /app/${SERVICE}/node_modules ./${SERVICE}/node_modules');
    // The checked-in SDL and supergraph are read at run time (service-kit's type-defs, the gateway's
    // supergraph loader), relative to the compiled files: /app/schema next to /app/packages and /app/<service>.
    expect(copies).toContain('--from=build /app/schema ./schema');
    expect(copies).toContain('--from=build /app/packages ./packages');
    expect(copies).toContain('--from=build /app/${SERVICE} ./${SERVICE}');
  });

  it('health-checks liveness (/healthz) on the build-time PORT; compose picks readiness per service', () => {
    const runtime = stage('runtime');
    expect(argsOf(runtime, 'ARG')).toContain('PORT');
    expect(argsOf(runtime, 'ENV').join(' ')).toMatch(/HEALTHCHECK_PORT=\$\{PORT\}/);
    expect(argsOf(runtime, 'HEALTHCHECK')[0]).toMatch(/\/healthz/);
  });
});

describe('infra/docker/web.Dockerfile', () => {
  const { stages } = load('web.Dockerfile');
  const runtime = finalStage(stages);

  it('builds the SPA with npm ci + npm run build -w web', () => {
    const runs = stages.flatMap((s) => argsOf(s, 'RUN')).join('\n');
    expect(runs).toMatch(/\bnpm ci\b/);
    expect(runs).toMatch(/npm run build -w web/);
  });

  it('serves web/dist from unprivileged nginx on 8080 with the SPA config', () => {
    expect(runtime.from).toMatch(/^nginxinc\/nginx-unprivileged:1\.27\.\d+-alpine(@sha256:[0-9a-f]{64})?$/);
    const copies = argsOf(runtime, 'COPY');
    expect(copies).toContain('--from=build /app/web/dist /usr/share/nginx/html');
    expect(copies).toContain('infra/nginx/spa/default.conf /etc/nginx/conf.d/default.conf');
    for (const copy of copies.filter((c) => !c.startsWith('--from'))) {
      expect(existsSync(repoPath(copy.split(/\s+/)[0] ?? ''))).toBe(true);
    }
    expect(argsOf(runtime, 'EXPOSE')).toEqual(['8080']);
    expect(argsOf(runtime, 'USER')).toEqual(['101']);
  });
});

describe('infra/docker/migrate.Dockerfile and backup.Dockerfile', () => {
  it('migrate runs `npm run migrate` (scripts/migrate.ts through tsx) as node, under tini, once', () => {
    const { stages } = load('migrate.Dockerfile');
    const runtime = finalStage(stages);
    expect(argsOf(runtime, 'USER')).toEqual(['node']);
    expect(argsOf(runtime, 'CMD')).toEqual(['["node_modules/.bin/tsx", "--conditions=source", "scripts/migrate.ts"]']);
    const rootScripts = (JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(rootScripts.migrate).toBe('tsx --conditions=source scripts/migrate.ts');
  });

  it('backup compiles the two scripts alone onto the PostgreSQL 16 image, so pg_dump matches the server', () => {
    const { stages, text } = load('backup.Dockerfile');
    expect(text).toMatch(/^ARG POSTGRES_IMAGE=postgres:16\.\d+-bookworm(@sha256:[0-9a-f]{64})?$/m);
    expect(finalStage(stages).from).toBe('${POSTGRES_IMAGE}');
    expect(compose.services.postgres?.image).toMatch(/^postgres:16\./);
    const compile = argsOf(stages.find((s) => s.name === 'build') ?? finalStage(stages), 'RUN').join(' ');
    expect(compile).toContain('scripts/backup.ts scripts/restore.ts');
    // Compiled on their own: they may import node: modules and each other only.
    for (const file of ['scripts/backup.ts', 'scripts/restore.ts', 'scripts/ops/backup-files.ts', 'scripts/ops/postgres-cli.ts']) {
      for (const [, spec] of readRepoFile(file).matchAll(/^import .* from '([^']+)';$/gm)) {
        expect({ file, spec }).toEqual({ file, spec: expect.stringMatching(/^(node:|\.\/ops\/|\.\/)/) });
      }
    }
    expect(argsOf(finalStage(stages), 'USER')).toEqual(['postgres']);
    expect(argsOf(finalStage(stages), 'ENTRYPOINT')).toEqual(['["node", "/opt/cbp/backup.js"]']);
  });
});
