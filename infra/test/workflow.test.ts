// .github/workflows/ci.yml: tests, the production-dependency audit, then every image built, tagged with the git
// SHA, scanned, and pushed for main only. The image matrix is checked against the services compose builds.
import { describe, it, expect } from '@jest/globals';
import { loadCompose, parseYaml, readRepoFile } from './tools.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | boolean>;
}
interface Job {
  needs?: string | string[];
  services?: Record<string, { image: string; ports?: string[] }>;
  strategy?: { matrix?: { include?: { name: string; dockerfile: string; args: string }[] } };
  env?: Record<string, string>;
  steps: Step[];
}
const workflow = parseYaml<{ on: Record<string, unknown>; jobs: Record<string, Job> }>(readRepoFile('.github/workflows/ci.yml'));
const compose = loadCompose();

function job(name: string): Job {
  const found = workflow.jobs[name];
  if (!found) throw new Error(`ci.yml has no job ${name}`);
  return found;
}

describe('.github/workflows/ci.yml', () => {
  it('runs on pushes to main and on pull requests', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
  });

  it('test: PostgreSQL and Redis on their default local ports, then .ci/run and the audit of production dependencies', () => {
    const test = job('test');
    expect(test.services?.postgres?.ports).toEqual(['5432:5432']);
    expect(test.services?.redis?.ports).toEqual(['6379:6379']);
    expect(test.services?.postgres?.image).toBe(compose.services.postgres?.image);
    const runs = test.steps.map((s) => s.run ?? '');
    const ciRun = runs.indexOf('.ci/run');
    const audit = runs.indexOf('npm audit --omit=dev --audit-level=high');
    expect(ciRun).toBeGreaterThan(0);
    expect(audit).toBeGreaterThan(ciRun);
  });

  it('images: one build per image compose builds, with the same Dockerfile and build args', () => {
    const images = job('images');
    expect(images.needs).toBe('test');
    const matrix = images.strategy?.matrix?.include ?? [];
    const built = Object.entries(compose.services).filter(([, s]) => s.build);
    expect(matrix.map((m) => m.name).sort()).toEqual(built.map(([name]) => name).sort());
    for (const [name, service] of built) {
      const entry = matrix.find((m) => m.name === name);
      expect({ name, dockerfile: entry?.dockerfile }).toEqual({ name, dockerfile: service.build?.dockerfile });
      const args = Object.entries(service.build?.args ?? {}).map(([k, v]) => `${k}=${v}`);
      expect({ name, args: entry?.args.split('\n').filter(Boolean) }).toEqual({ name, args });
    }
  });

  it('tags with the git SHA under IMAGE_PREFIX, scans before pushing, and pushes on main only', () => {
    const images = job('images');
    expect(images.env?.IMAGE).toBe("${{ vars.IMAGE_PREFIX || 'chat-bot-pro' }}/${{ matrix.name }}:${{ github.sha }}");
    const index = (predicate: (s: Step) => boolean): number => images.steps.findIndex(predicate);
    const build = index((s) => s.uses?.startsWith('docker/build-push-action@') ?? false);
    const scan = index((s) => s.uses?.startsWith('aquasecurity/trivy-action@') ?? false);
    const push = index((s) => s.run?.includes('docker push') ?? false);
    expect(build).toBeGreaterThan(0);
    expect(scan).toBeGreaterThan(build);
    expect(push).toBeGreaterThan(scan);
    expect(images.steps[build]?.with).toMatchObject({ tags: '${{ env.IMAGE }}', load: true, push: false });
    expect(images.steps[scan]?.with).toMatchObject({ 'image-ref': '${{ env.IMAGE }}', 'exit-code': '1', severity: 'HIGH,CRITICAL' });
    const onMain = "github.event_name == 'push' && github.ref == 'refs/heads/main'";
    expect(images.steps[push]?.if).toBe(onMain);
    expect(images.steps.find((s) => s.uses?.startsWith('docker/login-action@'))?.if).toBe(onMain);
    expect(readRepoFile('.github/workflows/ci.yml')).not.toMatch(/:latest\b/);
  });
});
