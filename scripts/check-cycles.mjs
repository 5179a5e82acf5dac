#!/usr/bin/env node
// Fails when any import cycle exists in the TypeScript sources of the workspaces (their src/ and test/ folders).
// One dpdm run over every workspace at once, so a cycle that crosses packages is seen too; type-only imports
// count (no --transform), because a type cycle still ties the modules' designs together.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { workspaces } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const globs = workspaces
  .flatMap((workspace) => ['src', 'test'].map((folder) => path.posix.join(workspace, folder)))
  .filter((folder) => fs.existsSync(path.join(root, folder)))
  .map((folder) => `${folder}/**/*.{ts,tsx}`);

const dpdm = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'dpdm.cmd' : 'dpdm');
const result = spawnSync(
  dpdm,
  ['--no-tree', '--no-warning', '--circular', '--no-progress', '--exit-code', 'circular:1', '--tsconfig', 'tsconfig.json', ...globs],
  { cwd: root, encoding: 'utf8' },
);
if (result.error) {
  console.error(`✖ dpdm could not run: ${result.error.message}`);
  process.exit(2);
}
if (result.status !== 0) {
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  console.error(`✖ import cycles found (${globs.length} source folders checked)`);
  process.exit(result.status ?? 1);
}
console.log(`✔ no import cycles (${globs.length} source folders checked)`);
