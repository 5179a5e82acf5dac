import type { MigrationEntry } from '@cbp/db';
import { Migration20261125000000AdminInit } from './20261125000000-init.js';
import { Migration20261204000500AdminAuditChainAnchor } from './20261204000500-audit-chain-anchor.js';

/** Every admin migration, in order. Append; never edit a migration that has shipped. */
export const adminMigrations: MigrationEntry[] = [
  { name: '20261125000000-init', class: Migration20261125000000AdminInit },
  { name: '20261204000500-audit-chain-anchor', class: Migration20261204000500AdminAuditChainAnchor },
];
