/** Running the command line in-process in tests: a bootstrapped database, a working folder, captured output. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { run } from '../cli/index.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/index.js';
import { bootstrap } from '../services/bootstrap.js';
import { ADMIN_PASSWORD, openTestDatabase, type TestDb } from './harness.js';

/** Runs `chiso argv` on the database in the folder `cwd`: its exit code and what it wrote to stdout and stderr. */
export async function runCli(database: Database, cwd: string, argv: string[]) {
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _e, cb) {
        add(String(chunk));
        cb();
      },
    });
  const code = await run(argv, {
    database,
    stdout: sink((s) => {
      out += s;
    }),
    stderr: sink((s) => {
      err += s;
    }),
    cwd,
  });
  return { code, out, err };
}

/** A fresh database with only the admin user (no demo) and a new temporary folder named from `prefix`. */
export async function openCliDatabase(prefix: string): Promise<{ db: TestDb; dir: string }> {
  const db = await openTestDatabase();
  const config = { ...loadConfig({}), demo: false, adminPassword: ADMIN_PASSWORD, logLevel: 'silent' };
  await bootstrap(db.database, config, () => {});
  return { db, dir: mkdtempSync(join(tmpdir(), prefix)) };
}
