// docker-compose.yml: the production-shaped stack (DESIGN.md §2, §8). Parsed as compose parses it
// (YAML with merge keys); every property the operators and the application rely on is asserted here.
import { describe, it, expect } from '@jest/globals';
import { existsSync, readFileSync, statSync } from 'node:fs';
import {
  cidrContains,
  loadCompose,
  parseVolume,
  readRepoFile,
  repoPath,
  serviceEnv,
  serviceNetworks,
  type ComposeService,
} from './tools.js';

const compose = loadCompose();
// The file as compose interpolates it: YAML comments are not interpolated, so leave them out.
const rawCompose = readRepoFile('docker-compose.yml')
  .split('\n')
  .filter((line) => !line.trimStart().startsWith('#'))
  .join('\n');
const services = compose.services;

const NODE_SERVICES = {
  identity: { workspace: 'subgraphs/identity', port: 4001, portVar: 'IDENTITY_PORT' },
  admin: { workspace: 'subgraphs/admin', port: 4002, portVar: 'ADMIN_PORT' },
  analytics: { workspace: 'subgraphs/analytics', port: 8000, portVar: 'ANALYTICS_PORT' },
  gateway: { workspace: 'gateway', port: 8080, portVar: 'GATEWAY_PORT' },
} as const;
type NodeServiceName = keyof typeof NODE_SERVICES;
const NODE_SERVICE_NAMES = Object.keys(NODE_SERVICES) as NodeServiceName[];
const SUBGRAPHS = ['identity', 'admin', 'analytics'] as const;

const EXPECTED_SERVICES = [
  'postgres',
  'redis',
  'identity',
  'admin',
  'analytics',
  'gateway',
  'web',
  'nginx',
  'certbot',
  'prometheus',
  'grafana',
];

function svc(name: string): ComposeService {
  const service = services[name];
  if (!service) throw new Error(`docker-compose.yml has no service ${name}`);
  return service;
}

function healthcheckText(service: ComposeService): string {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

function dependsOn(service: ComposeService): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, spec?.condition]));
}

function publishedPorts(service: ComposeService): { hostIp: string; published: string; target: string }[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port !== 'string') {
      return { hostIp: port.host_ip ?? '', published: String(port.published ?? ''), target: String(port.target) };
    }
    const parts = port.split(':');
    if (parts.length === 3) return { hostIp: parts[0] ?? '', published: parts[1] ?? '', target: parts[2] ?? '' };
    if (parts.length === 2) return { hostIp: '', published: parts[0] ?? '', target: parts[1] ?? '' };
    return { hostIp: '', published: '', target: parts[0] ?? '' };
  });
}

describe('docker-compose.yml services', () => {
  it('defines exactly the platform services', () => {
    expect(Object.keys(services).sort()).toEqual([...EXPECTED_SERVICES].sort());
  });

  it.each(EXPECTED_SERVICES)('%s has a restart policy', (name) => {
    expect(['unless-stopped', 'always']).toContain(svc(name).restart);
  });

  it.each(EXPECTED_SERVICES)('%s has a curl-less health check with sane timings', (name) => {
    const healthcheck = svc(name).healthcheck;
    expect(healthcheck).toBeDefined();
    const test = healthcheck?.test;
    expect(Array.isArray(test)).toBe(true);
    expect(['CMD', 'CMD-SHELL']).toContain((test as string[])[0]);
    expect(healthcheckText(svc(name))).not.toMatch(/\bcurl\b/);
    expect(healthcheck?.interval).toMatch(/^\d+s$/);
    expect(healthcheck?.timeout).toMatch(/^\d+s$/);
    expect(healthcheck?.retries).toBeGreaterThanOrEqual(3);
  });

  it('postgres and redis use their own probes; redis persists with AOF', () => {
    expect(svc('postgres').image).toBe('postgres:16-alpine');
    expect(healthcheckText(svc('postgres'))).toMatch(/^CMD pg_isready\b/);
    expect(svc('redis').image).toBe('redis:7-alpine');
    expect(healthcheckText(svc('redis'))).toBe('CMD redis-cli ping');
    const command = svc('redis').command;
    const commandText = Array.isArray(command) ? command.join(' ') : String(command);
    expect(commandText).toMatch(/--appendonly yes/);
    // Streams and the outbox relay must not be evicted under memory pressure.
    expect(commandText).toMatch(/--maxmemory-policy noeviction/);
  });

  it.each(NODE_SERVICE_NAMES)('%s probes GET /readyz on its own port with node fetch', (name) => {
    const { port } = NODE_SERVICES[name];
    const test = svc(name).healthcheck?.test as string[];
    expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(test[3]).toBe(`fetch('http://127.0.0.1:${port}/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))`);
  });

  it('web, nginx, prometheus and grafana probe with wget; certbot checks its certificate files', () => {
    expect(healthcheckText(svc('web'))).toBe('CMD wget -q --spider http://127.0.0.1:8080/healthz');
    expect(healthcheckText(svc('nginx'))).toBe('CMD wget -q --spider http://127.0.0.1/nginx-health');
    expect(healthcheckText(svc('prometheus'))).toBe('CMD wget -q --spider http://127.0.0.1:9090/-/ready');
    expect(healthcheckText(svc('grafana'))).toBe('CMD wget -q --spider http://127.0.0.1:3001/api/health');
    expect(healthcheckText(svc('certbot'))).toContain('/etc/letsencrypt/live/$${DOMAIN}/fullchain.pem');
  });
});

describe('docker-compose.yml start order (depends_on)', () => {
  it.each(SUBGRAPHS)('%s waits for healthy postgres and redis', (name) => {
    expect(dependsOn(svc(name))).toEqual({ postgres: 'service_healthy', redis: 'service_healthy' });
  });

  it('gateway waits for healthy subgraphs, redis and postgres', () => {
    expect(dependsOn(svc('gateway'))).toEqual({
      postgres: 'service_healthy',
      redis: 'service_healthy',
      identity: 'service_healthy',
      admin: 'service_healthy',
      analytics: 'service_healthy',
    });
  });

  it('nginx waits for a healthy gateway and web, and for certbot to have a certificate', () => {
    expect(dependsOn(svc('nginx'))).toEqual({
      gateway: 'service_healthy',
      web: 'service_healthy',
      certbot: 'service_healthy',
    });
  });

  it('grafana waits for a healthy prometheus', () => {
    expect(dependsOn(svc('grafana'))).toEqual({ prometheus: 'service_healthy' });
  });

  it('every depends_on names an existing service with an explicit condition, and there is no cycle', () => {
    const graph: Record<string, string[]> = {};
    for (const [name, service] of Object.entries(services)) {
      const deps = dependsOn(service);
      for (const [dep, condition] of Object.entries(deps)) {
        expect(services[dep]).toBeDefined();
        expect(['service_healthy', 'service_started', 'service_completed_successfully']).toContain(condition);
      }
      graph[name] = Object.keys(deps);
    }
    const state: Record<string, 'visiting' | 'done'> = {};
    const visit = (node: string, path: string[]): void => {
      if (state[node] === 'done') return;
      if (state[node] === 'visiting') throw new Error(`depends_on cycle: ${[...path, node].join(' -> ')}`);
      state[node] = 'visiting';
      for (const next of graph[node] ?? []) visit(next, [...path, node]);
      state[node] = 'done';
    };
    for (const node of Object.keys(graph)) visit(node, []);
  });
});

describe('docker-compose.yml networks and ports', () => {
  const networkSubnet = (name: string): string => compose.networks[name]?.ipam?.config?.[0]?.subnet ?? '';

  it('has a public network and an internal-only network, each with a fixed subnet', () => {
    expect(compose.networks.public).toBeDefined();
    expect(compose.networks.public?.internal).not.toBe(true);
    expect(compose.networks.internal?.internal).toBe(true);
    for (const name of Object.keys(compose.networks)) {
      expect(networkSubnet(name)).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    }
    const subnets = Object.keys(compose.networks).map(networkSubnet);
    expect(new Set(subnets).size).toBe(subnets.length);
  });

  it('keeps postgres, redis, the subgraphs and prometheus off the public network', () => {
    for (const name of ['postgres', 'redis', ...SUBGRAPHS, 'prometheus']) {
      const networks = serviceNetworks(svc(name));
      expect({ name, onInternal: networks.includes('internal') }).toEqual({ name, onInternal: true });
      expect({ name, onPublic: networks.includes('public') }).toEqual({ name, onPublic: false });
    }
  });

  it('puts nginx on public only, and the gateway on both', () => {
    expect(serviceNetworks(svc('nginx'))).toEqual(['public']);
    expect(serviceNetworks(svc('gateway')).sort()).toEqual(['internal', 'public']);
    expect(serviceNetworks(svc('web'))).toEqual(['public']);
  });

  it('gives identity alone an egress network (SMTP); it has no published ports and no other members', () => {
    const egressMembers = Object.entries(services)
      .filter(([, service]) => serviceNetworks(service).includes('egress'))
      .map(([name]) => name);
    expect(egressMembers).toEqual(['identity']);
    expect(compose.networks.egress?.internal).not.toBe(true);
  });

  it('fixed addresses lie inside their network subnet', () => {
    for (const [name, service] of Object.entries(services)) {
      const networks = service.networks;
      if (!networks || Array.isArray(networks)) continue;
      for (const [network, spec] of Object.entries(networks)) {
        if (!spec?.ipv4_address) continue;
        expect({ name, network, inside: cidrContains(networkSubnet(network), spec.ipv4_address) }).toEqual({
          name,
          network,
          inside: true,
        });
      }
    }
  });

  it('only nginx publishes ports to the world, and only 80 and 443', () => {
    expect(publishedPorts(svc('nginx'))).toEqual([
      { hostIp: '', published: '80', target: '80' },
      { hostIp: '', published: '443', target: '443' },
    ]);
    for (const [name, service] of Object.entries(services)) {
      if (name === 'nginx') continue;
      for (const port of publishedPorts(service)) {
        expect({ name, hostIp: port.hostIp }).toEqual({ name, hostIp: '127.0.0.1' });
      }
    }
  });

  it('postgres, redis, subgraphs, gateway and prometheus publish nothing; grafana is on loopback 3001', () => {
    for (const name of ['postgres', 'redis', ...SUBGRAPHS, 'gateway', 'prometheus', 'web', 'certbot']) {
      expect({ name, ports: svc(name).ports ?? [] }).toEqual({ name, ports: [] });
    }
    expect(publishedPorts(svc('grafana'))).toEqual([{ hostIp: '127.0.0.1', published: '3001', target: '3001' }]);
  });

  it('a service that publishes a port is on a non-internal network (internal networks cannot publish)', () => {
    for (const [name, service] of Object.entries(services)) {
      if ((service.ports ?? []).length === 0) continue;
      const external = serviceNetworks(service).filter((network) => compose.networks[network]?.internal !== true);
      expect({ name, external: external.length > 0 }).toEqual({ name, external: true });
    }
  });
});

describe('docker-compose.yml volumes', () => {
  const REQUIRED_VOLUMES: Record<string, { service: string; target: string }[]> = {
    'postgres-data': [{ service: 'postgres', target: '/var/lib/postgresql/data' }],
    'redis-data': [{ service: 'redis', target: '/data' }],
    'prometheus-data': [{ service: 'prometheus', target: '/prometheus' }],
    'grafana-data': [{ service: 'grafana', target: '/var/lib/grafana' }],
    letsencrypt: [
      { service: 'certbot', target: '/etc/letsencrypt' },
      { service: 'nginx', target: '/etc/letsencrypt' },
    ],
    'acme-webroot': [
      { service: 'certbot', target: '/var/www/certbot' },
      { service: 'nginx', target: '/var/www/certbot' },
    ],
  };

  it('declares the named volumes for data, certificates and the ACME webroot', () => {
    expect(Object.keys(compose.volumes).sort()).toEqual(Object.keys(REQUIRED_VOLUMES).sort());
  });

  it.each(Object.entries(REQUIRED_VOLUMES))('volume %s is mounted where it belongs', (volume, mounts) => {
    for (const { service, target } of mounts) {
      const found = (svc(service).volumes ?? []).map(parseVolume).find((v) => v.source === volume);
      expect({ service, target: found?.target }).toEqual({ service, target });
    }
  });

  it('nginx mounts certificates and webroot read-only; certbot can write them', () => {
    const nginxVolumes = (svc('nginx').volumes ?? []) as string[];
    expect(nginxVolumes).toContain('letsencrypt:/etc/letsencrypt:ro');
    expect(nginxVolumes).toContain('acme-webroot:/var/www/certbot:ro');
    const certbotVolumes = (svc('certbot').volumes ?? []) as string[];
    expect(certbotVolumes).toContain('letsencrypt:/etc/letsencrypt');
    expect(certbotVolumes).toContain('acme-webroot:/var/www/certbot');
  });

  it('every bind mount points at a file or folder of the repository, mounted read-only', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const spec of service.volumes ?? []) {
        const { source } = parseVolume(spec);
        if (!source.startsWith('./')) continue;
        expect({ name, source, exists: existsSync(repoPath(source)) }).toEqual({ name, source, exists: true });
        expect({ name, source, readOnly: typeof spec === 'string' && spec.endsWith(':ro') }).toEqual({
          name,
          source,
          readOnly: true,
        });
      }
    }
  });

  it('shell scripts mounted into containers are executable where the image runs them directly', () => {
    // The nginx image's entrypoint skips /docker-entrypoint.d/*.sh files that are not executable.
    const script = repoPath('infra/nginx/docker-entrypoint.d/45-reload-on-cert-change.sh');
    expect(statSync(script).mode & 0o111).not.toBe(0);
  });
});

describe('docker-compose.yml images and builds', () => {
  it.each(NODE_SERVICE_NAMES)('%s builds from the shared node-service Dockerfile with its workspace', (name) => {
    const { workspace, port } = NODE_SERVICES[name];
    const build = svc(name).build;
    expect(build?.context).toBe('.');
    expect(build?.dockerfile).toBe('infra/docker/node-service.Dockerfile');
    expect(build?.args).toEqual({ SERVICE: workspace, PORT: String(port) });
    expect(existsSync(repoPath(workspace, 'package.json'))).toBe(true);
  });

  it('web builds from infra/docker/web.Dockerfile', () => {
    expect(svc('web').build).toEqual({ context: '.', dockerfile: 'infra/docker/web.Dockerfile' });
  });

  it('every referenced Dockerfile exists', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.build) {
        expect({ name, image: typeof service.image }).toEqual({ name, image: 'string' });
        continue;
      }
      const dockerfile = service.build.dockerfile ?? 'Dockerfile';
      expect({ name, dockerfile, exists: existsSync(repoPath(service.build.context ?? '.', dockerfile)) }).toEqual({
        name,
        dockerfile,
        exists: true,
      });
    }
  });

  it('pins every third-party image to a version tag (no :latest, no untagged image)', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build) continue;
      expect({ name, image: service.image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:v?\d[\w.-]*$/) });
    }
    expect(svc('nginx').image).toBe('nginx:1.27-alpine');
    expect(svc('certbot').image).toMatch(/^certbot\/certbot:/);
  });

  it('node services run with an init process or tini, no new privileges and no capabilities', () => {
    for (const name of NODE_SERVICE_NAMES) {
      const service = svc(name) as ComposeService & { security_opt?: string[]; cap_drop?: string[] };
      expect(service.security_opt).toContain('no-new-privileges:true');
      expect(service.cap_drop).toEqual(['ALL']);
    }
  });

  it('nginx renders its templates into a writable conf.d that hides the image default', () => {
    const nginx = svc('nginx');
    expect(nginx.tmpfs).toEqual(['/etc/nginx/conf.d']);
    const targets = (nginx.volumes ?? []).map((v) => parseVolume(v).target);
    expect(targets).toEqual(expect.arrayContaining(['/etc/nginx/nginx.conf', '/etc/nginx/templates', '/etc/nginx/snippets']));
    expect(serviceEnv(nginx).NGINX_ENVSUBST_FILTER).toBe('DOMAIN');
  });
});

describe('docker-compose.yml environment (the variables the application reads)', () => {
  const interpolationsOf = (name: string): string[] =>
    [...rawCompose.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}/g)]
      .filter((match) => match[1] === name)
      .map((match) => match[2] ?? '');

  it.each(NODE_SERVICE_NAMES)('%s gets the shared node settings', (name) => {
    const env = serviceEnv(svc(name));
    expect(env).toMatchObject({
      NODE_ENV: 'production',
      BIND_HOST: '0.0.0.0',
      REDIS_URL: 'redis://redis:6379',
      IDENTITY_PORT: '4001',
      ADMIN_PORT: '4002',
      ANALYTICS_PORT: '8000',
      GATEWAY_PORT: '8080',
      IDENTITY_URL: 'http://identity:4001/graphql',
      ADMIN_URL: 'http://admin:4002/graphql',
      ANALYTICS_URL: 'http://analytics:8000/graphql',
    });
    expect(env.LOG_LEVEL).toMatch(/^\$\{LOG_LEVEL:-\w+\}$/);
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/cbp:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/cbp$/);
    expect(env.GATEWAY_SHARED_SECRET).toMatch(/^\$\{GATEWAY_SHARED_SECRET:\?[^}]+\}$/);
    expect(env.PUBLIC_URL).toMatch(/^https:\/\/\$\{DOMAIN:\?[^}]+\}$/);
    expect(env.JWT_ISSUER).toMatch(/^https:\/\/\$\{DOMAIN:\?[^}]+\}$/);
    expect(env[NODE_SERVICES[name].portVar]).toBe(String(NODE_SERVICES[name].port));
  });

  it('only identity gets KEY_ENCRYPTION_KEY and the mail settings, all required', () => {
    for (const name of Object.keys(services)) {
      const env = serviceEnv(svc(name));
      for (const variable of ['KEY_ENCRYPTION_KEY', 'SMTP_URL', 'MAIL_FROM']) {
        if (name === 'identity') {
          // identity refuses NODE_ENV=production without SMTP_URL: fail at `compose up`, not at start.
          expect({ variable, value: env[variable] }).toEqual({
            variable,
            value: expect.stringMatching(new RegExp(`^\\$\\{${variable}:\\?[^}]+\\}$`)),
          });
        } else {
          expect({ name, variable, present: variable in env }).toEqual({ name, variable, present: false });
        }
      }
    }
  });

  it('the gateway allows CORS from the public origin only', () => {
    expect(serviceEnv(svc('gateway')).CORS_ORIGINS).toMatch(/^https:\/\/\$\{DOMAIN:\?[^}]+\}$/);
  });

  it('TRUSTED_PROXIES is the subnet that requests arrive from', () => {
    const publicSubnet = compose.networks.public?.ipam?.config?.[0]?.subnet;
    const internalSubnet = compose.networks.internal?.ipam?.config?.[0]?.subnet;
    expect(serviceEnv(svc('gateway')).TRUSTED_PROXIES).toBe(publicSubnet);
    const nginxNetworks = svc('nginx').networks as Record<string, { ipv4_address?: string }>;
    const nginxAddress = nginxNetworks.public?.ipv4_address ?? '';
    expect(cidrContains(publicSubnet ?? '', nginxAddress)).toBe(true);
    for (const name of SUBGRAPHS) expect(serviceEnv(svc(name)).TRUSTED_PROXIES).toBe(internalSubnet);
  });

  it('required secrets and settings always use ${VAR:?message}', () => {
    for (const name of [
      'POSTGRES_PASSWORD',
      'GATEWAY_SHARED_SECRET',
      'KEY_ENCRYPTION_KEY',
      'DOMAIN',
      'GRAFANA_ADMIN_PASSWORD',
      'SMTP_URL',
      'MAIL_FROM',
    ]) {
      const uses = interpolationsOf(name);
      expect({ name, used: uses.length > 0 }).toEqual({ name, used: true });
      for (const modifier of uses) expect({ name, modifier }).toEqual({ name, modifier: expect.stringMatching(/^:\?.+/) });
    }
  });

  it('postgres, grafana, nginx and certbot get their own required settings', () => {
    const postgres = serviceEnv(svc('postgres'));
    expect(postgres).toMatchObject({ POSTGRES_USER: 'cbp', POSTGRES_DB: 'cbp' });
    expect(postgres.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(serviceEnv(svc('grafana')).GF_SECURITY_ADMIN_PASSWORD).toMatch(/^\$\{GRAFANA_ADMIN_PASSWORD:\?/);
    expect(serviceEnv(svc('grafana')).GF_SERVER_HTTP_PORT).toBe('3001');
    expect(serviceEnv(svc('nginx')).DOMAIN).toMatch(/^\$\{DOMAIN:\?/);
    expect(serviceEnv(svc('certbot')).DOMAIN).toMatch(/^\$\{DOMAIN:\?/);
  });

  it('infra/compose.env.example documents every variable compose reads from .env', () => {
    const example = readFileSync(repoPath('infra/compose.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const referenced = new Set([...rawCompose.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? ''));
    for (const [, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(serviceEnv(service))) if (value === null) referenced.add(key);
    }
    for (const name of referenced) expect({ name, documented: documented.has(name) }).toEqual({ name, documented: true });
    for (const name of [
      'DOMAIN',
      'POSTGRES_PASSWORD',
      'GATEWAY_SHARED_SECRET',
      'KEY_ENCRYPTION_KEY',
      'GRAFANA_ADMIN_PASSWORD',
      'SMTP_URL',
      'LETSENCRYPT_EMAIL',
    ]) {
      expect(documented.has(name)).toBe(true);
    }
  });
});

describe('.dockerignore', () => {
  const entries = readRepoFile('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('keeps dependencies, build output, local data, VCS and secrets out of the build context', () => {
    for (const entry of ['**/node_modules', '**/dist', '.data', '.git', '**/coverage', '.env', 'web/e2e']) {
      expect(entries).toContain(entry);
    }
  });

  it('does not exclude anything the Dockerfiles copy', () => {
    const dockerfiles = ['infra/docker/node-service.Dockerfile', 'infra/docker/web.Dockerfile'];
    const copied = dockerfiles.flatMap((file) =>
      [...readRepoFile(file).matchAll(/^COPY (?!--from)(?:--\S+ )*(.+) \S+$/gm)].flatMap((m) => (m[1] ?? '').split(/\s+/)),
    );
    expect(copied.length).toBeGreaterThan(10);
    for (const source of copied) {
      const clean = source.replace(/\/$/, '');
      for (const entry of entries.filter((e) => !e.startsWith('!'))) {
        const pattern = entry.replace(/^\*\*\//, '');
        const excluded =
          clean === entry || clean.startsWith(`${entry}/`) || (entry.startsWith('**/') && clean.split('/').includes(pattern));
        expect({ source, entry, excluded }).toEqual({ source, entry, excluded: false });
      }
    }
  });
});
