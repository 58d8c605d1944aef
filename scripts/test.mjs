#!/usr/bin/env node
// `npm test`: lint, typecheck, unit and API tests (vitest), then the browser tests when a Chromium is found.
// With CI=true a missing Chromium is a failure.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const bin = (name) => `${root}node_modules/.bin/${name}`;

function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✗ ${title} failed`);
    process.exit(r.status ?? 1);
  }
}

const db = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (embedded)';
console.log(`chiso tests on ${db}`);
step('lint (biome)', bin('biome'), ['check', '.']);
step('typecheck (server)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('typecheck (web)', bin('tsc'), ['-p', 'web/tsconfig.json', '--noEmit']);
step('typecheck (browser tests)', bin('tsc'), ['-p', 'e2e/tsconfig.json', '--noEmit']);
step('unit and API tests (vitest)', bin('vitest'), ['run']);

const chromium = findChromium();
if (!chromium) {
  if (process.env.CI === 'true') {
    console.error(
      '\n✗ No Chromium found and CI=true: the browser tests must run in CI (install Debian chromium).',
    );
    process.exit(1);
  }
  console.log('\nNo Chromium found (set CHROMIUM_PATH or install chromium): browser tests skipped.');
  process.exit(0);
}
step('browser tests (playwright-core + Chromium)', process.execPath, ['scripts/e2e.mjs'], {
  CHROMIUM_PATH: chromium,
});
