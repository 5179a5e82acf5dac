import { Migration } from '@cbp/db';

/**
 * The refresh grace (docs/design.md §5 (Authentication model)): each rotated refresh token remembers the token its
 * rotation issued, and when its one grace reuse happened.
 */
export class Migration20261204000200RefreshGrace extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "identity"."refresh_tokens" add column "replaced_by_id" uuid null, add column "grace_used_at" timestamptz null`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "identity"."refresh_tokens" drop column if exists "replaced_by_id", drop column if exists "grace_used_at"`);
  }
}
