// docker-compose.yml: the production-shaped stack (docs/design.md §2 (Processes and ports), §12 (Running it)). Parsed
// as compose parses it (YAML with merge keys); every property the operators and the application rely on is asserted
// here.
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
  'migrate',
  'backup',
  'identity',
  'admin',
  'analytics',
  'gateway',
  'web',
  'nginx',
  'certbot',
  'prometheus',
  'grafana',
  'alertmanager',
  'blackbox-exporter',
  'nginx-exporter',
  'postgres-exporter',
  'redis-exporter',
  'node-exporter',
];

/** Run once and exit (compose waits for service_completed_successfully): no restart, no health check. */
const ONE_SHOTS = ['migrate'];
const LONG_RUNNING = EXPECTED_SERVICES.filter((name) => !ONE_SHOTS.includes(name));
/** Images built FROM scratch: no shell, no wget, nothing to probe with. Prometheus's `up` for them is the check. */
const NO_PROBE_TOOL = ['nginx-exporter'];

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

  it.each(LONG_RUNNING)('%s has a restart policy', (name) => {
    expect(['unless-stopped', 'always']).toContain(svc(name).restart);
  });

  it.each(ONE_SHOTS)('%s runs once: no restart, no health check', (name) => {
    expect(svc(name).restart).toBe('no');
    expect(svc(name).healthcheck).toBeUndefined();
  });

  it.each(NO_PROBE_TOOL)('%s (no shell in its image) has no compose health check, and nothing waits on it', (name) => {
    expect(svc(name).healthcheck).toBeUndefined();
    for (const [dependent, service] of Object.entries(services)) {
      expect({ dependent, waitsOn: name in dependsOn(service) }).toEqual({ dependent, waitsOn: false });
    }
  });

  it.each(LONG_RUNNING.filter((name) => !NO_PROBE_TOOL.includes(name)))('%s has a curl-less health check with sane timings', (name) => {
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
    expect(svc('postgres').image).toMatch(/^postgres:16\.\d+-alpine(@sha256:[0-9a-f]{64})?$/);
    expect(healthcheckText(svc('postgres'))).toMatch(/^CMD pg_isready\b/);
    expect(svc('redis').image).toMatch(/^redis:7\.\d+-alpine(@sha256:[0-9a-f]{64})?$/);
    expect(healthcheckText(svc('redis'))).toBe('CMD redis-cli ping');
    const command = svc('redis').command;
    const commandText = Array.isArray(command) ? command.join(' ') : String(command);
    expect(commandText).toMatch(/--appendonly yes/);
    // Streams and the outbox relay must not be evicted under memory pressure.
    expect(commandText).toMatch(/--maxmemory-policy noeviction/);
  });

  // The gateway's /readyz needs every subgraph: as its container health check (which nginx waits on) one broken
  // analytics would keep the edge down. The gateway reports liveness; the subgraphs report readiness.
  it.each(NODE_SERVICE_NAMES)('%s probes its own port with node fetch: /healthz for the gateway, /readyz for a subgraph', (name) => {
    const { port } = NODE_SERVICES[name];
    const path = name === 'gateway' ? '/healthz' : '/readyz';
    const test = svc(name).healthcheck?.test as string[];
    expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(test[3]).toBe(`fetch('http://127.0.0.1:${port}${path}').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))`);
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
  it.each(SUBGRAPHS)('%s waits for healthy postgres and redis and for the migrations to have run', (name) => {
    expect(dependsOn(svc(name))).toEqual({
      postgres: 'service_healthy',
      redis: 'service_healthy',
      migrate: 'service_completed_successfully',
    });
  });

  it('migrate and backup wait for a healthy postgres only', () => {
    expect(dependsOn(svc('migrate'))).toEqual({ postgres: 'service_healthy' });
    expect(dependsOn(svc('backup'))).toEqual({ postgres: 'service_healthy' });
  });

  it('gateway waits for a healthy identity, but only for admin and analytics to have started', () => {
    expect(dependsOn(svc('gateway'))).toEqual({
      postgres: 'service_healthy',
      redis: 'service_healthy',
      identity: 'service_healthy',
      admin: 'service_started',
      analytics: 'service_started',
    });
  });

  it('nginx waits for a live gateway, a ready identity and web, and (with the tls profile) a certificate', () => {
    expect(dependsOn(svc('nginx'))).toEqual({
      gateway: 'service_healthy',
      identity: 'service_healthy',
      web: 'service_healthy',
      certbot: 'service_healthy',
    });
    // certbot is in the tls profile: without it nginx must still start (required: false).
    const deps = svc('nginx').depends_on as Record<string, { required?: boolean }>;
    expect(deps.certbot?.required).toBe(false);
    // Nothing nginx waits on may depend on admin or analytics being healthy.
    for (const name of ['gateway', 'identity', 'web']) {
      for (const [dep, condition] of Object.entries(dependsOn(svc(name)))) {
        if (dep === 'admin' || dep === 'analytics') expect({ name, dep, condition }).toEqual({ name, dep, condition: 'service_started' });
      }
    }
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

  it('has the edge, app, data, monitoring and egress networks, each with its own fixed subnet', () => {
    expect(Object.keys(compose.networks).sort()).toEqual(['app', 'data', 'edge', 'egress', 'monitoring']);
    // Only edge (published ports, certbot's way out) and egress (identity's SMTP) leave the host.
    for (const name of ['app', 'data', 'monitoring'])
      expect({ name, internal: compose.networks[name]?.internal }).toEqual({ name, internal: true });
    for (const name of ['edge', 'egress']) expect(compose.networks[name]?.internal).not.toBe(true);
    for (const name of Object.keys(compose.networks)) {
      expect(networkSubnet(name)).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    }
    const subnets = Object.keys(compose.networks).map(networkSubnet);
    expect(new Set(subnets).size).toBe(subnets.length);
  });

  it('puts each platform service on exactly its networks', () => {
    const expected: Record<string, string[]> = {
      postgres: ['data'],
      redis: ['data'],
      migrate: ['data'],
      backup: ['data'],
      identity: ['app', 'data', 'egress', 'monitoring'],
      admin: ['app', 'data', 'monitoring'],
      analytics: ['app', 'data', 'monitoring'],
      // Redis (rate limits, session cache) and identity.session_principals in PostgreSQL.
      gateway: ['app', 'data', 'monitoring'],
      web: ['app'],
      nginx: ['app', 'edge'],
      certbot: ['edge'],
      prometheus: ['monitoring'],
      grafana: ['edge', 'monitoring'],
    };
    for (const [name, networks] of Object.entries(expected)) {
      expect({ name, networks: serviceNetworks(svc(name)).sort() }).toEqual({ name, networks });
    }
  });

  it('grafana shares no network with postgres or redis; certbot shares none with the gateway', () => {
    const shared = (a: string, b: string): string[] => serviceNetworks(svc(a)).filter((n) => serviceNetworks(svc(b)).includes(n));
    expect(shared('grafana', 'postgres')).toEqual([]);
    expect(shared('grafana', 'redis')).toEqual([]);
    expect(shared('certbot', 'gateway')).toEqual([]);
  });

  it('only services on the monitoring network, besides the exporters that bridge to what they watch, join data', () => {
    // Whatever joins both monitoring and data can reach PostgreSQL: the node services and the two exporters only.
    const bridging = Object.entries(services)
      .filter(([, service]) => serviceNetworks(service).includes('monitoring') && serviceNetworks(service).includes('data'))
      .map(([name]) => name)
      .sort();
    expect(bridging).toEqual(['admin', 'analytics', 'gateway', 'identity', 'postgres-exporter', 'redis-exporter']);
  });

  it('gives identity alone an egress network (SMTP); it has no published ports and no other members', () => {
    const egressMembers = Object.entries(services)
      .filter(([, service]) => serviceNetworks(service).includes('egress'))
      .map(([name]) => name);
    expect(egressMembers).toEqual(['identity']);
    expect(publishedPorts(svc('identity'))).toEqual([]);
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
    backups: [{ service: 'backup', target: '/backups' }],
    'grafana-data': [{ service: 'grafana', target: '/var/lib/grafana' }],
    'alertmanager-data': [{ service: 'alertmanager', target: '/alertmanager' }],
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

  it('pins every third-party image to a full version tag, by digest or listed in infra/TODO-digest.txt', () => {
    const todo = readRepoFile('infra/TODO-digest.txt')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const [name, service] of Object.entries(services)) {
      if (service.build) continue;
      const image = service.image ?? '';
      expect({ name, image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:v?\d+\.\d+[\w.-]*(@sha256:[0-9a-f]{64})?$/) });
      if (!image.includes('@sha256:')) expect({ name, image, listed: todo.includes(image) }).toEqual({ name, image, listed: true });
    }
    expect(svc('nginx').image).toMatch(/^nginx:1\.27\.\d+-alpine(@sha256:[0-9a-f]{64})?$/);
    expect(svc('certbot').image).toMatch(/^certbot\/certbot:/);
  });

  it.each(['migrate', 'backup', ...NODE_SERVICE_NAMES, 'web'])('%s runs the image CI built, named by IMAGE_TAG (never latest)', (name) => {
    expect(svc(name).image).toMatch(/^\$\{IMAGE_PREFIX:-chat-bot-pro\}\/[a-z-]+:\$\{IMAGE_TAG:\?[^}]+\}$/);
  });

  it('says `latest` nowhere', () => {
    expect(rawCompose).not.toMatch(/:latest\b|:-latest\b/);
  });

  it('migrate and backup build from their own Dockerfiles', () => {
    expect(svc('migrate').build).toEqual({ context: '.', dockerfile: 'infra/docker/migrate.Dockerfile' });
    expect(svc('backup').build).toEqual({ context: '.', dockerfile: 'infra/docker/backup.Dockerfile' });
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
    expect(nginx.tmpfs).toEqual(expect.arrayContaining(['/etc/nginx/conf.d']));
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
      DB_MIGRATE_ON_START: 'false',
      IDENTITY_PORT: '4001',
      ADMIN_PORT: '4002',
      ANALYTICS_PORT: '8000',
      GATEWAY_PORT: '8080',
      IDENTITY_URL: 'http://identity:4001/graphql',
      ADMIN_URL: 'http://admin:4002/graphql',
      ANALYTICS_URL: 'http://analytics:8000/graphql',
    });
    expect(env.LOG_LEVEL).toMatch(/^\$\{LOG_LEVEL:-\w+\}$/);
    // Its own PostgreSQL role and Redis user, never the owner's (docs/operations.md, "Database and Redis roles").
    const upper = name.toUpperCase();
    expect(env.DATABASE_URL).toMatch(new RegExp(`^postgres://cbp_${name}:\\$\\{POSTGRES_${upper}_PASSWORD:\\?[^}]+\\}@postgres:5432/cbp$`));
    expect(env.REDIS_URL).toMatch(new RegExp(`^redis://cbp_${name}:\\$\\{REDIS_${upper}_PASSWORD:\\?[^}]+\\}@redis:6379$`));
    expect(env.GATEWAY_ASSERTION_PUBLIC_KEY).toMatch(/^\$\{GATEWAY_ASSERTION_PUBLIC_KEY:\?[^}]+\}$/);
    expect('GATEWAY_SHARED_SECRET' in env).toBe(false);
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

  it('only the gateway gets the assertion private key, and only admin the audit chain key, both required', () => {
    for (const name of Object.keys(services)) {
      const env = serviceEnv(svc(name));
      for (const [variable, owner] of [
        ['GATEWAY_ASSERTION_PRIVATE_KEY', 'gateway'],
        ['AUDIT_CHAIN_KEY', 'admin'],
      ] as const) {
        if (name === owner) expect(env[variable]).toMatch(new RegExp(`^\\$\\{${variable}:\\?[^}]+\\}$`));
        else expect({ name, variable, present: variable in env }).toEqual({ name, variable, present: false });
      }
    }
  });

  it('the gateway allows CORS from the public origin only', () => {
    expect(serviceEnv(svc('gateway')).CORS_ORIGINS).toMatch(/^https:\/\/\$\{DOMAIN:\?[^}]+\}$/);
  });

  it("the gateway's TRUSTED_PROXIES is nginx's fixed address; the subgraphs (which never read it) get none", () => {
    const appSubnet = compose.networks.app?.ipam?.config?.[0]?.subnet ?? '';
    const nginxNetworks = svc('nginx').networks as Record<string, { ipv4_address?: string }>;
    const nginxAddress = nginxNetworks.app?.ipv4_address ?? '';
    expect(cidrContains(appSubnet, nginxAddress)).toBe(true);
    expect(serviceEnv(svc('gateway')).TRUSTED_PROXIES).toBe(nginxAddress);
    for (const name of SUBGRAPHS) {
      expect({ name, set: 'TRUSTED_PROXIES' in serviceEnv(svc(name)) }).toEqual({ name, set: false });
      // If a subgraph ever reads it, this test must change with it.
      expect(readRepoFile(NODE_SERVICES[name].workspace, 'src/config.ts')).not.toContain('TRUSTED_PROXIES');
    }
  });

  it('required secrets and settings always use ${VAR:?message}', () => {
    for (const name of [
      'POSTGRES_PASSWORD',
      'GATEWAY_ASSERTION_PRIVATE_KEY',
      'GATEWAY_ASSERTION_PUBLIC_KEY',
      'AUDIT_CHAIN_KEY',
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
      'GATEWAY_ASSERTION_PRIVATE_KEY',
      'GATEWAY_ASSERTION_PUBLIC_KEY',
      'AUDIT_CHAIN_KEY',
      'KEY_ENCRYPTION_KEY',
      'GRAFANA_ADMIN_PASSWORD',
      'SMTP_URL',
      'LETSENCRYPT_EMAIL',
    ]) {
      expect(documented.has(name)).toBe(true);
    }
  });
});

type HardenedService = ComposeService & {
  read_only?: boolean;
  cap_drop?: string[];
  cap_add?: string[];
  security_opt?: string[];
  profiles?: string[];
  stop_grace_period?: string;
  deploy?: { resources?: { limits?: { memory?: string; cpus?: string; pids?: number } } };
};
const hardened = (name: string): HardenedService => svc(name) as HardenedService;

describe('docker-compose.yml hardening (every service)', () => {
  const ALL = Object.keys(services);

  it.each(ALL)('%s has memory, cpu and pids limits', (name) => {
    const limits = hardened(name).deploy?.resources?.limits;
    expect(limits?.memory).toMatch(/^\d+[mg]$/);
    expect(limits?.cpus).toMatch(/^\d+(\.\d+)?$/);
    expect(limits?.pids).toBeGreaterThanOrEqual(16);
  });

  it.each(ALL)('%s has a read-only root filesystem, no-new-privileges and drops every capability', (name) => {
    const service = hardened(name);
    expect(service.read_only).toBe(true);
    expect(service.security_opt).toContain('no-new-privileges:true');
    expect(service.cap_drop).toEqual(['ALL']);
  });

  it('adds back only the capabilities an entrypoint that starts as root needs', () => {
    const added = Object.fromEntries(
      ALL.map((name) => [name, [...(hardened(name).cap_add ?? [])].sort()]).filter(([, caps]) => (caps ?? []).length > 0),
    );
    // postgres/redis: chown their data and drop to their user (su-exec); nginx: binds 80/443, workers as `nginx`.
    expect(added).toEqual({
      postgres: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'],
      redis: ['CHOWN', 'SETGID', 'SETUID'],
      nginx: ['CHOWN', 'NET_BIND_SERVICE', 'SETGID', 'SETUID'],
    });
  });

  it('node services write only to a small /tmp', () => {
    for (const name of NODE_SERVICE_NAMES) expect(svc(name).tmpfs).toEqual(['/tmp:size=16m']);
  });

  it('postgres gets a minute to checkpoint on stop; prometheus retention is bounded by size too', () => {
    expect(hardened('postgres').stop_grace_period).toBe('60s');
    const command = (svc('prometheus').command ?? []) as string[];
    expect(command).toContain('--storage.tsdb.retention.time=15d');
    expect(command.some((arg) => /^--storage\.tsdb\.retention\.size=\$\{PROMETHEUS_RETENTION_SIZE:-\d+[GM]B\}$/.test(arg))).toBe(true);
  });

  it('certbot is in the tls profile; prometheus and grafana in monitoring; the platform itself in none', () => {
    expect(hardened('certbot').profiles).toEqual(['tls']);
    expect(hardened('prometheus').profiles).toEqual(['monitoring']);
    expect(hardened('grafana').profiles).toEqual(['monitoring']);
    for (const name of ['postgres', 'redis', 'migrate', 'backup', ...NODE_SERVICE_NAMES, 'web', 'nginx']) {
      expect({ name, profiles: hardened(name).profiles }).toEqual({ name, profiles: undefined });
    }
    for (const [name, service] of Object.entries(services) as [string, HardenedService][]) {
      for (const profile of service.profiles ?? [])
        expect({ name, profile, known: ['tls', 'monitoring'].includes(profile) }).toEqual({ name, profile, known: true });
    }
  });

  it('certbot keeps a persistent staging switch', () => {
    expect(serviceEnv(svc('certbot')).CERTBOT_STAGING).toBe('${CERTBOT_STAGING:-false}');
    expect(readRepoFile('infra/certbot/issue-certificate.sh')).toMatch(/CERTBOT_STAGING:-false\}" = "true"/);
  });

  it('backs up nightly into its own volume with the retention settings', () => {
    const env = serviceEnv(svc('backup'));
    expect(env).toMatchObject({
      BACKUP_DIR: '/backups',
      BACKUP_KEEP_DAILY: '${BACKUP_KEEP_DAILY:-7}',
      BACKUP_KEEP_WEEKLY: '${BACKUP_KEEP_WEEKLY:-4}',
    });
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/cbp:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/cbp$/);
    expect(svc('backup').command).toEqual(['--at', '${BACKUP_AT:-02:30}']);
  });
});

describe('infra/compose.env.example placeholders', () => {
  const example = readRepoFile('infra/compose.env.example');
  const valueOf = (name: string): string | undefined => new RegExp(`^${name}=(.*)$`, 'm').exec(example)?.[1];

  it.each([
    'LETSENCRYPT_EMAIL',
    'SMTP_URL',
    'IMAGE_TAG',
    'POSTGRES_PASSWORD',
    'GATEWAY_ASSERTION_PRIVATE_KEY',
    'GATEWAY_ASSERTION_PUBLIC_KEY',
    'AUDIT_CHAIN_KEY',
    'KEY_ENCRYPTION_KEY',
  ])('%s is empty, and compose requires it: an unedited copy does not start', (name) => {
    expect(valueOf(name)).toBe('');
    expect(rawCompose).toMatch(new RegExp(`\\$\\{${name}:\\?[^}]+\\}`));
    expect(rawCompose).not.toMatch(new RegExp(`\\$\\{${name}(:?-|\\})`));
  });

  it('starts the tls and monitoring profiles by default', () => {
    expect(valueOf('COMPOSE_PROFILES')).toBe('tls,monitoring');
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

describe('least privilege: PostgreSQL roles and Redis users', () => {
  const roleVariables = ['MIGRATOR', 'IDENTITY', 'ADMIN', 'ANALYTICS', 'GATEWAY'];

  it('postgres creates the migration role and one role per service at initialisation, with required passwords', () => {
    const postgres = svc('postgres');
    expect(postgres.volumes).toContain('./infra/postgres/initdb:/docker-entrypoint-initdb.d:ro');
    const env = serviceEnv(postgres);
    for (const role of roleVariables) {
      expect({ role, value: env[`POSTGRES_${role}_PASSWORD`] }).toEqual({
        role,
        value: expect.stringMatching(new RegExp(`^\\$\\{POSTGRES_${role}_PASSWORD:\\?`)),
      });
    }
    const init = readRepoFile('infra/postgres/initdb/10-service-roles.sh');
    for (const role of roleVariables) expect(init).toContain(`${role.toLowerCase()}_role=cbp_${role.toLowerCase()}`);
    // The postgres image runs an executable *.sh directly.
    expect(statSync(repoPath('infra/postgres/initdb/10-service-roles.sh')).mode & 0o111).not.toBe(0);
  });

  it('migrate connects as the migration role and grants each service role its share', () => {
    const env = serviceEnv(svc('migrate'));
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/cbp_migrator:\$\{POSTGRES_MIGRATOR_PASSWORD:\?[^}]+\}@postgres:5432\/cbp$/);
    expect(env).toMatchObject({
      DB_ROLE_IDENTITY: 'cbp_identity',
      DB_ROLE_ADMIN: 'cbp_admin',
      DB_ROLE_ANALYTICS: 'cbp_analytics',
      DB_ROLE_GATEWAY: 'cbp_gateway',
    });
  });

  it('no node service connects to PostgreSQL as the owner (`cbp`) or to Redis without a user', () => {
    for (const name of [...NODE_SERVICE_NAMES, 'migrate']) {
      const env = serviceEnv(svc(name));
      expect({ name, url: env.DATABASE_URL }).toEqual({ name, url: expect.not.stringMatching(/^postgres:\/\/cbp:/) });
      if (name !== 'migrate') expect({ name, url: env.REDIS_URL }).toEqual({ name, url: expect.stringMatching(/^redis:\/\/cbp_\w+:/) });
    }
  });

  it('redis renders its ACL users at start; each service and the exporter has one; anonymous connections may only PING', () => {
    const redis = svc('redis');
    expect(redis.entrypoint).toEqual(['/bin/sh', '/opt/cbp/redis/entrypoint.sh']);
    expect(redis.volumes).toContain('./infra/redis:/opt/cbp/redis:ro');
    const env = serviceEnv(redis);
    const template = readRepoFile('infra/redis/users.acl.template');
    for (const user of ['IDENTITY', 'GATEWAY', 'ADMIN', 'ANALYTICS', 'EXPORTER']) {
      expect({ user, value: env[`REDIS_${user}_PASSWORD`] }).toEqual({
        user,
        value: expect.stringMatching(new RegExp(`^\\$\\{REDIS_${user}_PASSWORD:\\?`)),
      });
      expect(template).toMatch(new RegExp(`^user cbp_${user.toLowerCase()} on #\\{\\{${user}_SHA256\\}\\} `, 'm'));
    }
    expect(template).toMatch(/^user default on nopass resetkeys resetchannels -@all \+ping$/m);
    expect(serviceEnv(svc('redis-exporter'))).toMatchObject({ REDIS_USER: 'cbp_exporter' });
  });

  it('identity and the gateway share the required session-cache MAC key; admin and analytics never see it', () => {
    for (const name of NODE_SERVICE_NAMES) {
      const value = serviceEnv(svc(name)).SESSION_CACHE_MAC_KEY;
      if (name === 'identity' || name === 'gateway')
        expect({ name, value }).toEqual({ name, value: expect.stringMatching(/^\$\{SESSION_CACHE_MAC_KEY:\?/) });
      else expect({ name, value }).toEqual({ name, value: undefined });
    }
  });
});
