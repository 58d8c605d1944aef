/** Opens the configured database: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise. */
import { mkdirSync } from 'node:fs';
import { sql } from 'kysely';
import { loadConfig } from '../config.js';
import type { Database, Tx } from './database.js';
import { migrate } from './migrate.js';
import type { PgSessionSettings } from './postgres.js';

export type { Database, DatabaseKind, Tx } from './database.js';

export interface DbConfig {
  databaseUrl?: string;
  /** PGlite data folder; `memory` for a throw-away in-memory database. */
  dataDir?: string;
  /** PostgreSQL: per-connection time limits (default: from the environment, see config.ts). */
  session?: PgSessionSettings;
}

export async function openDatabase(config: DbConfig): Promise<Database> {
  let database: Database;
  if (config.databaseUrl) {
    const { openPostgres } = await import('./postgres.js');
    database = await openPostgres(config.databaseUrl, config.session ?? loadConfig().dbSession);
  } else {
    const { openPglite } = await import('./pglite.js');
    const dir = config.dataDir && config.dataDir !== 'memory' ? config.dataDir : undefined;
    if (dir) mkdirSync(dir, { recursive: true });
    database = await openPglite(dir);
  }
  await migrate(database);
  return database;
}

/** The same Database, bound to one open transaction: services called with it write inside it. */
export function databaseOnTx(database: Database, tx: Tx): Database {
  return {
    kind: database.kind,
    db: tx.db,
    transaction: (fn) => fn(tx),
    async execScript(text) {
      await sql.raw(text).execute(tx.db);
    },
    async close() {},
  };
}
