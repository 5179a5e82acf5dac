import type { MigrationEntry } from '@cbp/db';
import { Migration20261125000000Init } from './20261125000000-init.js';
import { Migration20261125000100SigningKeys } from './20261125000100-signing-keys.js';
import { Migration20261125000200Sessions } from './20261125000200-sessions.js';

/** Every identity migration, in order. Append; never edit a migration that has shipped. */
export const identityMigrations: MigrationEntry[] = [
  { name: '20261125000000-init', class: Migration20261125000000Init },
  { name: '20261125000100-signing-keys', class: Migration20261125000100SigningKeys },
  { name: '20261125000200-sessions', class: Migration20261125000200Sessions },
];
