// The Kubernetes deployment (deploy/k8s): every overlay is rendered with `kubectl kustomize`, each object is checked
// against the Kubernetes schemas (kubernetes-models), and a checker enforces what the platform promises of a
// workload: probes, resources, a locked-down securityContext, pinned images, a PDB and a Service per Deployment,
// HPAs on real Deployments, compose's network segmentation, no secret values, and a complete configuration that
// each service's own config schema accepts in production. The checker is itself shown to fail on broken objects.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import type { IService } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { gatewayEnvSchema, loadGatewayConfig } from '../../gateway/src/config.js';
import { adminEnvSchema, loadAdminConfig } from '../../subgraphs/admin/src/config.js';
import { analyticsEnvSchema, loadAnalyticsConfig } from '../../subgraphs/analytics/src/config.js';
import { identityEnvSchema, loadIdentityConfig } from '../../subgraphs/identity/src/config.js';
import { checkToolPresence, findTool, readRepoFile, repoPath, run } from './tools.js';

const kubectl = findTool('kubectl', ['version', '--client']);
const itWithKubectl = kubectl ? it : it.skip;
const OVERLAYS = ['dev', 'prod'] as const;

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

type LabelSelector = NonNullable<NonNullable<IPodDisruptionBudget['spec']>['selector']>;
type PolicyPeer = NonNullable<NonNullable<NonNullable<INetworkPolicy['spec']>['ingress']>[number]['from']>[number];
type PolicyPort = NonNullable<NonNullable<NonNullable<INetworkPolicy['spec']>['ingress']>[number]['ports']>[number];

/** Every kind the deployment may contain, by `apiVersion/kind`; anything else is an error, not a silent pass. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
};

// ------------------------------------------------------------------------------------------------------------------
// Rendering
// ------------------------------------------------------------------------------------------------------------------
function render(overlay: string): Manifest[] {
  const result = run(kubectl ?? 'kubectl', ['kustomize', repoPath('deploy/k8s/overlays', overlay)]);
  if (result.status !== 0) throw new Error(`kubectl kustomize ${overlay} failed: ${result.stderr}`);
  return parseManifests(result.stdout);
}

function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`invalid YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS() as Manifest | null;
    })
    .filter((doc): doc is Manifest => doc !== null);
}

const cache = new Map<string, Manifest[]>();
function rendered(overlay: string): Manifest[] {
  if (!cache.has(overlay)) cache.set(overlay, render(overlay));
  // A deep copy: the breakage tests mutate what they get.
  return structuredClone(cache.get(overlay) ?? []);
}

// ------------------------------------------------------------------------------------------------------------------
// The checker: each function returns the problems it finds, one line each ("Kind/name: what is wrong").
// ------------------------------------------------------------------------------------------------------------------
const id = (m: Manifest): string => `${m.kind}/${m.metadata.name}`;
const ofKind = <T>(objects: Manifest[], kind: string): (T & Manifest)[] => objects.filter((m) => m.kind === kind) as (T & Manifest)[];

function schemaProblems(objects: Manifest[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    const Model = MODELS[`${object.apiVersion}/${object.kind}`];
    if (!Model) {
      problems.push(`${id(object)}: unknown kind ${object.apiVersion}/${object.kind} (add its model to the test)`);
      continue;
    }
    try {
      new Model(object as never).validate();
    } catch (err) {
      problems.push(`${id(object)}: schema: ${(err as Error).message}`);
    }
  }
  return problems;
}

function selects(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => have[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every((e) => {
    const value = have[e.key];
    if (e.operator === 'In') return value !== undefined && (e.values ?? []).includes(value);
    if (e.operator === 'NotIn') return value === undefined || !(e.values ?? []).includes(value);
    if (e.operator === 'Exists') return value !== undefined;
    return value === undefined;
  });
  return byLabels && byExpressions;
}

/** An image reference has a tag or a digest, and the tag is not `latest`. */
function imageProblem(image: string | undefined): string | undefined {
  if (!image) return 'has no image';
  if (image.includes('@sha256:')) return undefined;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon === -1) return `image ${image} has no tag`;
  if (lastSegment.slice(colon + 1) === 'latest') return `image ${image} uses the latest tag`;
  return undefined;
}

interface Workload {
  object: Manifest;
  labels: Record<string, string>;
  pod: IPodSpec;
  needsProbes: boolean;
}

function workloads(objects: Manifest[]): Workload[] {
  const out: Workload[] = [];
  for (const d of ofKind<IDeployment>(objects, 'Deployment')) {
    if (d.spec?.template.spec)
      out.push({ object: d, labels: d.spec.template.metadata?.labels ?? {}, pod: d.spec.template.spec, needsProbes: true });
  }
  // A Job runs to completion: nothing routes to it, so no probe.
  for (const j of ofKind<IJob>(objects, 'Job')) {
    if (j.spec?.template.spec)
      out.push({ object: j, labels: j.spec.template.metadata?.labels ?? {}, pod: j.spec.template.spec, needsProbes: false });
  }
  return out;
}

/** The non-root user each image runs as (USER in its Dockerfile; `node` is uid 1000 in the official node images). */
function imageUsers(): Record<string, number> {
  const users: Record<string, number> = {};
  const userOf = (dockerfile: string): number => {
    const matches = [...readRepoFile('infra/docker', dockerfile).matchAll(/^USER\s+(\S+)/gm)];
    const user = matches.at(-1)?.[1] ?? 'root';
    return user === 'node' ? 1000 : Number(user);
  };
  for (const service of ['gateway', 'identity', 'admin', 'analytics']) users[service] = userOf('node-service.Dockerfile');
  users.web = userOf('web.Dockerfile');
  users.migrate = userOf('migrate.Dockerfile');
  return users;
}

function containerProblems(
  workload: Workload,
  container: IContainer,
  kind: 'container' | 'initContainer',
  users: Record<string, number>,
): string[] {
  const where = `${id(workload.object)} ${kind} ${container.name}`;
  const problems: string[] = [];
  const pod = workload.pod.securityContext ?? {};
  const sc = container.securityContext ?? {};
  // Regular init containers cannot have probes; sidecars (restartPolicy Always) are long-running and need them.
  const probed = workload.needsProbes && (kind === 'container' || container.restartPolicy === 'Always');
  if (probed && !container.readinessProbe) problems.push(`${where}: no readinessProbe`);
  if (probed && !container.livenessProbe) problems.push(`${where}: no livenessProbe`);
  for (const side of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory']) {
      if (container.resources?.[side]?.[resource] === undefined) problems.push(`${where}: no ${side}.${resource}`);
    }
  }
  if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) problems.push(`${where}: runAsNonRoot is not true`);
  const uid = sc.runAsUser ?? pod.runAsUser;
  const expectedUid = users[workload.object.metadata.name];
  if (typeof uid !== 'number' || uid === 0) problems.push(`${where}: runAsUser is not a non-zero number`);
  else if (expectedUid !== undefined && uid !== expectedUid) problems.push(`${where}: runAsUser ${uid}, the image runs as ${expectedUid}`);
  if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`);
  if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
  if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${where}: capabilities do not drop ALL`);
  if (sc.capabilities?.add?.length) problems.push(`${where}: adds capabilities ${sc.capabilities.add.join(', ')}`);
  if ((sc.seccompProfile ?? pod.seccompProfile)?.type !== 'RuntimeDefault') problems.push(`${where}: seccompProfile is not RuntimeDefault`);
  const image = imageProblem(container.image);
  if (image) problems.push(`${where}: ${image}`);
  // A read-only root needs somewhere to write temporary files: /tmp on an emptyDir.
  const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
  const tmpVolume = workload.pod.volumes?.find((v) => v.name === tmp?.name);
  if (!tmp || !tmpVolume?.emptyDir || tmp.readOnly) problems.push(`${where}: no writable emptyDir on /tmp`);
  return problems;
}

function workloadProblems(objects: Manifest[]): string[] {
  const users = imageUsers();
  const problems: string[] = [];
  for (const workload of workloads(objects)) {
    if (workload.pod.automountServiceAccountToken !== false) problems.push(`${id(workload.object)}: mounts a service account token`);
    if (workload.pod.hostNetwork || workload.pod.hostPID || workload.pod.hostIPC)
      problems.push(`${id(workload.object)}: shares a host namespace`);
    if (workload.pod.containers.length === 0) problems.push(`${id(workload.object)}: no containers`);
    for (const c of workload.pod.containers) problems.push(...containerProblems(workload, c, 'container', users));
    for (const c of workload.pod.initContainers ?? []) problems.push(...containerProblems(workload, c, 'initContainer', users));
  }
  return problems;
}

function deploymentProblems(objects: Manifest[]): string[] {
  const problems: string[] = [];
  const pdbs = ofKind<IPodDisruptionBudget>(objects, 'PodDisruptionBudget');
  const services = ofKind<IService>(objects, 'Service');
  const hpas = ofKind<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler');
  const deployments = ofKind<IDeployment>(objects, 'Deployment');
  for (const d of deployments) {
    const labels = d.spec?.template.metadata?.labels;
    if (!pdbs.some((p) => selects(p.spec?.selector, labels))) problems.push(`${id(d)}: no PodDisruptionBudget selects its pods`);
    const service = services.find((s) => s.spec?.selector && selects({ matchLabels: s.spec.selector }, labels));
    if (!service) {
      problems.push(`${id(d)}: no Service selects its pods`);
    } else {
      const ports = (d.spec?.template.spec?.containers ?? []).flatMap((c) => c.ports ?? []);
      for (const port of service.spec?.ports ?? []) {
        const target = port.targetPort ?? port.port;
        if (!ports.some((p) => p.name === target || p.containerPort === target)) {
          problems.push(`${id(service)}: targetPort ${String(target)} is not a port of Deployment/${d.metadata.name}`);
        }
      }
    }
    const hpa = hpas.find((h) => h.spec?.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === d.metadata.name);
    // With both, every `kubectl apply` would reset the count the autoscaler chose.
    if (hpa && d.spec?.replicas !== undefined) problems.push(`${id(d)}: sets replicas although ${id(hpa)} owns the count`);
  }
  for (const h of hpas) {
    const target = h.spec?.scaleTargetRef;
    if (target?.kind !== 'Deployment' || !deployments.some((d) => d.metadata.name === target.name)) {
      problems.push(`${id(h)}: targets ${target?.kind ?? '?'}/${target?.name ?? '?'}, which is not a Deployment here`);
    }
    if ((h.spec?.minReplicas ?? 1) > (h.spec?.maxReplicas ?? 0)) problems.push(`${id(h)}: minReplicas above maxReplicas`);
  }
  for (const p of pdbs) {
    if (!deployments.some((d) => selects(p.spec?.selector, d.spec?.template.metadata?.labels)))
      problems.push(`${id(p)}: selects no Deployment`);
  }
  return problems;
}

function secretProblems(objects: Manifest[]): string[] {
  // Secrets are created by the operator and only referenced here (secretKeyRef, envFrom secretRef).
  return objects
    .filter((m) => m.kind === 'Secret')
    .map((m) => `${id(m)}: a Secret is defined in the repository${m.data || m.stringData ? ' with values' : ''}`);
}

// Peers as short strings, to compare the segmentation with what compose's networks allow.
const INGRESS_CONTROLLER = 'ns:ingress-nginx/ingress-nginx';
const PROMETHEUS = 'ns:monitoring/prometheus';
function peerName(peer: PolicyPeer): string {
  if (peer.ipBlock) return `ip:${peer.ipBlock.cidr}`;
  const pod = peer.podSelector?.matchLabels?.['app.kubernetes.io/name'] ?? '*';
  if (peer.namespaceSelector) return `ns:${peer.namespaceSelector.matchLabels?.['kubernetes.io/metadata.name'] ?? '*'}/${pod}`;
  return `pod:${pod}`;
}

/** Who may connect to each app (ingress), and which apps may leave on PostgreSQL's and Redis's ports (egress). */
const ALLOWED_CALLERS: Record<string, string[]> = {
  gateway: [INGRESS_CONTROLLER, PROMETHEUS],
  web: [INGRESS_CONTROLLER],
  identity: ['pod:gateway', 'pod:admin', PROMETHEUS],
  admin: ['pod:gateway', PROMETHEUS],
  analytics: ['pod:gateway', 'pod:admin', PROMETHEUS],
  migrate: [],
};
const DATA_PORTS: Record<number, string[]> = {
  5432: ['gateway', 'identity', 'admin', 'analytics', 'migrate'],
  6379: ['gateway', 'identity', 'admin', 'analytics'],
};

function networkProblems(objects: Manifest[]): string[] {
  const problems: string[] = [];
  const policies = ofKind<INetworkPolicy>(objects, 'NetworkPolicy');
  const denyAll = policies.some((p) => {
    const spec = p.spec;
    const selectsAll = spec?.podSelector && Object.keys(spec.podSelector).length === 0;
    const types = spec?.policyTypes ?? [];
    return selectsAll && types.includes('Ingress') && types.includes('Egress') && !spec?.ingress?.length && !spec?.egress?.length;
  });
  if (!denyAll) problems.push('NetworkPolicy: no default deny (empty podSelector, Ingress and Egress, no rules)');
  const appOf = (labels: Record<string, string>): string => labels['app.kubernetes.io/name'] ?? '?';
  for (const workload of workloads(objects)) {
    const app = appOf(workload.labels);
    const own = policies.filter(
      (p) => p.spec?.podSelector && Object.keys(p.spec.podSelector).length > 0 && selects(p.spec.podSelector, workload.labels),
    );
    if (!own.some((p) => p.spec?.podSelector.matchLabels?.['app.kubernetes.io/name'] === app)) {
      problems.push(`${id(workload.object)}: no NetworkPolicy of its own`);
    }
    const allowed = ALLOWED_CALLERS[app];
    if (!allowed) problems.push(`${id(workload.object)}: the test does not know who may call ${app}`);
    for (const policy of policies.filter((p) => selects(p.spec?.podSelector, workload.labels))) {
      for (const rule of policy.spec?.ingress ?? []) {
        const from = rule.from ?? [];
        if (from.length === 0) problems.push(`${id(policy)}: lets anyone reach ${app}`);
        for (const peer of from) {
          const name = peerName(peer);
          if (allowed && !allowed.includes(name)) problems.push(`${id(policy)}: lets ${name} reach ${app}`);
        }
      }
      for (const rule of policy.spec?.egress ?? []) {
        if (!rule.ports?.length) problems.push(`${id(policy)}: egress of ${app} without ports`);
        for (const port of rule.ports ?? ([] as PolicyPort[])) {
          const users = DATA_PORTS[Number(port.port)];
          if (users && !users.includes(app)) problems.push(`${id(policy)}: lets ${app} reach port ${String(port.port)}`);
        }
      }
    }
  }
  for (const [port, apps] of Object.entries(DATA_PORTS)) {
    for (const app of apps) {
      const labels = workloads(objects).find((w) => appOf(w.labels) === app)?.labels;
      const reaches = policies.some(
        (p) =>
          selects(p.spec?.podSelector, labels) &&
          (p.spec?.egress ?? []).some((r) => (r.ports ?? []).some((x) => Number(x.port) === Number(port))),
      );
      if (labels && !reaches) problems.push(`NetworkPolicy: ${app} cannot reach port ${port}`);
    }
  }
  return problems;
}

/** Paths the edge sends to the gateway (compose's nginx does the same); everything else goes to the SPA. */
const GATEWAY_PATHS = ['/graphql', '/auth', '/admin', '/.well-known', '/explorer'];
function ingressProblems(objects: Manifest[]): string[] {
  const ingresses = ofKind<IIngress>(objects, 'Ingress');
  if (ingresses.length !== 1) return [`Ingress: expected one, found ${ingresses.length}`];
  const ingress = ingresses[0] as IIngress & Manifest;
  const problems: string[] = [];
  if (!ingress.metadata.annotations?.['cert-manager.io/cluster-issuer']) problems.push(`${id(ingress)}: no cert-manager.io/cluster-issuer`);
  const rules = ingress.spec?.rules ?? [];
  const tlsHosts = (ingress.spec?.tls ?? []).flatMap((t) => t.hosts ?? []);
  if (rules.length === 0) problems.push(`${id(ingress)}: no rules`);
  for (const rule of rules) {
    if (!rule.host || rule.host.endsWith('.invalid'))
      problems.push(`${id(ingress)}: the overlay left the host at ${rule.host ?? '(none)'}`);
    if (rule.host && !tlsHosts.includes(rule.host)) problems.push(`${id(ingress)}: ${rule.host} has no TLS`);
    const backend = (path: string): string | undefined => rule.http?.paths.find((p) => p.path === path)?.backend.service?.name;
    for (const path of GATEWAY_PATHS) {
      if (backend(path) !== 'gateway') problems.push(`${id(ingress)}: ${path} does not go to the gateway`);
    }
    if (backend('/') !== 'web') problems.push(`${id(ingress)}: / does not go to web`);
    const services = ofKind<IService>(objects, 'Service').map((s) => s.metadata.name);
    for (const p of rule.http?.paths ?? []) {
      const name = p.backend.service?.name;
      if (!name || !services.includes(name)) problems.push(`${id(ingress)}: ${p.path ?? '?'} goes to a missing Service ${name ?? ''}`);
    }
  }
  return problems;
}

function manifestProblems(objects: Manifest[]): string[] {
  return [
    ...schemaProblems(objects),
    ...workloadProblems(objects),
    ...deploymentProblems(objects),
    ...secretProblems(objects),
    ...networkProblems(objects),
    ...ingressProblems(objects),
  ];
}

// ------------------------------------------------------------------------------------------------------------------
// Configuration: what each Deployment's environment resolves to, given placeholder values for its Secret keys.
// ------------------------------------------------------------------------------------------------------------------
// Generated per run: identity refuses a key-encryption key that is visibly not random.
const ASSERTION_KEYS = generateKeyPairSync('ed25519');
const SECRET_PLACEHOLDERS: Record<string, string> = {
  DATABASE_URL: 'postgresql://cbp:placeholder@cbp-rw.databases.svc:5432/cbp',
  REDIS_URL: 'redis://redis.databases.svc:6379',
  GATEWAY_ASSERTION_PRIVATE_KEY: ASSERTION_KEYS.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  GATEWAY_ASSERTION_PUBLIC_KEY: ASSERTION_KEYS.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  AUDIT_CHAIN_KEY: randomBytes(32).toString('base64url'),
  KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  SESSION_CACHE_MAC_KEY: randomBytes(32).toString('base64url'),
  SMTP_URL: 'smtp://smtp.example.com:587',
};

const SERVICES = {
  gateway: { schema: gatewayEnvSchema, load: loadGatewayConfig },
  identity: { schema: identityEnvSchema, load: loadIdentityConfig },
  admin: { schema: adminEnvSchema, load: loadAdminConfig },
  analytics: { schema: analyticsEnvSchema, load: loadAnalyticsConfig },
} as const;

interface ResolvedEnv {
  env: Record<string, string>;
  /** Variables that come from a Secret (optional references included). */
  fromSecrets: string[];
  problems: string[];
}

function resolveEnv(objects: Manifest[], deployment: IDeployment & Manifest): ResolvedEnv {
  const configMaps = ofKind<IConfigMap>(objects, 'ConfigMap');
  const env: Record<string, string> = {};
  const fromSecrets: string[] = [];
  const problems: string[] = [];
  for (const container of deployment.spec?.template.spec?.containers ?? []) {
    for (const source of container.envFrom ?? []) {
      if (source.secretRef) problems.push(`${id(deployment)}: envFrom a Secret: name its keys instead`);
      const name = source.configMapRef?.name;
      if (name === undefined) continue;
      const configMap = configMaps.find((c) => c.metadata.name === name);
      if (!configMap) problems.push(`${id(deployment)}: ConfigMap ${name} is not in the deployment`);
      Object.assign(env, configMap?.data ?? {});
    }
    for (const variable of container.env ?? []) {
      const ref = variable.valueFrom?.secretKeyRef;
      if (variable.value !== undefined) env[variable.name] = variable.value;
      else if (ref) {
        fromSecrets.push(variable.name);
        const placeholder = SECRET_PLACEHOLDERS[ref.key];
        if (placeholder === undefined && !ref.optional) problems.push(`${id(deployment)}: no placeholder for secret key ${ref.key}`);
        if (placeholder !== undefined && !ref.optional) env[variable.name] = placeholder;
      }
    }
  }
  return { env, fromSecrets, problems };
}

function configProblems(objects: Manifest[]): string[] {
  const problems: string[] = [];
  const known = new Set(Object.values(SERVICES).flatMap((s) => Object.keys(s.schema.shape)));
  for (const configMap of ofKind<IConfigMap>(objects, 'ConfigMap')) {
    for (const key of Object.keys(configMap.data ?? {})) {
      if (!known.has(key)) problems.push(`${id(configMap)}: ${key} is read by no service`);
    }
  }
  for (const [name, service] of Object.entries(SERVICES)) {
    const deployment = ofKind<IDeployment>(objects, 'Deployment').find((d) => d.metadata.name === name);
    if (!deployment) {
      problems.push(`Deployment/${name}: missing`);
      continue;
    }
    const { env, fromSecrets, problems: envProblems } = resolveEnv(objects, deployment);
    problems.push(...envProblems);
    // Explicit beats default: every variable the service reads is set by the deployment.
    for (const key of Object.keys(service.schema.shape)) {
      if (env[key] === undefined && !fromSecrets.includes(key)) problems.push(`${id(deployment)}: ${key} is not set`);
    }
    if (env.NODE_ENV !== 'production') problems.push(`${id(deployment)}: NODE_ENV is ${env.NODE_ENV ?? 'unset'}`);
    try {
      service.load(env);
    } catch (err) {
      problems.push(`${id(deployment)}: ${(err as Error).message}`);
    }
  }
  return problems;
}

// ------------------------------------------------------------------------------------------------------------------
// Tests
// ------------------------------------------------------------------------------------------------------------------
describe('kubectl', () => {
  it('is installed (required in CI: the kubectl package from pkgs.k8s.io, v1.27 or later for kustomize v5)', () => {
    checkToolPresence('kubectl', kubectl, 'kubectl');
  });
});

describe.each(OVERLAYS)('deploy/k8s/overlays/%s', (overlay) => {
  itWithKubectl('renders, and every object is a known kind that passes the Kubernetes schema', () => {
    const objects = rendered(overlay);
    expect(objects.length).toBeGreaterThan(20);
    expect(schemaProblems(objects)).toEqual([]);
  });

  itWithKubectl('passes every workload, Service, PDB, HPA, NetworkPolicy, Secret and Ingress check', () => {
    expect(manifestProblems(rendered(overlay))).toEqual([]);
  });

  itWithKubectl('has every workload the platform runs, and autoscales the gateway and identity', () => {
    const objects = rendered(overlay);
    const names = (kind: string): string[] => ofKind<Manifest>(objects, kind).map((m) => m.metadata.name);
    expect(names('Deployment').sort()).toEqual(['admin', 'analytics', 'gateway', 'identity', 'web']);
    expect(names('Job')).toEqual(['migrate']);
    expect(names('HorizontalPodAutoscaler').sort()).toEqual(['gateway', 'identity']);
    expect(ofKind<Manifest>(objects, 'HorizontalPodAutoscaler').every((h) => h.apiVersion === 'autoscaling/v2')).toBe(true);
    // The namespace enforces Pod Security "restricted" as a second line behind the checks above.
    const namespaces = ofKind<Manifest>(objects, 'Namespace');
    expect(namespaces.map((n) => n.metadata.labels?.['pod-security.kubernetes.io/enforce'])).toEqual(['restricted']);
    expect(objects.filter((m) => m.kind !== 'Namespace').every((m) => m.metadata.namespace === namespaces[0]?.metadata.name)).toBe(true);
  });

  itWithKubectl("configures every service completely, and each service's config schema accepts it in production", () => {
    expect(configProblems(rendered(overlay))).toEqual([]);
  });
});

describe('overlays differ where they should', () => {
  itWithKubectl('prod runs more replicas and larger limits than dev, with its own host and images', () => {
    const [dev, prod] = OVERLAYS.map((o) => rendered(o));
    const hpaMax = (objects: Manifest[], name: string): number =>
      ofKind<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler').find((h) => h.metadata.name === name)?.spec?.maxReplicas ?? 0;
    const replicas = (objects: Manifest[], name: string): number =>
      ofKind<IDeployment>(objects, 'Deployment').find((d) => d.metadata.name === name)?.spec?.replicas ?? 0;
    for (const name of ['gateway', 'identity']) expect(hpaMax(prod ?? [], name)).toBeGreaterThan(hpaMax(dev ?? [], name));
    for (const name of ['admin', 'analytics', 'web']) expect(replicas(prod ?? [], name)).toBeGreaterThan(replicas(dev ?? [], name));
    const host = (objects: Manifest[]): string | undefined => ofKind<IIngress>(objects, 'Ingress')[0]?.spec?.rules?.[0]?.host;
    expect(host(prod ?? [])).not.toEqual(host(dev ?? []));
  });
});

// The checker is only worth something if it fails: each case breaks a rendered object in memory and expects the
// problem to be reported.
describe('the checker reports broken manifests', () => {
  const deployment = (objects: Manifest[], name: string): IDeployment & Manifest => {
    const found = ofKind<IDeployment>(objects, 'Deployment').find((d) => d.metadata.name === name);
    if (!found) throw new Error(`no Deployment/${name}`);
    return found;
  };
  const container = (objects: Manifest[], name: string): IContainer => {
    const found = deployment(objects, name).spec?.template.spec?.containers[0];
    if (!found) throw new Error(`no container in Deployment/${name}`);
    return found;
  };

  const cases: [string, (objects: Manifest[]) => Manifest[], string][] = [
    [
      'a container without a readiness probe',
      (o) => {
        delete container(o, 'gateway').readinessProbe;
        return o;
      },
      'Deployment/gateway container gateway: no readinessProbe',
    ],
    [
      'a container without a liveness probe',
      (o) => {
        delete container(o, 'identity').livenessProbe;
        return o;
      },
      'Deployment/identity container identity: no livenessProbe',
    ],
    [
      'a container without a memory limit',
      (o) => {
        delete container(o, 'admin').resources?.limits?.memory;
        return o;
      },
      'Deployment/admin container admin: no limits.memory',
    ],
    [
      'a writable root file system',
      (o) => {
        const sc = container(o, 'web').securityContext;
        if (sc) sc.readOnlyRootFilesystem = false;
        return o;
      },
      'Deployment/web container web: readOnlyRootFilesystem is not true',
    ],
    [
      'capabilities kept',
      (o) => {
        const sc = container(o, 'analytics').securityContext;
        if (sc) sc.capabilities = { drop: ['NET_RAW'] };
        return o;
      },
      'Deployment/analytics container analytics: capabilities do not drop ALL',
    ],
    [
      'a user the image does not run as',
      (o) => {
        const sc = container(o, 'web').securityContext;
        if (sc) sc.runAsUser = 1000;
        return o;
      },
      'Deployment/web container web: runAsUser 1000, the image runs as 101',
    ],
    [
      'the latest tag',
      (o) => {
        container(o, 'gateway').image = 'registry.example.com/chat-bot-pro/gateway:latest';
        return o;
      },
      'uses the latest tag',
    ],
    [
      'an untagged image',
      (o) => {
        container(o, 'gateway').image = 'registry.example.com:5000/chat-bot-pro/gateway';
        return o;
      },
      'has no tag',
    ],
    [
      'a Deployment without a PDB',
      (o) => o.filter((m) => !(m.kind === 'PodDisruptionBudget' && m.metadata.name === 'web')),
      'Deployment/web: no PodDisruptionBudget',
    ],
    [
      'a Deployment without a Service',
      (o) => o.filter((m) => !(m.kind === 'Service' && m.metadata.name === 'admin')),
      'Deployment/admin: no Service selects',
    ],
    [
      'an HPA on a missing Deployment',
      (o) => {
        const hpa = ofKind<IHorizontalPodAutoscaler>(o, 'HorizontalPodAutoscaler').find((h) => h.metadata.name === 'identity');
        if (hpa?.spec) hpa.spec.scaleTargetRef.name = 'identity-v2';
        return o;
      },
      'HorizontalPodAutoscaler/identity: targets Deployment/identity-v2',
    ],
    [
      'replicas on an autoscaled Deployment',
      (o) => {
        const spec = deployment(o, 'gateway').spec;
        if (spec) spec.replicas = 2;
        return o;
      },
      'Deployment/gateway: sets replicas although',
    ],
    [
      'an app without a NetworkPolicy',
      (o) => o.filter((m) => !(m.kind === 'NetworkPolicy' && m.metadata.name === 'web')),
      'Deployment/web: no NetworkPolicy',
    ],
    ['no default deny', (o) => o.filter((m) => m.metadata.name !== 'default-deny'), 'no default deny'],
    [
      'the SPA allowed to reach PostgreSQL',
      (o) => {
        const policy = ofKind<INetworkPolicy>(o, 'NetworkPolicy').find((p) => p.metadata.name === 'allow-postgres-egress');
        const values = policy?.spec?.podSelector.matchExpressions?.[0]?.values;
        values?.push('web');
        return o;
      },
      'lets web reach port 5432',
    ],
    [
      'a subgraph open to every pod',
      (o) => {
        const policy = ofKind<INetworkPolicy>(o, 'NetworkPolicy').find((p) => p.metadata.name === 'admin');
        policy?.spec?.ingress?.push({ from: [{ podSelector: {} }] });
        return o;
      },
      'NetworkPolicy/admin: lets pod:* reach admin',
    ],
    [
      'a Secret with values',
      (o) => [...o, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cbp-secrets' }, stringData: { REDIS_URL: 'redis://x' } }],
      'Secret/cbp-secrets: a Secret is defined in the repository with values',
    ],
    [
      'an unknown kind',
      (o) => [...o, { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'postgres' } }],
      'StatefulSet/postgres: unknown kind apps/v1/StatefulSet',
    ],
    [
      'a schema error',
      (o) => {
        const port = container(o, 'identity').ports?.[0];
        if (port) port.containerPort = 'four thousand' as never;
        return o;
      },
      'Deployment/identity: schema: ',
    ],
    [
      'an API path routed to the SPA',
      (o) => {
        const path = ofKind<IIngress>(o, 'Ingress')[0]?.spec?.rules?.[0]?.http?.paths.find((p) => p.path === '/auth');
        if (path?.backend.service) path.backend.service.name = 'web';
        return o;
      },
      'Ingress/chat-bot-pro: /auth does not go to the gateway',
    ],
  ];

  itWithKubectl.each(cases)('%s', (_label, breakIt, expected) => {
    const objects = rendered('prod');
    expect(manifestProblems(objects)).toEqual([]);
    const problems = manifestProblems(breakIt(objects));
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  itWithKubectl('an unset or invalid configuration', () => {
    const objects = rendered('prod');
    const configMap = ofKind<IConfigMap>(objects, 'ConfigMap')[0];
    if (configMap?.data) {
      delete configMap.data.JWT_AUDIENCE;
      configMap.data.REFRESH_COOKIE_SECURE = 'false';
      configMap.data.ANALYTICS_PROT = '8000';
    }
    const problems = configProblems(objects);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Deployment/gateway: JWT_AUDIENCE is not set'),
        expect.stringContaining('REFRESH_COOKIE_SECURE: must be true when NODE_ENV=production'),
        expect.stringContaining('ANALYTICS_PROT is read by no service'),
      ]),
    );
  });
});
