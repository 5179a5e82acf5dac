import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** The subgraphs, in composition order, with the URLs written into the checked-in supergraph (the gateway
 * replaces them with IDENTITY_URL, ADMIN_URL and ANALYTICS_URL at run time). */
export const SUBGRAPHS = [
  { name: 'identity', url: 'http://127.0.0.1:4001/graphql' },
  { name: 'admin', url: 'http://127.0.0.1:4002/graphql' },
  { name: 'analytics', url: 'http://127.0.0.1:8000/graphql' },
] as const;

export const SCHEMA_DIR = fileURLToPath(new URL('.', import.meta.url));
export const SUPERGRAPH_PATH = `${SCHEMA_DIR}supergraph.graphql`;

/** Composes the checked-in subgraph SDL; throws with every composition error when it fails. */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map(({ name, url }) => ({ name, url, typeDefs: parse(fs.readFileSync(`${SCHEMA_DIR}${name}.graphql`, 'utf8')) })),
  );
  if (result.errors) throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return `${result.supergraphSdl.trimEnd()}\n`;
}
