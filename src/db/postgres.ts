/** PostgreSQL adapter over `pg`, with COPY through pg-copy-streams. */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyStatement, type Database, type Tx } from './database.js';
import type { DB } from './schema.js';
import { currentScope, throwIfCancelled, type WorkScope } from './workScope.js';

// int8 (counts) as numbers; numeric stays text unless cast.
pg.types.setTypeParser(20, (v) => Number(v));
// dates as plain YYYY-MM-DD strings
pg.types.setTypeParser(1082, (v) => v);

/** Limits set on every connection of the pool (milliseconds; 0 = none). */
export interface PgSessionSettings {
  /** statement_timeout: no statement runs longer (an abandoned one cannot hold its locks for long). */
  statementTimeoutMs: number;
  /** idle_in_transaction_session_timeout: a transaction left open without a statement is ended. */
  idleInTransactionTimeoutMs: number;
  /** client_connection_check_interval (PostgreSQL 14+): a running statement whose client is gone is stopped. */
  clientCheckMs: number;
  /**
   * PostgreSQL's JIT compiler; off unless asked (docs/decisions/0010-jit-off.md): chiso's reads are
   * short index lookups, where compiling costs far more than it saves.
   */
  jit?: boolean;
  /**
   * work_mem in MiB (default 32; PostgreSQL's own is 4): a year of monthly values for the 34
   * provinces sorts ~40k rows per indicator, which spilled to disk at 4 MiB and doubled the
   * statement's time (issue 14). Per sort or hash, per connection: 10 connections × a few nodes
   * stay far below the machine's memory.
   */
  workMemMb?: number;
}

export const DEFAULT_SESSION: PgSessionSettings = {
  statementTimeoutMs: 10 * 60_000,
  idleInTransactionTimeoutMs: 2 * 60_000,
  clientCheckMs: 1000,
};

const workMemMb = (mb: number | undefined) =>
  mb !== undefined && Number.isFinite(mb) && mb >= 1 ? Math.round(mb) : 32;

const APP_PREFIX = 'chiso:';
/**
 * Where pids mean the same thing: this host and its pid namespace (two containers may share a
 * hostname, never a pid namespace). A short hash, so the name stays under PostgreSQL's 63 bytes.
 */
const PID_SPACE = createHash('sha256').update(`${hostname()}\0${pidNamespace()}`).digest('hex').slice(0, 8);
/** This process: its start time, so a reused pid (pid 1 in every restart of a container) is told apart. */
const INSTANCE = processStart(process.pid) || `r${randomBytes(4).toString('hex')}`;
/** `chiso:<pid space>:<pid>:<start>:<host, for people>` — how this process's connections are named. */
export const APPLICATION_NAME = `${APP_PREFIX}${PID_SPACE}:${process.pid}:${INSTANCE}:${hostname()}`.slice(
  0,
  63,
);

function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}

/**
 * When a live process started (clock ticks after boot, from /proc); null when there is no such
 * process; '' when it is alive but this system cannot tell when it started.
 */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    if (existsSync('/proc/self/stat')) return null;
    try {
      process.kill(pid, 0);
      return '';
    } catch (e) {
      // EPERM: a process of another user holds the pid, so it is alive
      return (e as NodeJS.ErrnoException).code === 'ESRCH' ? null : '';
    }
  }
}

/**
 * Does this connection name belong to a chiso process that is gone? Only processes in our own pid
 * space can be told: no process has the pid any more, or another one (started at another time)
 * does. A live process — this one, or one of its threads — is never judged dead, nor are
 * connections from elsewhere.
 */
export function deadInstance(
  applicationName: string,
  startOf: (pid: number) => string | null = processStart,
): boolean {
  if (!applicationName.startsWith(APP_PREFIX)) return false;
  const [space, pidText, instance] = applicationName.slice(APP_PREFIX.length).split(':');
  const pid = Number(pidText);
  if (space !== PID_SPACE || !Number.isInteger(pid) || pid <= 0 || !instance) return false;
  const now = startOf(pid);
  if (now === null) return true;
  return now !== '' && now !== instance;
}

export async function openPostgres(
  connectionString: string,
  session: PgSessionSettings = DEFAULT_SESSION,
): Promise<Database> {
  const url = withoutApplicationName(connectionString);
  // timeouts as startup parameters, so they hold from the first statement on
  const startup: pg.PoolConfig = { application_name: APPLICATION_NAME };
  if (session.statementTimeoutMs > 0) startup.statement_timeout = session.statementTimeoutMs;
  if (session.idleInTransactionTimeoutMs > 0)
    startup.idle_in_transaction_session_timeout = session.idleInTransactionTimeoutMs;
  // fail fast with a clear error when the server is not there; and learn its version
  const first = new pg.Client({ connectionString: url, ...startup });
  await first.connect();
  let version = 0;
  try {
    version = Number((await first.query('SHOW server_version_num')).rows[0].server_version_num);
    await terminateLeftovers(first);
  } finally {
    await first.end();
  }
  const checkClient = session.clientCheckMs > 0 && version >= 140000;
  // set on each new connection before it is handed out
  const settings = [
    ...(session.jit ? [] : ['SET jit = off']),
    `SET work_mem = '${workMemMb(session.workMemMb)}MB'`,
    ...(checkClient ? [`SET client_connection_check_interval = ${Math.round(session.clientCheckMs)}`] : []),
  ];
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.CHISO_DB_POOL ?? 10),
    ...startup,
    onConnect: async (client) => {
      await client.query(settings.join('; '));
    },
  });
  // this pool's connections, by their backend pid (client.processID), to cancel on shutdown
  const clients = new Set<pg.PoolClient>();
  /** each connection's statement_timeout as last set (the startup parameter at first) */
  const timeoutOf = new WeakMap<pg.PoolClient, number>();
  pool.on('connect', (c) => {
    clients.add(c);
    timeoutOf.set(c, session.statementTimeoutMs);
  });
  pool.on('remove', (c) => clients.delete(c as pg.PoolClient));

  /** The connection's statement_timeout set to `ms` (a statement only when it changes). */
  async function applyTimeout(client: pg.PoolClient, ms: number) {
    if (timeoutOf.get(client) === ms) return;
    await client.query(`SET statement_timeout = ${Math.max(0, Math.round(ms))}`);
    timeoutOf.set(client, ms);
  }

  /**
   * A pool connection held for the current work scope: its statements are refused once the
   * scope's client has gone, a statement running then is cancelled on the server, and a connection
   * a cancel was sent for is closed rather than reused (a late cancel must not hit someone else's
   * statement).
   */
  function hold(client: pg.PoolClient, scope: WorkScope | undefined) {
    let cancelSent = false;
    const onAbort = () => {
      cancelSent = true;
      sendCancel(client);
    };
    scope?.signal.addEventListener('abort', onAbort, { once: true });
    return {
      get cancelled() {
        return cancelSent;
      },
      release(destroy: boolean) {
        scope?.signal.removeEventListener('abort', onAbort);
        client.release(destroy || cancelSent);
      },
    };
  }

  /** Kysely's pool: each checkout held for the scope; reads under the scope's statement_timeout. */
  const scopedPool = {
    async connect() {
      const scope = currentScope();
      throwIfCancelled(scope);
      const client = await pool.connect();
      const held = hold(client, scope);
      const timeout = scope?.statementTimeoutMs ?? session.statementTimeoutMs;
      return {
        // biome-ignore lint/suspicious/noExplicitAny: pg's query overloads, passed through
        query(...args: any[]): any {
          // cursors (Kysely's streaming) and callbacks go straight through
          if (typeof args[0] !== 'string') return (client.query as (...a: unknown[]) => unknown)(...args);
          return (async () => {
            throwIfCancelled(scope);
            await applyTimeout(client, timeout);
            throwIfCancelled(scope);
            return client.query(args[0], args[1]);
          })();
        },
        release(err?: unknown) {
          held.release(Boolean(err));
        },
      };
    },
    end: () => pool.end(),
  };

  /** Stops the statements our own connections are running (shutdown); returns how many. */
  async function cancelRunning(): Promise<number> {
    const pids = [...clients].map((c) => (c as unknown as { processID: number | null }).processID);
    const ours = pids.filter((p): p is number => typeof p === 'number' && p > 0);
    if (ours.length === 0) return 0;
    const c = new pg.Client({ connectionString: url, ...startup });
    try {
      await c.connect();
      const r = await c.query<{ n: number }>(
        `SELECT count(*) FILTER (WHERE pg_cancel_backend(pid))::int AS n FROM pg_stat_activity
         WHERE pid = ANY($1::int[]) AND application_name = $2 AND state = 'active'`,
        [ours, APPLICATION_NAME],
      );
      return r.rows[0]?.n ?? 0;
    } catch {
      return 0;
    } finally {
      await c.end().catch(() => {});
    }
  }

  return {
    kind: 'postgresql',
    db: new Kysely<DB>({ dialect: new PostgresDialect({ pool: scopedPool as unknown as pg.Pool }) }),
    async transaction(fn) {
      const scope = currentScope();
      throwIfCancelled(scope);
      const client = await pool.connect();
      const held = hold(client, scope);
      let broken = false;
      try {
        // transactions (writes, imports) run under the connection's own statement_timeout
        await applyTimeout(client, session.statementTimeoutMs);
        throwIfCancelled(scope);
        await client.query('BEGIN');
        const view = {
          // biome-ignore lint/suspicious/noExplicitAny: pg's query overloads, passed through
          query: (...args: any[]): any => {
            throwIfCancelled(scope);
            return (client.query as (...a: unknown[]) => unknown)(...args);
          },
          release: () => {},
        };
        const single = { connect: async () => view, end: async () => {} };
        const tx: Tx = {
          db: new Kysely<DB>({ dialect: new PostgresDialect({ pool: single as unknown as pg.Pool }) }),
          async copyCsv(table, columns, csv) {
            throwIfCancelled(scope);
            const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
            await pipeline(Readable.from([csv]), stream);
            return Number(stream.rowCount ?? 0);
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw err;
      } finally {
        // a client whose rollback failed (or that a cancel was sent for) is not returned to the pool
        held.release(broken);
      }
    },
    async execScript(sql) {
      await pool.query(sql);
    },
    cancelRunning,
    async close() {
      await cancelRunning();
      await pool.end();
    },
  };
}

/**
 * Asks the server to cancel what this connection is running: PostgreSQL's cancel request, on a
 * connection of its own (no login; the backend's pid and secret key say which). Harmless when the
 * backend is idle. Errors are ignored: the statement then ends by statement_timeout or when the
 * server notices the client is gone (client_connection_check_interval).
 */
function sendCancel(client: pg.PoolClient): void {
  const c = client as unknown as {
    processID: number | null;
    secretKey: number | null;
    host: string;
    port: number;
    connectionParameters?: { ssl?: unknown };
  };
  if (!c.processID || c.secretKey === null || c.secretKey === undefined) return;
  const Connection = (pg as unknown as { Connection: new (o: object) => CancelConnection }).Connection;
  const con = new Connection({ ssl: c.connectionParameters?.ssl });
  con.on('error', () => {});
  con.once('connect', () => con.cancel(c.processID, c.secretKey));
  if (c.host?.startsWith('/')) con.connect(`${c.host}/.s.PGSQL.${c.port}`);
  else con.connect(c.port, c.host);
}

interface CancelConnection {
  on(event: 'error', fn: (e: unknown) => void): void;
  once(event: 'connect', fn: () => void): void;
  connect(port: number | string, host?: string): void;
  cancel(pid: number | null, key: number | null): void;
}

/** Our application_name identifies this process's connections: one in the URL would replace it. */
function withoutApplicationName(url: string): string {
  try {
    const u = new URL(url);
    if (!u.searchParams.has('application_name')) return url;
    u.searchParams.delete('application_name');
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * A chiso process killed mid-statement (SIGKILL, OOM) may leave its statement running on the
 * server, holding row locks, until the server notices the client is gone. Ends those of dead chiso
 * processes of this host (pid space) that are still working or inside a transaction; never a live
 * one's, and never one of another host (statement_timeout bounds those).
 */
async function terminateLeftovers(client: pg.Client): Promise<void> {
  const r = await client.query<{ pid: number; application_name: string }>(
    `SELECT pid, application_name FROM pg_stat_activity
     WHERE application_name LIKE 'chiso:%' AND application_name <> $1 AND pid <> pg_backend_pid()
       AND datname = current_database()
       AND state IN ('active', 'idle in transaction', 'idle in transaction (aborted)')
       AND backend_start < now()`,
    [APPLICATION_NAME],
  );
  const dead = r.rows.filter((row) => deadInstance(row.application_name)).map((row) => row.pid);
  if (dead.length === 0) return;
  try {
    await client.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [dead]);
  } catch {
    /* no right to signal them: statement_timeout ends them in time */
  }
}
