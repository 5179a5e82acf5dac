#!/usr/bin/env node
// The dependency-free entry of `npm start` and `npm test`: installs dependencies on the first run (or when the
// lock file changed), then hands over to the real command. Only Node's standard library is used here.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node.js 20.19 or newer is required (this is ${process.versions.node}).`);

function ensureDependencies() {
  const lock = path.join(root, 'package-lock.json');
  // npm writes node_modules/.package-lock.json after every install; if it is older than the lock file, the
  // lock changed since (a pull, a branch switch) and the tree must be reinstalled.
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (fs.existsSync(installed) && (!fs.existsSync(lock) || fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs)) return;
  console.log('Installing dependencies (first run, or package-lock.json changed)…');
  const result = spawnSync(npm, [fs.existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail('npm could not install the dependencies (see above).');
}

function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function answers(url, defaultPort, hello, ok) {
  let host = '127.0.0.1';
  let port = defaultPort;
  try {
    const parsed = new URL(url);
    host = parsed.hostname || host;
    port = Number(parsed.port || defaultPort);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => (hello ? socket.write(hello) : done(true)));
    socket.once('data', (data) => done(ok(data)));
  });
}

async function test() {
  const pgUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  // An SSLRequest is the smallest message every PostgreSQL answers (with 'S' or 'N').
  const sslRequest = Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]);
  const [pgUp, redisUp] = await Promise.all([
    answers(pgUrl, 5432, sslRequest, (d) => d[0] === 0x4e || d[0] === 0x53),
    answers(redisUrl, 6379, '*1\r\n$4\r\nPING\r\n', (d) => d.toString().startsWith('+PONG')),
  ]);
  const strict = process.env.CI === 'true';
  console.log(
    `Test backends: ${pgUp ? `PostgreSQL at ${new URL(pgUrl).host}` : 'embedded PGlite (no PostgreSQL answered)'}; ` +
      `${redisUp ? `Redis at ${new URL(redisUrl).host}` : 'in-process Redis adapter (no Redis answered)'}.`,
  );
  if (strict && !(pgUp && redisUp)) fail('CI=true requires a real PostgreSQL and Redis; start them (see .ci/run).');
  const env = { ...process.env, CBP_TEST_REQUIRE_REAL: strict ? 'true' : 'false' };
  const steps = [
    ['format check', npm, ['run', '--silent', 'format:check']],
    ['lint', npm, ['run', '--silent', 'lint']],
    ['import cycles', npm, ['run', '--silent', 'cycles']],
    ['generated GraphQL code is current', npm, ['run', '--silent', 'codegen:check']],
    ['typecheck', npm, ['run', '--silent', 'typecheck']],
  ];
  for (const [name, command, args] of steps) {
    console.log(`\n▶ ${name}`);
    if ((await run(command, args, env)) !== 0) fail(`${name} failed.`);
  }
  console.log('\n▶ jest (unit + integration)');
  fs.mkdirSync(path.join(root, '.data'), { recursive: true });
  const results = path.join(root, '.data', 'jest-results.json');
  fs.rmSync(results, { force: true });
  const code = await run(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
      'node_modules/jest/bin/jest.js',
      '--json',
      `--outputFile=${results}`,
      ...process.argv.slice(3),
    ],
    env,
  );
  if (fs.existsSync(results)) {
    const r = JSON.parse(fs.readFileSync(results, 'utf8'));
    console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}`);
  }
  process.exit(code);
}

ensureDependencies();
if (mode === 'install') process.exit(0);
if (mode === 'start')
  process.exit(
    await run(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=source', 'scripts/start.ts', ...process.argv.slice(3)]),
  );
if (mode === 'test') await test();
else fail(`unknown mode "${mode}" (use start or test)`);
