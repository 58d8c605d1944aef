#!/usr/bin/env node
// `npm start`: build the web app when its sources are newer than the build, then run the server.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const index = join(root, 'dist/web/index.html');
if (existsSync(join(root, 'web/index.html'))) {
  const stale = !existsSync(index) || newest(join(root, 'web')) > statSync(index).mtimeMs;
  if (stale || process.env.CHISO_BUILD === '1') {
    console.log('Building the web app…');
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'web/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      {
        stdio: 'inherit',
      },
    );
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

const { register } = await import('tsx/esm/api');
register();
await import('../src/main.ts');
