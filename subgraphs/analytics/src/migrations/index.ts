import type { MigrationEntry } from '@cbp/db';
import { Migration20261125000000AnalyticsInit } from './20261125000000-init.js';

/** Every analytics migration, in order. Append; never edit a migration that has shipped. */
export const analyticsMigrations: MigrationEntry[] = [{ name: '20261125000000-init', class: Migration20261125000000AnalyticsInit }];
