import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gql } from 'graphql-tag';
import type { DocumentNode } from 'graphql';

/** The repository's `schema/` folder: the checked-in SDL is the single source of each subgraph's schema. */
export const SCHEMA_DIR = fileURLToPath(new URL('../../../schema/', import.meta.url));

/** Parses `schema/<subgraph>.graphql`. */
export function loadSubgraphTypeDefs(subgraph: string): DocumentNode {
  return gql(fs.readFileSync(`${SCHEMA_DIR}${subgraph}.graphql`, 'utf8'));
}
