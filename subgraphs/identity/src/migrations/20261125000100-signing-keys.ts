import { Migration } from '@cbp/db';

export class Migration20261125000100SigningKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "identity"."signing_keys" (
      "kid" text primary key,
      "alg" text not null check ("alg" = 'RS256'),
      "public_jwk" jsonb not null,
      "private_key_enc" text not null,
      "status" text not null check ("status" in ('current', 'retired')),
      "created_at" timestamptz not null default now(),
      "retired_at" timestamptz null,
      "expires_from_jwks_at" timestamptz null,
      constraint "signing_keys_retirement_check" check (
        ("status" = 'current' and "retired_at" is null and "expires_from_jwks_at" is null)
        or ("status" = 'retired' and "retired_at" is not null and "expires_from_jwks_at" is not null)
      ),
      -- The published JWK names its own row and holds public members only: removing the allowed members must
      -- leave nothing, so a private member (d, p, q, dp, dq, qi) can never be stored in it.
      constraint "signing_keys_public_jwk_check" check (
        "public_jwk" ->> 'kid' = "kid"
        and "public_jwk" ->> 'kty' = 'RSA'
        and "public_jwk" - array['kty', 'n', 'e', 'kid', 'alg', 'use'] = '{}'::jsonb
      )
    )`);
    // At most one current key: two instances starting at once cannot both insert one, and a second rotation
    // racing the first fails instead of leaving two signers.
    this.addSql(`create unique index "signing_keys_one_current_idx" on "identity"."signing_keys" ((true)) where "status" = 'current'`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "identity"."signing_keys"');
  }
}
