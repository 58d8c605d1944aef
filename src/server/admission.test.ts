/**
 * Behaviour under load (src/server/plugins/admission.ts, src/db/workScope.ts): a full queue is
 * answered at once with 503 + Retry-After in the error shape, never left hanging; a client that
 * goes away frees its database connection; a read that runs past its statement_timeout gets a 503.
 *
 * The app is the real one over real HTTP, with a few test-only routes added beside the real ones
 * (they pass through the same hooks): one that waits on a gate the test opens, and ones that run a
 * slow statement. Which tests are PostgreSQL-only, and why, is said in their names.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Config, DEFAULT_LIMITS, loadConfig } from '../config.js';
import { bootstrap } from '../services/bootstrap.js';
import { ADMIN_PASSWORD, openTestDatabase, type TestDb } from '../test/harness.js';
import { buildApp } from './app.js';
import { Gate, workKind } from './plugins/admission.js';

const PG = Boolean(process.env.DATABASE_URL);
const PG_ONLY_CANCEL = PG
  ? ''
  : ' [skipped: PostgreSQL only — PGlite runs each statement to its end inside this process; its queued work is stopped instead (test below)]';
const PG_ONLY_TIMEOUT = PG
  ? ''
  : ' [skipped: PostgreSQL only — PGlite has no statement_timeout: nothing can interrupt a statement it runs in-process]';

/** Resolves when `check` holds, polling; the test's own timeout bounds it. */
async function until(check: () => boolean | Promise<boolean>) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}

function opener() {
  let open!: () => void;
  const promise = new Promise<void>((r) => {
    open = r;
  });
  return { promise, open };
}

let db: TestDb;
let app: Awaited<ReturnType<typeof buildApp>>;
let base = '';
let gate = opener();
let stepGate = opener();
let stepOutcome = opener();
let stepResult = '';

beforeAll(async () => {
  db = await openTestDatabase();
  const config: Config = {
    ...loadConfig({}),
    demo: false,
    adminPassword: ADMIN_PASSWORD,
    webDir: '/nonexistent',
    logLevel: 'silent',
    admission: { ...DEFAULT_LIMITS, read: { concurrency: 1, queue: 1, maxWaitMs: 60_000 } },
    readTimeoutMs: 300,
  };
  await bootstrap(db.database, config, () => {});
  app = await buildApp(db.database, config, { logger: false });
  // test-only routes, public and documented as every /api route must be (server/openapi.ts)
  const open = (operationId: string) => ({
    config: { public: true },
    schema: {
      operationId,
      summary: 'A route of this test',
      response: { 200: z.object({ ok: z.boolean() }) },
    },
  });
  app.get('/api/test/gate', open('testGate'), async () => {
    await gate.promise;
    return { ok: true };
  });
  // a write (POST): the connection's own long statement_timeout, not the reads' short one
  app.post('/api/test/sleep', open('testSleep'), async () => {
    await sql`SELECT pg_sleep(600) /* chiso-cancel-test */`.execute(app.database.db);
    return { ok: true };
  });
  app.post('/api/test/sleep-briefly', open('testSleepBriefly'), async () => {
    await sql`SELECT pg_sleep(1)`.execute(app.database.db);
    return { ok: true };
  });
  app.get('/api/test/slow-read', open('testSlowRead'), async () => {
    await sql`SELECT pg_sleep(30)`.execute(app.database.db);
    return { ok: true };
  });
  app.post('/api/test/steps', open('testSteps'), async () => {
    await stepGate.promise;
    try {
      await sql`INSERT INTO setting (key, value) VALUES ('test.after_gone', '1')`.execute(app.database.db);
      stepResult = 'ran';
    } catch (e) {
      stepResult = (e as { code?: string }).code ?? String(e);
    } finally {
      stepOutcome.open();
    }
    return { ok: true };
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
}, 400_000);

afterAll(async () => {
  gate.open();
  stepGate.open();
  await app?.close();
  await db?.close();
});

describe('kinds of work', () => {
  it('are told by method, route and body size; health and docs are never queued', () => {
    expect(workKind('GET', '/api/analytics/latest', 0)).toBe('read');
    expect(workKind('GET', '/api/data-values/export', 0)).toBe('export');
    expect(workKind('GET', '/api/forms/:code/template.xlsx', 0)).toBe('export');
    expect(workKind('POST', '/api/data-values', 100)).toBe('write');
    expect(workKind('POST', '/api/data-values', 10_000_000)).toBe('import');
    expect(workKind('POST', '/api/forms/:code/upload', 100)).toBe('import');
    expect(workKind('PATCH', '/api/indicators/:code', 100)).toBe('write');
    expect(workKind('GET', '/api/health', 0)).toBeNull();
    expect(workKind('GET', '/api/docs/static/index.html', 0)).toBeNull();
    expect(workKind('GET', undefined, 0)).toBeNull();
  });
});

describe('a gate', () => {
  it('admits up to its concurrency, queues up to its queue, refuses the rest at once', async () => {
    const g = new Gate({ concurrency: 1, queue: 1, maxWaitMs: 60_000 });
    const signal = new AbortController().signal;
    const first = await g.enter(signal);
    let secondIn = false;
    const second = g.enter(signal).then((release) => {
      secondIn = true;
      return release;
    });
    await expect(g.enter(signal)).rejects.toBe('full');
    expect(g.queued).toBe(1);
    first();
    const release = await second;
    expect(secondIn).toBe(true);
    release();
    release(); // twice is once
    expect(g.running).toBe(0);
  });

  it('refuses one that waited its longest, and forgets one whose client left', async () => {
    const g = new Gate({ concurrency: 1, queue: 5, maxWaitMs: 10 });
    const signal = new AbortController().signal;
    const held = await g.enter(signal);
    await expect(g.enter(signal)).rejects.toBe('waited');
    const left = new AbortController();
    const leaving = g.enter(left.signal);
    left.abort();
    await expect(leaving).rejects.toBe('full');
    expect(g.queued).toBe(0);
    held();
    expect(g.running).toBe(0);
  });
});

describe('overload', () => {
  it('answers 503 with Retry-After and the error shape (vi and en) when the queue is full, then serves the rest', async () => {
    gate = opener();
    const first = fetch(`${base}/api/test/gate`);
    await until(() => app.gates.read.running === 1);
    const second = fetch(`${base}/api/test/gate`);
    await until(() => app.gates.read.queued === 1);
    const refused = await fetch(`${base}/api/test/gate`);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('overloaded');
    expect(body.error.message).toMatch(/bận/);
    const en = await fetch(`${base}/api/test/gate`, { headers: { 'accept-language': 'en' } });
    expect(en.status).toBe(503);
    expect(((await en.json()) as { error: { message: string } }).error.message).toMatch(/busy/);
    // a real route is refused the same way while the reads are full
    const real = await fetch(`${base}/api/indicators`);
    expect(real.status).toBe(503);
    // health is never queued
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    gate.open();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    await until(() => app.gates.read.running === 0);
  });
});

describe('a client that goes away', () => {
  it('stops its request’s next statements (queued work is not run)', async () => {
    stepGate = opener();
    stepOutcome = opener();
    const abort = new AbortController();
    const req = fetch(`${base}/api/test/steps`, { method: 'POST', signal: abort.signal }).catch(() => null);
    await until(() => app.gates.write.running === 1);
    abort.abort();
    await req;
    await until(() => app.gates.write.running === 0);
    stepGate.open();
    await stepOutcome.promise;
    expect(stepResult).toBe('chiso_cancelled');
    const r = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM setting WHERE key = 'test.after_gone'`.execute(db.database.db);
    expect(r.rows[0].n).toBe(0);
  });

  it.skipIf(!PG)(
    `has its running statement cancelled on the server: the backend is freed${PG_ONLY_CANCEL}`,
    async () => {
      const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await watcher.connect();
      const running = async () =>
        (
          await watcher.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE state = 'active' AND query LIKE '%chiso-cancel-test%' AND pid <> pg_backend_pid()`,
          )
        ).rows[0].n as number;
      try {
        const abort = new AbortController();
        const req = fetch(`${base}/api/test/sleep`, { method: 'POST', signal: abort.signal }).catch(
          () => null,
        );
        await until(async () => (await running()) === 1);
        abort.abort();
        await req;
        // a 600 s sleep: only the cancel ends it within the test's timeout
        await until(async () => (await running()) === 0);
        await until(() => app.gates.write.running === 0);
        // and the pool serves the next request
        expect((await fetch(`${base}/api/health`)).status).toBe(200);
        const next = await fetch(`${base}/api/indicators`, { headers: { authorization: 'Bearer none' } });
        expect(next.status).toBe(401);
      } finally {
        await watcher.end();
      }
    },
    30_000,
  );
});

describe('a read past its statement_timeout', () => {
  it.skipIf(!PG)(
    `is stopped and answered 503 query_timeout with Retry-After; writes keep the long limit${PG_ONLY_TIMEOUT}`,
    async () => {
      const res = await fetch(`${base}/api/test/slow-read`, { headers: { 'accept-language': 'en' } });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBeTruthy();
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('query_timeout');
      expect(body.error.message).toMatch(/0\.3 seconds/);
      // a write on the same pool runs past the reads' limit
      const write = await fetch(`${base}/api/test/sleep-briefly`, { method: 'POST' });
      expect(write.status).toBe(200);
      // and a read after it is limited again
      expect((await fetch(`${base}/api/test/slow-read`)).status).toBe(503);
    },
    30_000,
  );
});
