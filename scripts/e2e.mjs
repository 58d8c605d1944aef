#!/usr/bin/env node
// Browser tests: build the web app, start chiso with the demo on a free port and a fresh data dir
// (or a fresh schema on DATABASE_URL), run e2e/*.e2e.ts in Chromium, stop the server.
// Extra arguments go to vitest: `node scripts/e2e.mjs e2e/ioc.e2e.ts`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';
import { E2E_PASSWORDS, startDemoServer } from './demoServer.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

const build = spawnSync(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
  { stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);

let server = null;
try {
  server = await startDemoServer({ databaseUrl: process.env.DATABASE_URL });
} catch {}
let status = 1;
if (!server) console.error('chiso did not start for the browser tests');
else {
  const r = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--config', 'e2e/vitest.config.ts', ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        CHISO_BASE_URL: server.base,
        CHROMIUM_PATH: findChromium() ?? '',
        CHISO_ADMIN_PASSWORD: E2E_PASSWORDS.admin,
        CHISO_DEMO_PASSWORD: E2E_PASSWORDS.demo,
      },
    },
  );
  status = r.status ?? 1;
}
await server?.stop();
process.exit(status);
