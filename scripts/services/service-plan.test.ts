// Rule: `--replicas service=count,…` names known services with 1 to 9 replicas; replica i of a subgraph listens on
// its port variable plus 10·i, several gateways sit just above nginx's public port, and no port is used twice.
import { describe, expect, it } from '@jest/globals';
import { parseReplicas, planPorts, replicasArgument } from './service-plan.js';

describe('parseReplicas', () => {
  it('starts one of each service unless told otherwise', () => {
    expect(parseReplicas(undefined)).toEqual({ identity: 1, admin: 1, analytics: 1, gateway: 1 });
    expect(parseReplicas('gateway=2, identity=3')).toEqual({ identity: 3, admin: 1, analytics: 1, gateway: 2 });
  });

  it('refuses unknown services, bad counts and bad syntax with a line naming the problem', () => {
    expect(() => parseReplicas('web=2')).toThrow(/unknown service "web"/);
    expect(() => parseReplicas('gateway=0')).toThrow(/1 to 9 replicas/);
    expect(() => parseReplicas('gateway=10')).toThrow(/1 to 9 replicas/);
    expect(() => parseReplicas('gateway')).toThrow(/not service=count/);
  });
});

describe('replicasArgument', () => {
  it('reads both spellings and refuses anything else', () => {
    expect(replicasArgument([])).toBeUndefined();
    expect(replicasArgument(['--replicas', 'gateway=2'])).toBe('gateway=2');
    expect(replicasArgument(['--replicas=gateway=2'])).toBe('gateway=2');
    expect(() => replicasArgument(['--replicas'])).toThrow(/needs a value/);
    expect(() => replicasArgument(['--replica=gateway=2'])).toThrow(/unknown argument/);
  });
});

describe('planPorts', () => {
  const counts = (gateway: number, identity: number) => ({ identity, admin: 1, analytics: 1, gateway });

  it('uses the default ports with one of each', () => {
    expect(planPorts({}, counts(1, 1))).toEqual({
      replicas: { identity: [4001], admin: [4002], analytics: [8000], gateway: [8080] },
      publicGatewayPort: null,
    });
  });

  it('spaces replicas 10 apart and puts several gateways above nginx', () => {
    const plan = planPorts({ IDENTITY_PORT: '5001' }, counts(2, 3));
    expect(plan.replicas.identity).toEqual([5001, 5011, 5021]);
    expect(plan.replicas.gateway).toEqual([8081, 8082]);
    expect(plan.publicGatewayPort).toBe(8080);
    expect(planPorts({ GATEWAY_PUBLIC_PORT: '9000' }, counts(2, 1)).replicas.gateway).toEqual([9001, 9002]);
  });

  it('leaves 0 (any free port) to be chosen at start', () => {
    const plan = planPorts({ IDENTITY_PORT: '0', GATEWAY_PORT: '0' }, counts(2, 2));
    expect(plan.replicas.identity).toEqual([0, 0]);
    expect(plan.replicas.gateway).toEqual([0, 0]);
    expect(plan.publicGatewayPort).toBe(0);
  });

  it('refuses plans whose ports collide or overflow', () => {
    expect(() => planPorts({ ADMIN_PORT: '4011' }, counts(1, 2))).toThrow(/port 4011 would be used twice/);
    expect(() => planPorts({ IDENTITY_PORT: '65530' }, counts(1, 2))).toThrow(/beyond 65535/);
    expect(() => planPorts({ IDENTITY_PORT: 'x' }, counts(1, 1))).toThrow(/IDENTITY_PORT: must be a port number/);
  });
});
