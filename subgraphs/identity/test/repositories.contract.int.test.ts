// Every identity repository contract against the SQL repositories on PostgreSQL, migrated with identity's own
// migrations; the in-memory twins pass the same suites in their unit tests (Ory Kratos' persister tests).
import { afterAll, beforeAll } from '@jest/globals';
import { createOrm, migrate } from '@cbp/db';
import type { MikroORM } from '@cbp/db';
import { OutboxMessageSchema } from '@cbp/events';
import { createTestDatabase } from '@cbp/testing';
import type { TestDatabase } from '@cbp/testing';
import { invitationRepositoryContract } from '../src/invitations/invitation.repository.contract.js';
import { SigningKeySchema } from '../src/keys/signing-key.entity.js';
import { signingKeyRepositoryContract } from '../src/keys/signing-key.repository.contract.js';
import { MikroSigningKeyRepository } from '../src/keys/signing-key.repository.js';
import { lockoutRepositoryContract } from '../src/lockout/lockout.repository.contract.js';
import { mfaRepositoryContract } from '../src/mfa/mfa.repository.contract.js';
import { identityMigrations } from '../src/migrations/index.js';
import { rbacRepositoryContract } from '../src/rbac/rbac.repository.contract.js';
import { DeviceSchema, RefreshTokenSchema, SessionSchema } from '../src/sessions/session.entity.js';
import { sessionRepositoryContract } from '../src/sessions/session.repository.contract.js';
import type { ContractBackend } from '../src/testing/contract-backend.js';
import { OneTimeTokenSchema } from '../src/tokens/one-time-token.entity.js';
import { oneTimeTokenRepositoryContract } from '../src/tokens/one-time-token.repository.contract.js';
import type { Repositories } from '../src/unit-of-work/repositories.js';
import { sqlTransact } from '../src/unit-of-work/sql-unit-of-work.js';
import { UserSchema } from '../src/users/user.entity.js';
import { userRepositoryContract } from '../src/users/user.repository.contract.js';

let db: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await createOrm({
    url: db.url,
    schema: 'identity',
    entities: [UserSchema, SessionSchema, RefreshTokenSchema, DeviceSchema, OneTimeTokenSchema, SigningKeySchema, OutboxMessageSchema],
    migrations: identityMigrations,
    poolMax: 4,
  });
  await migrate(orm);
});

afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});

/** Empties every table the cases write; the seeded roles stay, as the migration left them. */
const truncate = async (): Promise<void> => {
  await orm.em.getConnection().execute('truncate "identity"."users", "identity"."signing_keys", "identity"."outbox" cascade', [], 'run');
};

/** Each transaction on a fresh fork of the root EntityManager, as a request gets one. */
const sqlBackend = async (): Promise<ContractBackend<Repositories>> => ({
  transact: (fn) => sqlTransact(orm.em.fork())(fn),
  cleanup: truncate,
});

userRepositoryContract('PostgreSQL', sqlBackend);
sessionRepositoryContract('PostgreSQL', sqlBackend);
oneTimeTokenRepositoryContract('PostgreSQL', sqlBackend);
lockoutRepositoryContract('PostgreSQL', sqlBackend);
mfaRepositoryContract('PostgreSQL', sqlBackend);
rbacRepositoryContract('PostgreSQL', sqlBackend);
invitationRepositoryContract('PostgreSQL', sqlBackend);
signingKeyRepositoryContract('PostgreSQL', async () => ({ repo: new MikroSigningKeyRepository(orm.em), cleanup: truncate }));
