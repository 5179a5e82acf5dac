import { seed } from './seed.js';
import type { SeededUser } from './seed.js';
import type { TestPlatform } from './platform.js';

/** Start the platform with `BOOTSTRAP_ADMIN_EMAIL: EXPLORER_ADMIN_EMAIL`; verifying this address grants `admin`. */
export const EXPLORER_ADMIN_EMAIL = 'explorer-admin@example.test';

/**
 * A verified user holding the `admin` role (scope `admin:access`), made the way an operator makes the first admin:
 * identity's `BOOTSTRAP_ADMIN_EMAIL`. Checked with `adminPing`, so a test never runs on a silent non-admin.
 */
export async function createExplorerAdmin(platform: TestPlatform): Promise<SeededUser> {
  if (platform.env.BOOTSTRAP_ADMIN_EMAIL !== EXPLORER_ADMIN_EMAIL)
    throw new Error('start the platform with BOOTSTRAP_ADMIN_EMAIL: EXPLORER_ADMIN_EMAIL');
  const admin = await seed(platform).user({ email: EXPLORER_ADMIN_EMAIL }).verified().create();
  const { accessToken } = await admin.login();
  const ping = await platform.graphql<{ adminPing: { ok: boolean } }>('query { adminPing { ok } }', {}, accessToken);
  if (ping.body.data?.adminPing.ok !== true) throw new Error(`the bootstrap admin cannot run adminPing: ${JSON.stringify(ping.body)}`);
  return admin;
}
