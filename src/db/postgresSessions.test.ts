/**
 * PostgreSQL connections of a chiso process that dies or stops: a statement abandoned by a killed
 * server must not keep its row locks (the next writer of the same key gets through), and the
 * server's own running statements are cancelled when it closes. Which leftover connections a
 * starting server may end: only those of dead chiso processes in its own pid space.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './index.js';
import { APPLICATION_NAME, deadInstance } from './postgres.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const BASE_URL = process.env.DATABASE_URL;
/** Shown in the names of the tests skipped on PGlite. */
const PG_ONLY = BASE_URL
  ? ''
  : ' [skipped: PostgreSQL only (DATABASE_URL); PGlite runs inside the server process and dies with it]';

describe('which leftover connections are a dead process’s', () => {
  const [space, pid, start] = APPLICATION_NAME.slice('chiso:'.length).split(':');
  const gone = () => null;
  const aliveSince = (t: string) => () => t;
  const unknownStart = () => '';
  it('never judges a live process, another host, or another application', () => {
    expect(deadInstance(APPLICATION_NAME)).toBe(false); // this very process (and its threads)
    expect(deadInstance(`chiso:${space}:4242:777:h`, aliveSince('777'))).toBe(false);
    expect(deadInstance(`chiso:${space}:4242:777:h`, unknownStart)).toBe(false);
    expect(deadInstance('chiso:0badf00d:4242:777:h', gone)).toBe(false); // other host / pid space
    expect(deadInstance('psql', gone)).toBe(false);
    expect(deadInstance(`chiso:${space}:x:777`, gone)).toBe(false);
  });
  it('judges a gone pid, or a pid now held by a process started at another time, dead', () => {
    expect(deadInstance(`chiso:${space}:4242:777:h`, gone)).toBe(true);
    expect(deadInstance(`chiso:${space}:4242:777:h`, aliveSince('900'))).toBe(true);
    // this pid, reused (where /proc tells when a process started)
    if (!start.startsWith('r')) expect(deadInstance(`chiso:${space}:${pid}:${start}0:h`)).toBe(true);
  });
});

let schema = '';
let url = '';
let database: Database | undefined;
const children: ChildProcess[] = [];

beforeAll(async () => {
  if (!BASE_URL) return;
  schema = `sess_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: BASE_URL });
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
  const u = new URL(BASE_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  url = u.toString();
  database = await openDatabase({ databaseUrl: url });
  await sql`INSERT INTO data_value (province_id, indicator_id, period_id, org_unit_id, value)
    VALUES (1, 1, 20240609, 1, 1)`.execute(database.db);
}, 60_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await database?.close();
  if (schema) {
    const c = new pg.Client({ connectionString: BASE_URL });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  }
});

/** Starts the lock holder (src/test/lockHolder.ts) and resolves once it holds the row lock. */
async function lockHolder(extraEnv: Record<string, string>): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, ...extraEnv };
  delete env.VITEST;
  const c = spawn(process.execPath, ['--import', 'tsx', 'src/test/lockHolder.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(c);
  let log = '';
  await new Promise<void>((resolve, reject) => {
    c.stdout?.on('data', (d) => {
      log += d;
      if (log.includes('locked')) resolve();
    });
    c.stderr?.on('data', (d) => {
      log += d;
    });
    c.once('exit', (code) => reject(new Error(`lock holder exited ${code}: ${log}`)));
  });
  return c;
}

function killHard(c: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    c.once('exit', () => resolve());
    c.kill('SIGKILL');
  });
}

/** One write of the held key, as a plain client that does nothing else (no clean-up of its own). */
async function writeKey(value: number): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query('UPDATE data_value SET value = $1 WHERE indicator_id = 1', [value]);
    return r.rowCount ?? 0;
  } finally {
    await c.end();
  }
}

describe('a killed server’s statement', () => {
  it.skipIf(!BASE_URL)(
    `is stopped by PostgreSQL itself once the client is gone: the next writer gets through${PG_ONLY}`,
    async () => {
      const child = await lockHolder({});
      await killHard(child);
      // no clean-up by a starting server here: client_connection_check_interval ends it
      expect(await writeKey(2)).toBe(1);
    },
    120_000,
  );

  it.skipIf(!BASE_URL)(
    `is ended by the next server to start, when PostgreSQL cannot tell the client is gone${PG_ONLY}`,
    async () => {
      // PostgreSQL before 14 cannot check the client while a statement runs: stand for it
      const child = await lockHolder({ CHISO_CLIENT_CHECK_MS: '0' });
      await killHard(child);
      const next = await openDatabase({ databaseUrl: url });
      try {
        const r = await next.transaction((tx) =>
          sql`UPDATE data_value SET value = 3 WHERE indicator_id = 1`.execute(tx.db),
        );
        expect(Number(r.numAffectedRows)).toBe(1);
      } finally {
        await next.close();
      }
    },
    120_000,
  );
});

describe('closing the database', () => {
  it.skipIf(!BASE_URL)(
    `cancels the statements its own connections are running, and leaves no lock behind${PG_ONLY}`,
    async () => {
      const own = await openDatabase({ databaseUrl: url });
      let locked!: () => void;
      const holding = new Promise<void>((r) => {
        locked = r;
      });
      const running = own.transaction(async (tx) => {
        await sql`UPDATE data_value SET value = -1 WHERE indicator_id = 1`.execute(tx.db);
        locked();
        await sql`SELECT pg_sleep(3600)`.execute(tx.db);
      });
      const outcome = running.then(
        () => 'finished',
        (e: { code?: string }) => e.code,
      );
      await holding;
      await own.close();
      expect(await outcome).toBe('57014'); // query_canceled
      expect(await writeKey(4)).toBe(1);
      const v = await sql<{ value: number }>`SELECT value FROM data_value WHERE indicator_id = 1`.execute(
        database!.db,
      );
      expect(v.rows[0].value).toBe(4);
    },
    120_000,
  );
});

describe('the connection settings', () => {
  it.skipIf(!BASE_URL)(
    `turn PostgreSQL's JIT compiler off on every pooled connection, unless asked for${PG_ONLY}`,
    async () => {
      const jit = async (d: Pick<Database, 'db'>) =>
        (await sql<{ jit: string }>`SELECT current_setting('jit') AS jit`.execute(d.db)).rows[0].jit;
      // several connections at once: each new one is set
      const seen = await Promise.all(Array.from({ length: 4 }, () => jit(database!)));
      expect(seen).toEqual(['off', 'off', 'off', 'off']);
      const inTx = await database!.transaction((tx) => jit(tx));
      expect(inTx).toBe('off');
      const withJit = await openDatabase({
        databaseUrl: url,
        session: { statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0, clientCheckMs: 0, jit: true },
      });
      try {
        expect(await jit(withJit)).toBe('on');
      } finally {
        await withJit.close();
      }
    },
  );

  it.skipIf(!BASE_URL)(
    `give every pooled connection 32 MB of work_mem, or what is asked for${PG_ONLY}`,
    async () => {
      const workMem = async (d: Pick<Database, 'db'>) =>
        (await sql<{ m: string }>`SELECT current_setting('work_mem') AS m`.execute(d.db)).rows[0].m;
      expect(await Promise.all(Array.from({ length: 3 }, () => workMem(database!)))).toEqual([
        '32MB',
        '32MB',
        '32MB',
      ]);
      const asked = await openDatabase({
        databaseUrl: url,
        session: { statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0, clientCheckMs: 0, workMemMb: 8 },
      });
      try {
        expect(await workMem(asked)).toBe('8MB');
      } finally {
        await asked.close();
      }
    },
  );
});
