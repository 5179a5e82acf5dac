// What `npm run start:services` starts: which services, how many of each, on which ports
// (docs/design.md §2 (Processes and ports), §12 (Running it)).
import path from 'node:path';

export const SERVICES = ['identity', 'admin', 'analytics', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const MAX_REPLICAS = 9;

/** The process entry point of each service (what containers run as `node dist/main.js`). */
export const ENTRY_POINTS: Record<ServiceName, string> = {
  identity: path.join('subgraphs', 'identity', 'src', 'main.ts'),
  admin: path.join('subgraphs', 'admin', 'src', 'main.ts'),
  analytics: path.join('subgraphs', 'analytics', 'src', 'main.ts'),
  gateway: path.join('gateway', 'src', 'main.ts'),
};

/** The variable that sets each service's port, and its default. */
export const PORT_VARIABLES: Record<ServiceName, { name: string; fallback: number }> = {
  identity: { name: 'IDENTITY_PORT', fallback: 4001 },
  admin: { name: 'ADMIN_PORT', fallback: 4002 },
  analytics: { name: 'ANALYTICS_PORT', fallback: 8000 },
  gateway: { name: 'GATEWAY_PORT', fallback: 8080 },
};

/** Replicas of one service sit this far apart, so 4001, 4011, 4021 … never meet admin's 4002, 4012 … */
export const REPLICA_PORT_STEP = 10;

export class PlanError extends Error {}

/** `gateway=2,identity=2`: one replica of every service not named. */
export function parseReplicas(spec: string | undefined): Record<ServiceName, number> {
  const counts: Record<ServiceName, number> = { identity: 1, admin: 1, analytics: 1, gateway: 1 };
  if (spec === undefined || spec.trim() === '') return counts;
  for (const part of spec.split(',')) {
    const match = /^\s*([a-z]+)\s*=\s*(\d+)\s*$/.exec(part);
    if (!match) throw new PlanError(`--replicas: "${part}" is not service=count (e.g. gateway=2,identity=2)`);
    const [, name, count] = match;
    if (!(SERVICES as readonly string[]).includes(name!)) {
      throw new PlanError(`--replicas: unknown service "${name}" (one of ${SERVICES.join(', ')})`);
    }
    const n = Number(count);
    if (n < 1 || n > MAX_REPLICAS) throw new PlanError(`--replicas: ${name} must have 1 to ${MAX_REPLICAS} replicas`);
    counts[name as ServiceName] = n;
  }
  return counts;
}

/** The `--replicas` value of the command line (`--replicas x=2` or `--replicas=x=2`). */
export function replicasArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--replicas') {
      const value = argv[i + 1];
      if (value === undefined) throw new PlanError('--replicas needs a value (e.g. gateway=2,identity=2)');
      return value;
    }
    if (arg.startsWith('--replicas=')) return arg.slice('--replicas='.length);
    throw new PlanError(`unknown argument "${arg}" (only --replicas service=count,… is understood)`);
  }
  return undefined;
}

function portOf(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PlanError(`${name}: must be a port number (0 = any free port)`);
  return port;
}

export interface PortPlan {
  /** Each replica's port, in replica order; 0 means "any free port" (chosen at start). */
  replicas: Record<ServiceName, number[]>;
  /** Where nginx listens in front of several gateways; null with one gateway (it is the public port itself). */
  publicGatewayPort: number | null;
}

/**
 * Replica i of a subgraph listens on its port variable plus 10·i. One gateway listens on GATEWAY_PORT; several sit
 * behind nginx on GATEWAY_PUBLIC_PORT (default GATEWAY_PORT, 8080) and take the ports just above it.
 */
export function planPorts(env: Record<string, string | undefined>, counts: Record<ServiceName, number>): PortPlan {
  const replicas = {} as Record<ServiceName, number[]>;
  for (const service of SERVICES) {
    const { name, fallback } = PORT_VARIABLES[service];
    const base = portOf(env, name, fallback);
    replicas[service] = Array.from({ length: counts[service] }, (_, i) => (base === 0 ? 0 : base + REPLICA_PORT_STEP * i));
  }
  let publicGatewayPort: number | null = null;
  if (counts.gateway > 1) {
    const gatewayBase = portOf(env, PORT_VARIABLES.gateway.name, PORT_VARIABLES.gateway.fallback);
    publicGatewayPort = portOf(env, 'GATEWAY_PUBLIC_PORT', gatewayBase);
    const first = publicGatewayPort;
    replicas.gateway = Array.from({ length: counts.gateway }, (_, i) => (first === 0 ? 0 : first + 1 + i));
  }
  const all = [...Object.values(replicas).flat(), ...(publicGatewayPort === null ? [] : [publicGatewayPort])].filter((p) => p !== 0);
  const clash = all.find((port, i) => all.indexOf(port) !== i);
  if (clash !== undefined) throw new PlanError(`port ${clash} would be used twice: move one of the *_PORT bases`);
  const high = all.find((port) => port > 65535);
  if (high !== undefined) throw new PlanError(`port ${high} is beyond 65535: lower the *_PORT bases`);
  return { replicas, publicGatewayPort };
}
