import type { MigrationEntry } from '@cbp/db';
import { Migration20261125000000Init } from './20261125000000-init.js';
import { Migration20261125000100SigningKeys } from './20261125000100-signing-keys.js';
import { Migration20261125000200Sessions } from './20261125000200-sessions.js';
import { Migration20261125000300Mfa } from './20261125000300-mfa.js';
import { Migration20261125000400Rbac } from './20261125000400-rbac.js';
import { Migration20261125000500Invitations } from './20261125000500-invitations.js';
import { Migration20261204000100PendingCredentialsAndLockoutKeys } from './20261204000100-pending-credentials-and-lockout-keys.js';
import { Migration20261204000200RefreshGrace } from './20261204000200-refresh-grace.js';
import { Migration20261204000400EmailChangeTokens } from './20261204000400-email-change-tokens.js';

/** Every identity migration, in order. Append; never edit a migration that has shipped. */
export const identityMigrations: MigrationEntry[] = [
  { name: '20261125000000-init', class: Migration20261125000000Init },
  { name: '20261125000100-signing-keys', class: Migration20261125000100SigningKeys },
  { name: '20261125000200-sessions', class: Migration20261125000200Sessions },
  { name: '20261125000300-mfa', class: Migration20261125000300Mfa },
  { name: '20261125000400-rbac', class: Migration20261125000400Rbac },
  { name: '20261125000500-invitations', class: Migration20261125000500Invitations },
  { name: '20261204000100-pending-credentials-and-lockout-keys', class: Migration20261204000100PendingCredentialsAndLockoutKeys },
  { name: '20261204000200-refresh-grace', class: Migration20261204000200RefreshGrace },
  { name: '20261204000400-email-change-tokens', class: Migration20261204000400EmailChangeTokens },
];
