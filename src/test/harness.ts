/**
 * Test harness: a fresh database per test file — an in-memory PGlite, or, when DATABASE_URL is
 * set, a schema of its own on that PostgreSQL server — and the app on top, driven by inject().
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { type Config, loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/index.js';
import { buildApp } from '../server/app.js';
import { bootstrap } from '../services/bootstrap.js';

export const ADMIN_PASSWORD = 'admin-test-Pass1';
export const DEMO_PASSWORD = 'demo-test-Pass1';

export interface TestDb {
  database: Database;
  kind: 'pglite' | 'postgresql';
  close(): Promise<void>;
}

/** A fresh, migrated database. On PostgreSQL a throw-away schema, dropped on close. */
export async function openTestDatabase(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory' });
    return { database, kind: 'pglite', close: () => database.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const database = await openDatabase({ databaseUrl: u.toString() });
  return {
    database,
    kind: 'postgresql',
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** inject() as an anonymous caller. */
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** Logs in and returns headers (cookie) to send with later requests. */
  login(username: string, password?: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** The app over a fresh database; `demo: true` loads the demo province and its users. */
export async function startTestApp(
  opts: { demo?: boolean; config?: Partial<Config>; strictResponses?: boolean } = {},
): Promise<TestApp> {
  const db = await openTestDatabase();
  const config: Config = {
    ...loadConfig({}),
    demo: opts.demo ?? false,
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
    webDir: '/nonexistent',
    logLevel: 'silent',
    // tests stand for many clients behind a proxy: X-Forwarded-For names each one
    trustProxy: true,
    ...opts.config,
  };
  await bootstrap(db.database, config, () => {});
  const app = await buildApp(db.database, config, { logger: false, strictResponses: opts.strictResponses });
  await app.ready();
  return {
    app,
    database: db.database,
    config,
    request: (o) => app.inject(o),
    async login(username, password) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: password ?? (username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD) },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'chiso_session');
      return { cookie: `chiso_session=${cookie?.value}` };
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export { sharedPath } from './shared.js';
