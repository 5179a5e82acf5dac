import { createOrm } from '@cbp/db';
import { createRedisStore } from '@cbp/redis';
import { SessionCache } from '@cbp/service-kit';
import { identityMigrations } from '../../../subgraphs/identity/src/migrations/index.js';
import { grantRole, revokeRole } from '../../../subgraphs/identity/src/rbac/role-admin.js';
import { IDENTITY_ENTITIES } from '../../../subgraphs/identity/src/server.js';
import { seed } from './seed.js';
import type { SeededUser } from './seed.js';
import type { TestPlatform } from './platform.js';

/** Grants or revokes a role the way `npm run admin` does (the same exported function), against the test database. */
export async function changeRole(platform: TestPlatform, action: 'grant' | 'revoke', role: string, email: string): Promise<string[]> {
  const orm = await createOrm({
    url: platform.databaseUrl,
    schema: 'identity',
    entities: IDENTITY_ENTITIES,
    migrations: identityMigrations,
    poolMax: 1,
  });
  const redis = createRedisStore({ url: platform.redis.url, keyPrefix: platform.redis.keyPrefix });
  try {
    const deps = { orm, cache: new SessionCache(redis) };
    const { roles } = action === 'grant' ? await grantRole(deps, email, role) : await revokeRole(deps, email, role);
    return roles;
  } finally {
    await redis.close();
    await orm.close(true);
  }
}

/** A verified user holding `role`, plus a fresh access token. */
export async function seedWithRole(platform: TestPlatform, role: string | null): Promise<SeededUser & { token: string }> {
  const user = await seed(platform).user().verified().create();
  if (role) await changeRole(platform, 'grant', role, user.email);
  const { accessToken } = await user.login();
  return { ...user, token: accessToken };
}
