import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** A gateway assertion key pair as configuration holds it (PEM), made fresh for one test platform. */
export interface GatewayAssertionKeys {
  /** GATEWAY_ASSERTION_PRIVATE_KEY, the gateway's. */
  privateKey: string;
  /** GATEWAY_ASSERTION_PUBLIC_KEY, the subgraphs'. */
  publicKey: string;
  /** The private key, ready to sign with (playing the gateway). */
  signingKey: KeyObject;
}

export function gatewayAssertionKeys(): GatewayAssertionKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    signingKey: privateKey,
  };
}
