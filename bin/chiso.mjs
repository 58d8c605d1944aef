#!/usr/bin/env node
// chiso command line: runs src/cli/index.ts through tsx (TypeScript, no build step), from any cwd.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cli = fileURLToPath(new URL('../src/cli/index.ts', import.meta.url));
const tsx = require.resolve('tsx/esm');
const result = spawnSync(process.execPath, ['--import', tsx, cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: process.env,
});
if (result.error) {
  console.error(result.error.message);
  process.exit(1);
}
process.exit(result.status ?? (result.signal ? 1 : 0));
