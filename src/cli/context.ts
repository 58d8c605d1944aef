/**
 * What every CLI command needs: the database the server uses (DATABASE_URL, or PGlite in
 * CHISO_DATA_DIR, migrations run), the acting user, output streams and the message language.
 *
 * PGlite is an embedded engine: ONE process may open a data folder at a time, and it does not
 * lock the folder itself — two processes writing the same folder corrupt it. The CLI therefore
 * takes a lock file in the folder and refuses to start while a chiso server answers on PORT with
 * PGlite storage.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../access/actor.js';
import { type Config, loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/index.js';
import { AppError } from '../errors.js';
import { type Lang, type MessageKey, t } from '../i18n/index.js';
import * as users from '../repositories/users.js';
import { loadActor } from '../services/auth.js';
import { ensureReferenceData } from '../services/bootstrap.js';
import { msg } from './messages.js';

export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** The stream a progress bar draws on (stderr). */
  errStream: NodeJS.WritableStream;
}

export interface RunOptions {
  /** An open database (tests); the CLI then neither opens nor closes one. */
  database?: Database;
  env?: NodeJS.ProcessEnv;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** Working directory for relative file names (default process.cwd()). */
  cwd?: string;
}

/** A failure the CLI reports as one message and a non-zero exit. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export class Session {
  private opened: Database | undefined;
  private releaseLock: (() => void) | undefined;
  readonly config: Config;

  constructor(
    readonly opts: RunOptions,
    readonly io: Output,
    readonly lang: Lang,
    private readonly force: boolean,
  ) {
    this.config = loadConfig(opts.env ?? process.env);
  }

  async database(): Promise<Database> {
    if (this.opts.database) return this.opts.database;
    if (this.opened) return this.opened;
    const { databaseUrl, dataDir } = this.config;
    try {
      if (!databaseUrl) {
        if (!this.force) await refuseIfServerRuns(this.config, this.lang);
        this.releaseLock = lockDataDir(dataDir, this.lang);
      }
      this.opened = await openDatabase({ databaseUrl, dataDir });
    } catch (e) {
      this.releaseLock?.();
      this.releaseLock = undefined;
      if (e instanceof CliError) throw e;
      const reason = e instanceof Error ? e.message : String(e);
      throw new CliError(
        databaseUrl
          ? msg(this.lang, 'dbOpenPg', { reason })
          : msg(this.lang, 'dbOpenPglite', { dir: dataDir, reason }),
      );
    }
    await ensureReferenceData(this.opened);
    return this.opened;
  }

  /** The acting user: `admin` unless a user name is given. */
  async actor(username?: string): Promise<Actor> {
    const database = await this.database();
    const name = username || 'admin';
    const user = await users.findUserByUsername(database, name);
    const actor = user ? await loadActor(database, user.id, 'session') : null;
    if (!actor) throw new CliError(msg(this.lang, 'noUser', { user: name }));
    return actor;
  }

  async close() {
    if (this.opened) await this.opened.close();
    this.opened = undefined;
    this.releaseLock?.();
    this.releaseLock = undefined;
  }
}

/** Takes `<dataDir>/.chiso-cli.lock` (our pid); a lock of a live process means the folder is in use. */
export function lockDataDir(dataDir: string, lang: Lang): () => void {
  if (dataDir === 'memory') return () => {};
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, '.chiso-cli.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(file);
        } catch {}
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid && pid !== process.pid && alive(pid))
        throw new CliError(msg(lang, 'dataDirLocked', { dir: dataDir, pid }));
      unlinkSync(file); // stale: its process is gone
    }
  }
  throw new CliError(msg(lang, 'dataDirLocked', { dir: dataDir, pid: '?' }));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A chiso server on PORT that stores in PGlite holds the data folder open. */
async function refuseIfServerRuns(config: Config, lang: Lang) {
  if (!existsSync(config.dataDir)) return;
  try {
    const res = await fetch(`http://127.0.0.1:${config.port}/api/health`, {
      signal: AbortSignal.timeout(400),
    });
    const body = (await res.json()) as { database?: string };
    if (body.database === 'pglite')
      throw new CliError(msg(lang, 'serverRunning', { port: config.port, dir: config.dataDir }));
  } catch (e) {
    if (e instanceof CliError) throw e;
  }
}

/** An AppError (or anything else) as a message in the chosen language. */
export function describeError(lang: Lang, e: unknown): string {
  if (e instanceof CliError) return e.message;
  if (e instanceof AppError) {
    const params: Record<string, unknown> = { ...e.params };
    for (const [k, v] of Object.entries(e.params))
      if (k.endsWith('Key') && typeof v === 'string') params[k.slice(0, -3)] = t(lang, v as MessageKey);
    const lines = [t(lang, e.messageKey, params)];
    for (const d of e.details as Array<Record<string, unknown>>) {
      if (d && typeof d === 'object' && 'message' in d && d.message !== undefined)
        lines.push(`  ${d.field ? `${d.field}: ` : ''}${String(d.message)}`);
    }
    return lines.join('\n');
  }
  return e instanceof Error ? e.message : String(e);
}
