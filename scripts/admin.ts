// `npm run admin -- <command>`: the operator's role commands, run against DATABASE_URL or, when it is unset,
// the embedded database under CBP_DATA_DIR/.data (docs/authorization.md).
//   grant <role> <email>    e.g. `npm run admin -- grant admin you@example.com` (the first admin)
//   revoke <role> <email>
//   list <email>
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createOrm, migrate } from '@cbp/db';
import { createRedisStore } from '@cbp/redis';
import type { RedisStore } from '@cbp/redis';
import { SessionCache } from '@cbp/service-kit';
import { identityMigrations } from '../subgraphs/identity/src/migrations/index.js';
import { grantRole, listRoles, revokeRole } from '../subgraphs/identity/src/rbac/role-admin.js';
import { IDENTITY_ENTITIES } from '../subgraphs/identity/src/server.js';
import { ROOT, resolveBackends } from './platform.js';

const USAGE = `usage: npm run admin -- grant <role> <email>
       npm run admin -- revoke <role> <email>
       npm run admin -- list <email>
roles: user, support, admin`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/** Something already listens on the embedded database's port: `npm start` holds the PGlite directory. */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const envFile = path.join(ROOT, '.env');
if (fs.existsSync(envFile)) process.loadEnvFile(envFile);

const [command, ...rest] = process.argv.slice(2);
const args = rest.filter((a) => a !== '--');
if (!command || !['grant', 'revoke', 'list'].includes(command)) fail(USAGE, 2);
if ((command === 'list' && args.length !== 1) || (command !== 'list' && args.length !== 2)) fail(USAGE, 2);

if (!process.env.DATABASE_URL) {
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 5433);
  if (await portInUse(port)) {
    fail(
      `The embedded database is in use (something listens on port ${port}, most likely \`npm start\`).\n` +
        'PGlite cannot open its data directory twice: stop `npm start` and run this again, or set DATABASE_URL to a PostgreSQL server.',
    );
  }
}

const { env, embeddedPostgres, describe } = await resolveBackends(process.env);
const orm = await createOrm({
  url: env.DATABASE_URL ?? '',
  schema: 'identity',
  entities: IDENTITY_ENTITIES,
  migrations: identityMigrations,
  poolMax: 1,
});
// With the in-process Redis adapter nothing else shares the cache (npm start is not running): nothing to drop.
let redis: RedisStore | null = null;
if (env.REDIS_URL && !env.REDIS_URL.startsWith('memory:'))
  redis = createRedisStore({ url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX ?? 'cbp:' });
let exitCode = 0;
try {
  await migrate(orm);
  const deps = { orm, cache: redis ? new SessionCache(redis) : null };
  if (command === 'list') {
    const email = args[0] ?? '';
    const { roles, scopes } = await listRoles(deps, email);
    console.log(`${email}: roles ${roles.join(', ') || '(none)'}; scopes ${scopes.join(', ') || '(none)'}`);
  } else {
    const [role = '', email = ''] = args;
    const { roles } = command === 'grant' ? await grantRole(deps, email, role) : await revokeRole(deps, email, role);
    console.log(
      `${command === 'grant' ? 'Granted' : 'Revoked'} ${role} ${command === 'grant' ? 'to' : 'from'} ${email} (${describe.database}). Roles now: ${roles.join(', ') || '(none)'}.`,
    );
  }
} catch (err) {
  console.error(`error: ${(err as Error).message}`);
  exitCode = 1;
} finally {
  await redis?.close();
  await orm.close(true);
  await embeddedPostgres?.stop();
}
process.exit(exitCode);
