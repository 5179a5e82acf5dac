// `npm run start:services [--replicas gateway=2,identity=2,…]`: every service as its own Node process on a real
// PostgreSQL and Redis, the shape compose and Kubernetes run (docs/design.md §2 (Processes and ports), §12
// (Running it)). Services are stateless, so any number of replicas of each can run side by side; several gateways
// get nginx in front of them as in production.
//
// Children run the TypeScript sources (node with tsx and the `source` condition), like every other script: a
// built dist/ can be stale, and a replica running yesterday's code is the last thing a local run should hide.
// A child that dies unexpectedly is reported and restarted on its port after a back-off (like compose's
// `restart: unless-stopped`); the others keep serving, and the gateways skip it meanwhile.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ConfigError } from '@cbp/config';
import { loadAdminConfig } from '../subgraphs/admin/src/config.js';
import { loadAnalyticsConfig } from '../subgraphs/analytics/src/config.js';
import { loadIdentityConfig } from '../subgraphs/identity/src/config.js';
import { loadGatewayConfig } from '../gateway/src/config.js';
import { devSecrets, ROOT } from './platform.js';
import type { Env } from './platform.js';
import { nginxBinary, prepareNginx } from './services/local-nginx.js';
import { ENTRY_POINTS, parseReplicas, PlanError, planPorts, replicasArgument, SERVICES } from './services/service-plan.js';
import type { ServiceName } from './services/service-plan.js';

const envFile = path.join(ROOT, '.env');
if (fs.existsSync(envFile)) process.loadEnvFile(envFile);

/** How long a service may take to answer /readyz before the start is abandoned. */
const READY_TIMEOUT_MS = Number(process.env.START_SERVICES_READY_TIMEOUT_MS || 90_000);
/** How long children get to finish after SIGTERM before they are killed. */
const STOP_GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS || 10_000) + 5000;

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

interface Member {
  label: string;
  service: ServiceName | 'nginx' | 'migrate';
  command: string;
  args: string[];
  env: Env;
  url: string;
  child: ChildProcess | null;
  exited: Promise<void>;
  restarts: number;
}

const members: Member[] = [];
let stopping = false;
let started = false;

function spawnMember(member: Member): void {
  // Its own process group: a Ctrl-C in the terminal reaches only this launcher, which stops children in order.
  const child = spawn(member.command, member.args, { cwd: ROOT, env: member.env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  member.child = child;
  member.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      member.child = null;
      resolve();
      if (stopping || member.service === 'migrate') return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (!started) {
        console.error(`✖ ${member.label} (pid ${child.pid}) exited during start-up (${how}).`);
        void stopAll().then(() => process.exit(1));
        return;
      }
      const delay = Math.min(30_000, 1000 * 2 ** Math.min(member.restarts, 5));
      member.restarts += 1;
      console.error(`✖ ${member.label} (pid ${child.pid}) exited unexpectedly (${how}); restarting it in ${delay / 1000} s.`);
      setTimeout(() => {
        if (stopping) return;
        spawnMember(member);
        console.log(`  ${member.label} restarted: pid ${member.child?.pid}`);
      }, delay).unref();
    });
  });
}

function member(label: string, service: Member['service'], command: string, args: string[], env: Env, url: string): Member {
  const m: Member = { label, service, command, args, env, url, child: null, exited: Promise.resolve(), restarts: 0 };
  members.push(m);
  spawnMember(m);
  return m;
}

const nodeArgs = (entry: string) => ['--conditions=source', '--import', 'tsx', entry];

/** Stops nginx and the gateways first (no new requests), then the subgraphs; SIGKILL after the grace. */
async function stopAll(): Promise<void> {
  stopping = true;
  const order: Member['service'][][] = [['nginx'], ['gateway'], ['identity', 'admin', 'analytics', 'migrate']];
  for (const services of order) {
    const batch = members.filter((m) => services.includes(m.service) && m.child);
    for (const m of batch) m.child?.kill(m.service === 'nginx' ? 'SIGQUIT' : 'SIGTERM');
    const killer = setTimeout(() => {
      for (const m of batch) {
        if (!m.child) continue;
        console.error(`  ${m.label} (pid ${m.child.pid}) did not stop within ${STOP_GRACE_MS} ms; killing it`);
        m.child.kill('SIGKILL');
      }
    }, STOP_GRACE_MS);
    await Promise.all(batch.map((m) => m.exited));
    clearTimeout(killer);
    for (const m of batch) console.log(`  stopped ${m.label}`);
  }
}

// The same Ctrl-C can arrive twice (npm relays it too); only a later, deliberate second one forces the exit.
let stoppingSince = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stoppingSince > 0) {
      if (Date.now() - stoppingSince > 1000) {
        for (const m of members) m.child?.kill('SIGKILL');
        process.exit(1);
      }
      return;
    }
    stoppingSince = Date.now();
    console.log(`\nStopping (${signal})…`);
    void stopAll().then(() => process.exit(0));
  });
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(m: Member, probe: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!m.child) throw new Error(`${m.label} exited before it was ready`);
    try {
      const response = await fetch(probe, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${m.label} did not answer ${probe} within ${READY_TIMEOUT_MS / 1000} s (last: ${last})`);
}

function runMigrations(env: Env): Promise<void> {
  const m = member('migrate', 'migrate', process.execPath, nodeArgs(path.join('scripts', 'migrate.ts')), env, '');
  return new Promise((resolve, reject) => {
    m.child?.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`migrations failed (exit code ${code})`))));
  });
}

async function main(): Promise<void> {
  const env: Env = { ...process.env };
  env.NODE_ENV ||= 'production';
  env.LOG_LEVEL ||= 'info';
  const missing = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !env[name]);
  if (missing.length > 0) {
    fail(
      `npm run start:services needs ${missing.join(' and ')} (a real PostgreSQL and Redis); npm start runs on embedded defaults instead.`,
    );
  }
  Object.assign(env, devSecrets(env));

  const counts = parseReplicas(replicasArgument(process.argv.slice(2)));
  const plan = planPorts(env, counts);
  const host = env.BIND_HOST || '127.0.0.1';
  // Where the others reach a replica: a wildcard bind is reached on loopback.
  const reachHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  for (const service of SERVICES) {
    plan.replicas[service] = await Promise.all(plan.replicas[service].map((port) => (port === 0 ? freePort(host) : port)));
  }
  const publicPort = plan.publicGatewayPort === 0 ? await freePort(host) : plan.publicGatewayPort;
  const origins = (service: ServiceName) => plan.replicas[service].map((port) => `http://${reachHost}:${port}`);
  const graphqlUrls = (service: ServiceName) => origins(service).map((origin) => `${origin}/graphql`);

  const envOf: Record<ServiceName, (port: number) => Env> = {
    identity: (port) => ({ ...env, IDENTITY_PORT: String(port) }),
    analytics: (port) => ({ ...env, ANALYTICS_PORT: String(port) }),
    // admin's overview looks at one URL per subgraph: the first replica.
    admin: (port) => ({
      ...env,
      ADMIN_PORT: String(port),
      IDENTITY_URL: graphqlUrls('identity')[0],
      ANALYTICS_URL: graphqlUrls('analytics')[0],
    }),
    gateway: (port) => ({
      ...env,
      GATEWAY_PORT: String(port),
      IDENTITY_URL: graphqlUrls('identity').join(','),
      ADMIN_URL: graphqlUrls('admin').join(','),
      ANALYTICS_URL: graphqlUrls('analytics').join(','),
      // Behind the local nginx the client's address arrives in X-Forwarded-For (rate limits are per client IP).
      ...(publicPort !== null && !env.TRUSTED_PROXIES ? { TRUSTED_PROXIES: '127.0.0.1' } : {}),
    }),
  };
  // Every configuration is checked before anything starts: one clear line instead of a child's crash.
  const loaders = { identity: loadIdentityConfig, admin: loadAdminConfig, analytics: loadAnalyticsConfig, gateway: loadGatewayConfig };
  for (const service of SERVICES) loaders[service](envOf[service](plan.replicas[service][0]!));
  const nginx = publicPort === null ? null : nginxBinary();
  if (publicPort !== null && !nginx) fail('several gateways run behind nginx, and none is installed (apt-get install -y nginx).');

  console.log(`Migrating (${new URL(env.DATABASE_URL!).host})…`);
  await runMigrations(env);

  const startService = (service: ServiceName) =>
    plan.replicas[service].map((port, i) => {
      const label = counts[service] > 1 ? `${service}#${i + 1}` : service;
      return member(label, service, process.execPath, nodeArgs(ENTRY_POINTS[service]), envOf[service](port), `http://${reachHost}:${port}`);
    });
  // Subgraphs first (the gateways' readiness asks them), then the gateways.
  const subgraphs = [...startService('identity'), ...startService('admin'), ...startService('analytics')];
  await Promise.all(subgraphs.map((m) => waitReady(m, `${m.url}/readyz`)));
  const gateways = startService('gateway');
  await Promise.all(gateways.map((m) => waitReady(m, `${m.url}/readyz`)));

  let publicUrl = gateways[0]!.url;
  let nginxDir: string | null = null;
  if (publicPort !== null && nginx) {
    const prepared = prepareNginx({
      root: ROOT,
      binary: nginx,
      host,
      port: publicPort,
      gateways: plan.replicas.gateway.map((p) => `${reachHost}:${p}`),
    });
    nginxDir = prepared.dir;
    publicUrl = `http://${reachHost}:${publicPort}`;
    const proxy = member('nginx', 'nginx', prepared.command, prepared.args, env, publicUrl);
    await waitReady(proxy, `${publicUrl}/readyz`);
  }
  if (nginxDir) {
    const dir = nginxDir;
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  started = true;

  const rows = members
    .filter((m) => m.service !== 'migrate')
    .map((m) => `    ${m.label.padEnd(12)} ${m.url.padEnd(24)} pid ${m.child?.pid}`)
    .join('\n');
  console.log(`
  Chat Bot Pro V2 is running as separate processes (NODE_ENV=${env.NODE_ENV}).

    GraphQL API       ${publicUrl}/graphql
    Health            ${publicUrl}/readyz
    JWKS              ${publicUrl}/.well-known/jwks.json

${rows}

    Database          PostgreSQL at ${new URL(env.DATABASE_URL!).host}
    Redis             Redis at ${new URL(env.REDIS_URL!).host}

  Press Ctrl-C to stop.
`);
}

try {
  await main();
} catch (err) {
  if (err instanceof ConfigError || err instanceof PlanError) console.error(`✖ ${err.message}`);
  else console.error('✖ The services could not start:', (err as Error).message);
  await stopAll();
  process.exit(1);
}
