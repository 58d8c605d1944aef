#!/usr/bin/env node
// Browser tests: build the web app, start chiso with the demo on a free port and a fresh data dir
// (or a fresh schema on DATABASE_URL), run e2e/*.e2e.ts in Chromium, stop the server.
// Extra arguments go to vitest: `node scripts/e2e.mjs e2e/ioc.e2e.ts`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { findChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const build = spawnSync(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
  { stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'chiso-e2e-'));
const env = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  CHISO_DATA_DIR: dataDir,
  CHISO_ADMIN_PASSWORD: 'admin-e2e-Pass1',
  CHISO_DEMO_PASSWORD: 'demo-e2e-Pass1',
  LOG_LEVEL: 'warn',
};
let schema = null;
if (process.env.DATABASE_URL) {
  schema = `e2e_${Date.now()}`;
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
  const u = new URL(process.env.DATABASE_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  env.DATABASE_URL = u.toString();
}
const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
let ok = false;
for (let i = 0; i < 720 && !ok; i++) {
  await new Promise((r) => setTimeout(r, 500));
  try {
    ok = (await fetch(`${base}/api/health`)).ok;
  } catch {}
}
let status = 1;
if (!ok) console.error('chiso did not start for the browser tests');
else {
  const r = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--config', 'e2e/vitest.config.ts', ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        CHISO_BASE_URL: base,
        CHROMIUM_PATH: findChromium() ?? '',
        CHISO_ADMIN_PASSWORD: env.CHISO_ADMIN_PASSWORD,
        CHISO_DEMO_PASSWORD: env.CHISO_DEMO_PASSWORD,
      },
    },
  );
  status = r.status ?? 1;
}
server.kill('SIGTERM');
await new Promise((r) => setTimeout(r, 1000));
rmSync(dataDir, { recursive: true, force: true });
if (schema) {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  await c.query(`DROP SCHEMA ${schema} CASCADE`);
  await c.end();
}
process.exit(status);
