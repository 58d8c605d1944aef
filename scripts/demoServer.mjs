// Starts chiso with its demo for browser tests and page benchmarks: a free port, a fresh PGlite data
// folder, or a fresh schema on DATABASE_URL; waits until /api/health answers. `stop()` ends it and
// removes what it made.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('..', import.meta.url));

export const E2E_PASSWORDS = { admin: 'admin-e2e-Pass1', demo: 'demo-e2e-Pass1' };

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/**
 * @param {{ databaseUrl?: string, env?: Record<string, string>, waitSeconds?: number }} [opts]
 * @returns {Promise<{ base: string, pid: number | undefined, stop: () => Promise<void> }>}
 */
export async function startDemoServer(opts = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'chiso-demo-'));
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    CHISO_DATA_DIR: dataDir,
    CHISO_ADMIN_PASSWORD: E2E_PASSWORDS.admin,
    CHISO_DEMO_PASSWORD: E2E_PASSWORDS.demo,
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  delete env.DATABASE_URL;
  let schema = null;
  const url = opts.databaseUrl;
  if (url) {
    schema = `demo_${Date.now()}`;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = u.toString();
  }
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    rmSync(dataDir, { recursive: true, force: true });
    if (schema) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    }
  };
  // a loaded machine can take minutes to compile, migrate and load the demo
  const tries = (opts.waitSeconds ?? 360) * 2;
  for (let i = 0; i < tries; i++) {
    await new Promise((r) => setTimeout(r, 500));
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, pid: server.pid, stop };
    } catch {}
    if (server.exitCode !== null) break;
  }
  await stop();
  throw new Error('chiso did not start');
}
